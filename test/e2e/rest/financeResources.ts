// The three finance resources of the REST contract, described once for the tests that treat them alike.
export interface FinanceResource {
  name: string;
  /** The POST route. */
  path: string;
  listPath: (userId: number) => string;
  listKey: string;
  idKey: string;
  message: string;
  amountField: string;
  dateField: string;
  /** A valid body for `userId`; its fields come back in the list under the same names. */
  validBody: (userId: number) => Record<string, unknown>;
}

export const financeResources: FinanceResource[] = [
  {
    name: 'income',
    path: '/income',
    listPath: (userId) => `/income/${userId}`,
    listKey: 'incomes',
    idKey: 'incomeId',
    message: 'Income added successfully',
    amountField: 'amount',
    dateField: 'date',
    validBody: (userId) => ({ userId, amount: 2500.5, source: 'Salary', date: '2026-11-01' }),
  },
  {
    name: 'expense',
    path: '/expense',
    listPath: (userId) => `/expense/${userId}`,
    listKey: 'expenses',
    idKey: 'expenseId',
    message: 'Expense added successfully',
    amountField: 'amount',
    dateField: 'date',
    validBody: (userId) => ({ userId, amount: 42.1, category: 'Groceries', date: '2026-11-02' }),
  },
  {
    name: 'savings goal',
    path: '/savings',
    listPath: (userId) => `/savings/${userId}`,
    listKey: 'savingsGoals',
    idKey: 'savingsId',
    message: 'Savings goal set successfully',
    amountField: 'goal',
    dateField: 'targetDate',
    validBody: (userId) => ({ userId, goal: 5000, targetDate: '2027-06-30' }),
  },
];

/** The record as the list route shows it: the body without userId, plus the new id. */
export function listedRecord(resource: FinanceResource, body: Record<string, unknown>, id: number): Record<string, unknown> {
  const { userId: _userId, ...fields } = body;
  return { [resource.idKey]: id, ...fields };
}
