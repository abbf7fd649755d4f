// A pg Client for the schema engine's connections. The engine reads PostgreSQL's catalogs, whose
// one-byte "char" columns (pg_constraint.contype and the like) @prisma/adapter-pg 7.10 refuses
// ("Column type 'char' could not be deserialized from the database"). Their values arrive as
// text anyway, so announcing those columns as text lets the engine read them.
//
// No upstream issue found as of 2026-11; to report at prisma/orm. The same failure for "name" was
// https://github.com/prisma/orm/issues/27403, fixed by mapping OID 19 (PR #28470). Delete this class when
// adapter-pg's fieldToColumnType maps OID 18 ("char"); 7.10.1 still throws UnsupportedNativeDataType for it.
import pg from 'pg';

const internalCharOid = 18;
const textOid = 25;

interface RowDescription {
  fields: Array<{ dataTypeID: number }>;
}

export class CatalogReadingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // Prepended, so it runs before the client's own handler hands the fields to the query.
    this.connection.prependListener('rowDescription', (message: RowDescription) => {
      for (const field of message.fields) {
        if (field.dataTypeID === internalCharOid) field.dataTypeID = textOid;
      }
    });
  }
}
