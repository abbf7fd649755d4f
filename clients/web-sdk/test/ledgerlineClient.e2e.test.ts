// The SDK as an SPA uses it, against the real router: typed documents in, typed results out.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { uniqueCredentials } from '../../../test/support/router.js';
import {
  AddExpenseDocument,
  AddIncomeDocument,
  CreateSavingsGoalDocument,
  createLedgerlineClient,
  DashboardDocument,
  DeleteAccountDocument,
  DeleteExpenseDocument,
  LoginDocument,
  MeDocument,
  RegisterDocument,
  UpdateIncomeDocument,
} from '../src/index.js';

const url = inject('routerUrl');

async function signedInClient() {
  const credentials = uniqueCredentials();
  const { data } = await createLedgerlineClient({ url }).mutate(RegisterDocument, credentials);
  return { credentials, client: createLedgerlineClient({ url, token: data!.register.token }) };
}

describe('web SDK client', () => {
  it('registers and logs in, and the token it gets reads the profile', async () => {
    const anonymous = createLedgerlineClient({ url });
    const credentials = uniqueCredentials();
    const registered = await anonymous.mutate(RegisterDocument, credentials);
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register.user).toMatchObject({ username: credentials.username, email: credentials.email });

    const loggedIn = await anonymous.mutate(LoginDocument, { email: credentials.email, password: credentials.password });
    expect(loggedIn.data?.login.userId).toBe(registered.data?.register.userId);

    const session: { token?: string | undefined } = {};
    const client = createLedgerlineClient({ url, token: () => session.token });
    expect((await client.query(MeDocument)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    session.token = loggedIn.data?.login.token;
    const { data, errors } = await client.query(MeDocument);
    expect(errors).toBeUndefined();
    expect(data?.me).toEqual({
      id: registered.data?.register.userId,
      username: credentials.username,
      email: credentials.email,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('records money with mutations and reads it back on the dashboard, exactly', async () => {
    const { credentials, client } = await signedInClient();
    const salary = await client.mutate(AddIncomeDocument, { amount: '2500.00', source: 'Salary', date: '2026-11-01' });
    expect(salary.data?.addIncome).toMatchObject({ amount: '2500.00', source: 'Salary', date: '2026-11-01' });
    await client.mutate(AddExpenseDocument, { amount: '0.10', category: 'Coffee', date: '2026-11-02' });
    await client.mutate(AddExpenseDocument, { amount: '0.20', category: 'Coffee', date: '2026-11-03' });
    const rent = await client.mutate(AddExpenseDocument, { amount: '900', category: 'Rent', date: '2026-11-04' });
    await client.mutate(DeleteExpenseDocument, { id: rent.data!.addExpense.id });
    await client.mutate(UpdateIncomeDocument, { id: salary.data!.addIncome.id, amount: '2600.00' });
    await client.mutate(CreateSavingsGoalDocument, { goal: '5000.00', targetDate: '2027-06-30' });

    const { data, errors } = await client.query(DashboardDocument, { from: '2026-11-01', to: '2026-11-30' });
    expect(errors).toBeUndefined();
    expect(data?.me?.username).toBe(credentials.username);
    expect(data?.me?.incomes).toEqual([{ id: salary.data!.addIncome.id, amount: '2600.00', source: 'Salary', date: '2026-11-01' }]);
    expect(data?.me?.expenses?.map((expense) => expense.amount)).toEqual(['0.20', '0.10']);
    expect(data?.me?.savingsGoals).toEqual([{ id: expect.any(String), goal: '5000.00', targetDate: '2027-06-30' }]);
    expect(data?.me?.financialSummary).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      totalIncome: '2600.00',
      totalExpenses: '0.30',
      net: '2599.70',
      savingsRate: 0.9999,
      expensesByCategory: [{ category: 'Coffee', total: '0.30' }],
    });
  });

  it('retries a mutation with its idempotency key without writing it twice', async () => {
    const { client } = await signedInClient();
    const key = randomUUID();
    const variables = { amount: '75.00', source: 'Retried', date: '2026-11-05' };
    const first = await client.mutate(AddIncomeDocument, variables, { idempotencyKey: key });
    const retry = await client.mutate(AddIncomeDocument, variables, { idempotencyKey: key });
    expect(retry.data?.addIncome.id).toBe(first.data?.addIncome.id);
    const other = await client.mutate(AddIncomeDocument, { ...variables, amount: '76.00' }, { idempotencyKey: key });
    expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const { data } = await client.query(DashboardDocument, { from: '2026-11-05', to: '2026-11-05' });
    expect(data?.me?.incomes).toHaveLength(1);
  });

  it('returns errors with their codes instead of throwing', async () => {
    const { client } = await signedInClient();
    const badAmount = await client.mutate(AddIncomeDocument, { amount: '12.345', source: 'Gift', date: '2026-11-01' });
    expect(badAmount.data).toBeNull();
    expect(badAmount.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });

    const forged = await createLedgerlineClient({ url, token: 'not-a-token' }).query(MeDocument);
    expect(forged.data).toBeNull();
    expect(forged.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('deletes the account, after which its client is refused', async () => {
    const { credentials, client } = await signedInClient();
    await client.mutate(AddIncomeDocument, { amount: '10.00', source: 'Gift', date: '2026-11-01' });
    const { data } = await client.mutate(DeleteAccountDocument, { password: credentials.password });
    expect(data?.deleteAccount.status).toBe('DELETED');
    expect((await client.query(MeDocument)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
