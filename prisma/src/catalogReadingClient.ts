// A pg Client for the schema engine's connections. The engine reads PostgreSQL's catalogs, whose
// one-byte "char" columns (pg_constraint.contype and the like) @prisma/adapter-pg 7.10 refuses
// ("Column type 'char' could not be deserialized from the database"). Their values arrive as
// text anyway, so announcing those columns as text lets the engine read them.
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
