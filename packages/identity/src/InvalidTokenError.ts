/** A token (user session or router assertion) that must not be trusted; `reason` is safe to show. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}
