// A pg Pool that is one database session for as long as it lives. Migrations run in a
// transaction on it, and pg's own Pool.query drops a connection whenever a query on it fails,
// taking the transaction, its SET LOCAL search_path and the engine's advisory lock along: the
// engine would then record the failure through a fresh connection, outside the transaction and
// in the wrong schema. Here a failed statement keeps the connection; a broken socket does not.
//
// Not an upstream bug, so no issue: pg-pool (3.14) Pool.query passes the query's error to client.release(err), and
// releasing with an error ends the client by design. This stays while adapter-pg needs a Pool (7.10's PrismaPg takes
// a Pool or pool config); it could go if the engine could be run on one dedicated pg.Client.
import pg from 'pg';

export class SessionPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    // No idle timeout: a pause between two statements must not end the session.
    super({ ...config, max: 1, idleTimeoutMillis: 0 });
    // pg types query with many overloads; adapter-pg and this package use the promise forms only.
    this.query = this.queryKeepingSession.bind(this) as pg.Pool['query'];
  }

  private async queryKeepingSession(config: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    const client = await this.connect();
    let connectionError: Error | undefined;
    const onConnectionError = (error: Error): void => {
      connectionError = error;
    };
    client.on('error', onConnectionError);
    try {
      return await client.query(config, values);
    } finally {
      client.off('error', onConnectionError);
      client.release(connectionError);
    }
  }
}
