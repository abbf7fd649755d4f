// The server's half of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it: the client proves it knows the
// password without sending it, so a process squatting on the port while the launcher is down learns nothing.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const scramMechanism = 'SCRAM-SHA-256';
const iterations = 4096;

export interface ScramVerifier {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export interface ScramExchange {
  /** The answer to the client's first message (AuthenticationSASLContinue's data). */
  serverFirst: string;
  /** Checks the client's final message: the server's signature (AuthenticationSASLFinal's data), or null when the proof is wrong. */
  finish(clientFinal: string): string | null;
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** What PostgreSQL would keep for the password. The password is ASCII, so SASLprep leaves it as it is. */
export function scramVerifier(password: string): ScramVerifier {
  const salt = randomBytes(16);
  const saltedPassword = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  return { salt, storedKey: sha256(hmac(saltedPassword, 'Client Key')), serverKey: hmac(saltedPassword, 'Server Key') };
}

function attributes(message: string): Map<string, string> {
  return new Map(message.split(',').map((part) => [part.slice(0, 1), part.slice(2)]));
}

/** Starts an exchange from the client's first message, or returns null when it is not one this server accepts. */
export function startScramExchange(verifier: ScramVerifier, clientFirst: string): ScramExchange | null {
  // gs2 header "n,," or "y,,": no channel binding (there is no TLS to bind to).
  const match = /^[ny],,(.*)$/.exec(clientFirst);
  const clientFirstBare = match?.[1];
  const clientNonce = clientFirstBare === undefined ? undefined : attributes(clientFirstBare).get('r');
  if (clientFirstBare === undefined || !clientNonce) return null;
  const nonce = clientNonce + randomBytes(18).toString('base64');
  const serverFirst = `r=${nonce},s=${verifier.salt.toString('base64')},i=${iterations}`;
  return {
    serverFirst,
    finish(clientFinal) {
      const proofAt = clientFinal.lastIndexOf(',p=');
      if (proofAt < 0) return null;
      const withoutProof = clientFinal.slice(0, proofAt);
      if (attributes(withoutProof).get('r') !== nonce) return null;
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
      const clientSignature = hmac(verifier.storedKey, authMessage);
      if (proof.length !== clientSignature.length) return null;
      const clientKey = Buffer.from(proof.map((byte, i) => byte ^ (clientSignature[i] as number)));
      if (!timingSafeEqual(sha256(clientKey), verifier.storedKey)) return null;
      return `v=${hmac(verifier.serverKey, authMessage).toString('base64')}`;
    },
  };
}
