import { DomainError } from './DomainError.js';

/** Why a signed, unexpired token is refused anyway: the same words from every service. */
export function refusedToken(reason: 'revoked' | 'no_account'): DomainError {
  return new DomainError(
    'UNAUTHENTICATED',
    reason === 'revoked'
      ? 'This session has ended (it was logged out, the account was signed out everywhere, its password changed, or it is being deleted); sign in again'
      : 'The account this token was issued for no longer exists',
  );
}
