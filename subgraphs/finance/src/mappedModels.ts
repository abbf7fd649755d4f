// codegen.ts maps GraphQL types onto these models, and the default resolvers serve their fields
// as they are. Codegen does not check that those fields fit the schema; the compiler does, here.
import type { FinancialSummary } from './financialSummary.js';
import type * as Schema from './generated/graphql.js';
import type { Expense, Income, SavingsGoal } from './generated/prisma/client.js';
import type { UserReference } from './userReference.js';

/** Compiles only when Model can stand for the GraphQL type: every field, of a fitting type. */
type Fits<Model extends Omit<GraphQLType, '__typename'>, GraphQLType> = Model;

export type MappedModels = [
  Fits<Income, Schema.Income>,
  Fits<Expense, Schema.Expense>,
  Fits<SavingsGoal, Schema.SavingsGoal>,
  Fits<FinancialSummary, Schema.FinancialSummary>,
  // User's other fields have resolvers of their own (resolvers/User.ts).
  Fits<UserReference, Pick<Schema.User, 'id'>>,
];
