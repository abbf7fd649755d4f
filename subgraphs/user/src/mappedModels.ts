// codegen.ts maps GraphQL types onto these models, and the default resolvers serve their fields
// as they are. Codegen does not check that those fields fit the schema; the compiler does, here.
import type * as Schema from './generated/graphql.js';
import type { User } from './generated/prisma/client.js';

/** Compiles only when Model can stand for the GraphQL type: every field, of a fitting type. */
type Fits<Model extends Omit<GraphQLType, '__typename'>, GraphQLType> = Model;

export type MappedModels = [Fits<User, Schema.User>];
