const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The token of an `Authorization: Bearer <token>` value (HTTP header or gRPC metadata), the scheme
 * read without regard to case; undefined when the value is not of that form.
 */
export const bearerTokenOf = (value: string): string | undefined => BEARER.exec(value)?.[1];
