/**
 * A User entity as the Finance subgraph holds it: only the id crosses from the User subgraph
 * (federation's `@key(fields: "id")`), already read as the integer it is in the database.
 */
export interface UserReference {
  id: number;
}
