// Keeps one connection's query cycle whole on PGlite's single session.
//
// PGLiteSocketServer (0.1.3, and 0.2.17 alike) passes each protocol message to PGlite as it
// arrives and gives another connection its turn after any message unless a transaction is open.
// A query sent by pg with parameters is five messages (Parse, Bind, Describe, Execute, Sync), so
// two connections' queries interleave in the one session: one binds the other's statement
// ("unnamed prepared statement does not exist") or the session is left waiting on a connection
// that has nothing more to send, and every connection hangs.
//
// The server decides with db.isInTransaction(); answering "yes" also while a cycle is open,
// i.e. until PGlite has answered ReadyForQuery, keeps the turn with the connection that began it.
//
// Upstream: https://github.com/electric-sql/pglite/issues/1046 (open; proposed fix in PR #977). Delete this file
// and its use in embeddedPostgres.ts once we run a pglite-socket release that keeps a connection's turn until
// ReadyForQuery (#1046 closed); 0.2.17 still does not. Note pglite-socket 0.2.x needs @electric-sql/pglite 0.5.
import type { PGlite } from '@electric-sql/pglite';

const readyForQuery = 0x5a; // 'Z'

/** Follows a backend message stream to tell whether it ended with ReadyForQuery. */
class ReadyForQueryWatcher {
  private header: number[] = [];
  private type = 0;
  private bodyLeft = 0;
  private lastType = 0;

  feed(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft === 0) {
        this.header.push(chunk[i++] as number);
        if (this.header.length < 5) continue;
        const [type, a, b, c, d] = this.header as [number, number, number, number, number];
        this.type = type;
        this.bodyLeft = ((a << 24) | (b << 16) | (c << 8) | d) - 4;
        this.header = [];
        if (this.bodyLeft === 0) this.lastType = this.type;
        continue;
      }
      const taken = Math.min(this.bodyLeft, chunk.length - i);
      i += taken;
      this.bodyLeft -= taken;
      if (this.bodyLeft === 0) this.lastType = this.type;
    }
  }

  get endedReady(): boolean {
    return this.lastType === readyForQuery && this.bodyLeft === 0 && this.header.length === 0;
  }
}

export function withQueryCycleOwnership(db: PGlite): PGlite {
  let cycleOpen = false;

  const execProtocolRawStream: PGlite['execProtocolRawStream'] = async (message, options) => {
    const watcher = new ReadyForQueryWatcher();
    await db.execProtocolRawStream(message, {
      ...options,
      onRawData: (data) => {
        watcher.feed(data);
        options?.onRawData(data);
      },
    });
    cycleOpen = !watcher.endedReady;
  };
  // The server's clean-up when an owner disconnects: a whole query of PGlite's own ends the cycle.
  const exec: PGlite['exec'] = async (...args) => {
    const results = await db.exec(...args);
    cycleOpen = false;
    return results;
  };
  const isInTransaction = () => cycleOpen || db.isInTransaction();

  const overrides = new Map<PropertyKey, unknown>([
    ['execProtocolRawStream', execProtocolRawStream],
    ['exec', exec],
    ['isInTransaction', isInTransaction],
  ]);
  return new Proxy(db, {
    get(target, property) {
      if (overrides.has(property)) return overrides.get(property);
      // Read and called on PGlite itself, whose methods rely on their own private state.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
