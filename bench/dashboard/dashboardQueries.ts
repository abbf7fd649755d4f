// The operations every target of `npm run bench` serves, as text: the dashboard a signed-in user
// opens, and the parts of it each subgraph answers when called directly.

/** Incomes and expenses the dashboard lists. */
export const DASHBOARD_LIMIT = 10;

const financeFields = `incomes(limit: $limit) { id amount source date }
      expenses(limit: $limit) { id amount category date }
      financialSummary { totalIncome totalExpenses net savingsRate expensesByCategory { category total } }`;

export const DASHBOARD_QUERY = `query Dashboard($limit: Int) {
  me {
    id
    username
    ${financeFields}
  }
}`;

/** The User subgraph's part of the dashboard, asked of it directly. */
export const USER_PART_QUERY = 'query DashboardUser { me { id username } }';

/** The Finance subgraph's part, as the router's query plan asks for it: one entity fetch. */
export const FINANCE_PART_QUERY = `query DashboardFinance($representations: [_Any!]!, $limit: Int) {
  _entities(representations: $representations) {
    ... on User {
      ${financeFields}
    }
  }
}`;

/** The query behind the REST route GET /income/{userId} (router/src/rest/operations/finance.ts), one page of all incomes. */
export const INCOMES_QUERY = `query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {
  user(id: $userId) { incomes(limit: $limit, offset: $offset) { id amount source date } }
}`;
/** The REST route's page size (router/src/rest/recordsOfUser.ts): the GraphQL side asks for the same page. */
export const REST_PAGE_SIZE = 500;
