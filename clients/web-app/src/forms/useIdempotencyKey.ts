// One Idempotency-Key per write the person means. Sending the same values again after a lost answer
// (a dropped connection) reuses the key, so the router applies the write once; changed values or a
// success start a new one.
import { useRef } from 'react';

export interface IdempotencyKeys {
  /** The key for a write of these values (any string that identifies them). */
  keyFor: (values: string) => string;
  /** The write went in: the next one is new whatever its values. */
  succeeded: () => void;
}

export function useIdempotencyKey(): IdempotencyKeys {
  const current = useRef<{ values: string; key: string } | null>(null);
  return {
    keyFor(values) {
      if (current.current?.values !== values) current.current = { values, key: randomKey() };
      return current.current.key;
    },
    succeeded() {
      current.current = null;
    },
  };
}

// crypto.randomUUID exists only in secure contexts; getRandomValues everywhere.
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
