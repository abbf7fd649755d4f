/**
 * Whether `error` is a Prisma client's known request error with this code (P2002, P2025 ...).
 * Only a service's data layer asks: it turns the code into an answer its domain rules understand.
 */
export function isPrismaError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
