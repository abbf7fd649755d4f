// The KeyObject of an HS256 secret, made once. Given a string, jsonwebtoken first tries to read it
// as a PEM key (createPrivateKey / createPublicKey, which throw) before making a secret key: on
// every sign and verify. That cost a router under a burst of WebSocket connections an eighth of
// its CPU (bench/), so every sign and verify here passes the KeyObject.
import { createSecretKey, type KeyObject } from 'node:crypto';

/** A process holds two or three secrets; the bound only guards against a caller minting many. */
const MAX_KEYS = 16;
const keys = new Map<string, KeyObject>();

export function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = createSecretKey(Buffer.from(secret));
    keys.set(secret, key);
  }
  return key;
}
