/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation RestAddIncome($amount: Money!, $source: String!, $date: Date!) {\n    addIncome(amount: $amount, source: $source, date: $date) { id }\n  }\n": typeof types.RestAddIncomeDocument,
    "\n  query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { incomes(limit: $limit, offset: $offset) { id amount source date } }\n  }\n": typeof types.RestIncomesDocument,
    "\n  mutation RestAddExpense($amount: Money!, $category: String!, $date: Date!) {\n    addExpense(amount: $amount, category: $category, date: $date) { id }\n  }\n": typeof types.RestAddExpenseDocument,
    "\n  query RestExpenses($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { expenses(limit: $limit, offset: $offset) { id amount category date } }\n  }\n": typeof types.RestExpensesDocument,
    "\n  mutation RestCreateSavingsGoal($goal: Money!, $targetDate: Date!) {\n    createSavingsGoal(goal: $goal, targetDate: $targetDate) { id }\n  }\n": typeof types.RestCreateSavingsGoalDocument,
    "\n  query RestSavingsGoals($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { savingsGoals(limit: $limit, offset: $offset) { id goal targetDate } }\n  }\n": typeof types.RestSavingsGoalsDocument,
    "\n  mutation RestRegister($username: String!, $email: String!, $password: String!) {\n    register(username: $username, email: $email, password: $password) { userId }\n  }\n": typeof types.RestRegisterDocument,
    "\n  mutation RestLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token userId }\n  }\n": typeof types.RestLoginDocument,
    "\n  query RestProfile($id: ID!) {\n    user(id: $id) { id username email }\n  }\n": typeof types.RestProfileDocument,
};
const documents: Documents = {
    "\n  mutation RestAddIncome($amount: Money!, $source: String!, $date: Date!) {\n    addIncome(amount: $amount, source: $source, date: $date) { id }\n  }\n": types.RestAddIncomeDocument,
    "\n  query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { incomes(limit: $limit, offset: $offset) { id amount source date } }\n  }\n": types.RestIncomesDocument,
    "\n  mutation RestAddExpense($amount: Money!, $category: String!, $date: Date!) {\n    addExpense(amount: $amount, category: $category, date: $date) { id }\n  }\n": types.RestAddExpenseDocument,
    "\n  query RestExpenses($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { expenses(limit: $limit, offset: $offset) { id amount category date } }\n  }\n": types.RestExpensesDocument,
    "\n  mutation RestCreateSavingsGoal($goal: Money!, $targetDate: Date!) {\n    createSavingsGoal(goal: $goal, targetDate: $targetDate) { id }\n  }\n": types.RestCreateSavingsGoalDocument,
    "\n  query RestSavingsGoals($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { savingsGoals(limit: $limit, offset: $offset) { id goal targetDate } }\n  }\n": types.RestSavingsGoalsDocument,
    "\n  mutation RestRegister($username: String!, $email: String!, $password: String!) {\n    register(username: $username, email: $email, password: $password) { userId }\n  }\n": types.RestRegisterDocument,
    "\n  mutation RestLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token userId }\n  }\n": types.RestLoginDocument,
    "\n  query RestProfile($id: ID!) {\n    user(id: $id) { id username email }\n  }\n": types.RestProfileDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestAddIncome($amount: Money!, $source: String!, $date: Date!) {\n    addIncome(amount: $amount, source: $source, date: $date) { id }\n  }\n"): (typeof documents)["\n  mutation RestAddIncome($amount: Money!, $source: String!, $date: Date!) {\n    addIncome(amount: $amount, source: $source, date: $date) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { incomes(limit: $limit, offset: $offset) { id amount source date } }\n  }\n"): (typeof documents)["\n  query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { incomes(limit: $limit, offset: $offset) { id amount source date } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestAddExpense($amount: Money!, $category: String!, $date: Date!) {\n    addExpense(amount: $amount, category: $category, date: $date) { id }\n  }\n"): (typeof documents)["\n  mutation RestAddExpense($amount: Money!, $category: String!, $date: Date!) {\n    addExpense(amount: $amount, category: $category, date: $date) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestExpenses($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { expenses(limit: $limit, offset: $offset) { id amount category date } }\n  }\n"): (typeof documents)["\n  query RestExpenses($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { expenses(limit: $limit, offset: $offset) { id amount category date } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestCreateSavingsGoal($goal: Money!, $targetDate: Date!) {\n    createSavingsGoal(goal: $goal, targetDate: $targetDate) { id }\n  }\n"): (typeof documents)["\n  mutation RestCreateSavingsGoal($goal: Money!, $targetDate: Date!) {\n    createSavingsGoal(goal: $goal, targetDate: $targetDate) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestSavingsGoals($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { savingsGoals(limit: $limit, offset: $offset) { id goal targetDate } }\n  }\n"): (typeof documents)["\n  query RestSavingsGoals($userId: ID!, $limit: Int!, $offset: Int!) {\n    user(id: $userId) { savingsGoals(limit: $limit, offset: $offset) { id goal targetDate } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestRegister($username: String!, $email: String!, $password: String!) {\n    register(username: $username, email: $email, password: $password) { userId }\n  }\n"): (typeof documents)["\n  mutation RestRegister($username: String!, $email: String!, $password: String!) {\n    register(username: $username, email: $email, password: $password) { userId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token userId }\n  }\n"): (typeof documents)["\n  mutation RestLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) { token userId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestProfile($id: ID!) {\n    user(id: $id) { id username email }\n  }\n"): (typeof documents)["\n  query RestProfile($id: ID!) {\n    user(id: $id) { id username email }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;