// Where the WebSocket connection limits keep their slots: one slot per open socket under a key
// (a client address, a user), taken only while fewer than the limit are held.

export interface SlotStore {
  /** Takes one of `limit` slots of `key` for `holder` (unique to one socket); false when every one is held. Throws when the store cannot answer. */
  take(key: string, holder: string, limit: number): Promise<boolean>;
  /** Gives the holder's slot back; a holder that holds none is ignored. */
  release(key: string, holder: string): Promise<void>;
  close(): Promise<void>;
}
