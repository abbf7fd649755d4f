// The accounts the load reads as: registered through the router, each given incomes and expenses
// over several categories and dates, with the totals its financial summary must then show.
import { registerAccounts, type BenchAccount } from '../support/benchAccounts.js';
import { atMostAtOnce } from '../support/atMostAtOnce.js';
import { graphqlCall } from '../support/graphqlCall.js';

export interface BenchLedger extends BenchAccount {
  /** The user's all-time totals, as Money ("1234.50"): a response showing others is another user's, or stale. */
  totalIncome: string;
  totalExpenses: string;
}

interface LedgerRecord {
  kind: 'income' | 'expense';
  cents: number;
  /** An income's source or an expense's category. */
  label: string;
  date: string;
}

/** Mutations sent at once while recording: enough to keep Finance busy on two cores, not so many that its pool queues. */
const RECORDS_AT_ONCE = 8;
const SOURCES = ['Salary', 'Freelance', 'Dividends', 'Refund'];
const CATEGORIES = ['Groceries', 'Rent', 'Transport', 'Utilities', 'Dining', 'Health'];
const DAY_MS = 24 * 3_600_000;

const between = (least: number, most: number) => least + Math.floor(Math.random() * (most - least + 1));
const pickFrom = (labels: string[]) => labels[between(0, labels.length - 1)] ?? 'Other';
/** A day within the past year, as a Date ("YYYY-MM-DD"). */
const dayInPastYear = () => new Date(Date.now() - between(0, 364) * DAY_MS).toISOString().slice(0, 10);
const money = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function recordsFor(count: number): LedgerRecord[] {
  const incomes = Array.from({ length: count }, () => ({
    kind: 'income' as const,
    cents: between(50_000, 500_000),
    label: pickFrom(SOURCES),
    date: dayInPastYear(),
  }));
  const expenses = Array.from({ length: count }, () => ({
    kind: 'expense' as const,
    cents: between(100, 30_000),
    label: pickFrom(CATEGORIES),
    date: dayInPastYear(),
  }));
  return [...incomes, ...expenses];
}

async function addRecord(graphqlUrl: string, account: BenchAccount, record: LedgerRecord): Promise<void> {
  const variables = { amount: money(record.cents), label: record.label, date: record.date };
  const mutation =
    record.kind === 'income'
      ? 'mutation AddIncome($amount: Money!, $label: String!, $date: Date!) { addIncome(amount: $amount, source: $label, date: $date) { id } }'
      : 'mutation AddExpense($amount: Money!, $label: String!, $date: Date!) { addExpense(amount: $amount, category: $label, date: $date) { id } }';
  await graphqlCall(graphqlUrl, mutation, variables, account.token);
}

const totalCents = (records: LedgerRecord[], kind: LedgerRecord['kind']) =>
  records.filter((record) => record.kind === kind).reduce((sum, record) => sum + record.cents, 0);

/** `users` accounts, each with `records` incomes and as many expenses. */
export async function setUpBenchLedgers(graphqlUrl: string, users: number, records: number): Promise<BenchLedger[]> {
  const accounts = await registerAccounts(graphqlUrl, users);
  const ledgers = accounts.map((account) => ({ account, records: recordsFor(records) }));
  const writes = ledgers.flatMap(({ account, records }) => records.map((record) => ({ account, record })));
  await atMostAtOnce(writes, RECORDS_AT_ONCE, ({ account, record }) => addRecord(graphqlUrl, account, record));
  return ledgers.map(({ account, records }) => ({
    ...account,
    totalIncome: money(totalCents(records, 'income')),
    totalExpenses: money(totalCents(records, 'expense')),
  }));
}
