// Which variables carry a secret: the signing keys, passwords, and URLs that embed a password
// (database and Redis URLs). None may have a literal value in a committed manifest or an image.

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|_AUTH)$|^(DATABASE_URL|[A-Z_]+_DATABASE_URL|REDIS_URL)$/;

export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A URL with a password in it (`scheme://user:password@host`), unless the password is a `${...}` reference. */
export function hasLiteralUrlPassword(value: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/:@]*:([^@]*)@/i.exec(value);
  return match !== null && match[1] !== '' && !match[1]!.startsWith('${');
}
