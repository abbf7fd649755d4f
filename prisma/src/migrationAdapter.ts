// The driver adapter the schema engine migrates through: Prisma's PostgreSQL adapter, except that
// a migration script goes to the server whole, and the shadow database is a real one.
//
// @prisma/adapter-pg's executeScript splits a script on every ";" and runs the pieces one by one,
// possibly on different pooled connections: a ";" inside a string or a function body breaks it,
// and a failure leaves the first statements applied. Sent as one simple-protocol query, the
// script runs as a unit, as it does with Prisma's native engine.
// No upstream issue found as of 2026-11 (upstream marks it "FIXME: there's no guarantee that the semicolon is between
// statements" in packages/adapter-pg/src/pg.ts). When adapter-pg's executeScript sends the script as one query (7.10.1
// still splits), executeScript can pass straight through outside a transaction; the savepoint inside one stays.
import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  isDriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { createShadowDatabase } from './shadowDatabase.js';

const scriptSavepoint = 'ledgerline_migration_script';

/**
 * An error as the engine words it best: as the server's own. adapter-pg turns well-known
 * PostgreSQL errors into Prisma's error kinds, some of which (InvalidInputValue, adapter-pg 7.10)
 * this schema engine build does not know, and it shows plain JavaScript errors as "External error
 * id#0". Passed on as a database error, with the server's code where there is one, the message
 * comes out as native Prisma words it: "ERROR: invalid input syntax for type integer ...".
 * No upstream issue found for either as of 2026-11. The error-kind part can go when the schema-engine-wasm build
 * knows every kind adapter-pg emits (its .wasm has no "InvalidInputValue" in 8.1.0-2.59be4fda); the plain-error part
 * when driver-adapter-utils' binder resolves "External error id#N" to the registered error, as the closed, unmerged
 * https://github.com/prisma/orm/pull/26983 proposed.
 */
function engineReadableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  let code = (error as { code?: unknown }).code;
  let message = error.message;
  if (isDriverAdapterError(error)) {
    if (error.cause.originalCode === undefined || error.cause.originalMessage === undefined) return error;
    code = error.cause.originalCode;
    message = error.cause.originalMessage;
  }
  return new DriverAdapterError({
    kind: 'postgres',
    code: typeof code === 'string' ? code : 'N/A',
    severity: 'ERROR',
    message,
    detail: undefined,
    column: undefined,
    hint: undefined,
  });
}

async function runScript(adapter: SqlDriverAdapter, sql: string): Promise<void> {
  try {
    // No arguments: pg then uses the simple protocol, which takes many statements at once.
    await adapter.executeRaw({ sql, args: [], argTypes: [] });
  } catch (error) {
    throw engineReadableError(error);
  }
}

/**
 * Inside an open transaction a failing statement aborts everything after it, so the engine could
 * not record the failure and would report that instead of the real error. A savepoint undoes
 * just the script and lets the original error through.
 */
async function runScriptInSavepoint(adapter: SqlDriverAdapter, script: string): Promise<void> {
  try {
    await runScript(adapter, `SAVEPOINT ${scriptSavepoint};\n${script}\n;RELEASE SAVEPOINT ${scriptSavepoint}`);
  } catch (error) {
    await runScript(adapter, `ROLLBACK TO SAVEPOINT ${scriptSavepoint}`);
    throw error;
  }
}

function withWholeScripts(adapter: SqlDriverAdapter, insideTransaction: boolean): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: () => adapter.getConnectionInfo?.() ?? { supportsRelationJoins: false },
    dispose: () => adapter.dispose(),
    executeScript: (script) => (insideTransaction ? runScriptInSavepoint(adapter, script) : runScript(adapter, script)),
  };
}

export function migrationAdapterFactory(options: {
  pool: pg.Pool;
  /** The PostgreSQL schema the engine keeps its tables and `_prisma_migrations` in; default public. */
  schema?: string;
  /** Whether the caller runs the engine inside a transaction it opened on `pool`. */
  insideTransaction: boolean;
}): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPg(options.pool, options.schema === undefined ? undefined : { schema: options.schema });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => withWholeScripts(await base.connect(), options.insideTransaction),
    connectToShadowDb: async () => {
      const shadow = await createShadowDatabase(options.pool).catch((error: unknown) => {
        throw engineReadableError(error);
      });
      const adapter = withWholeScripts(await new PrismaPg(shadow.pool).connect(), false);
      return {
        ...adapter,
        dispose: async () => {
          await adapter.dispose();
          await shadow.drop();
        },
      };
    },
  };
}
