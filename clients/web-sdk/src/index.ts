// The Ledgerline web SDK: typed operation documents and the client that sends them.
export {
  createLedgerlineClient,
  LedgerlineHttpError,
  type LedgerlineClient,
  type LedgerlineClientOptions,
  type LedgerlineError,
  type LedgerlineResult,
  type MutationOptions,
} from './client.js';
export {
  RegisterDocument,
  LoginDocument,
  MeDocument,
  UpdateProfileDocument,
  DeleteAccountDocument,
  SignOutEverywhereDocument,
  LogoutDocument,
  ChangePasswordDocument,
} from './operations/account.js';
export { DashboardDocument } from './operations/dashboard.js';
export { AddIncomeDocument, UpdateIncomeDocument, DeleteIncomeDocument } from './operations/incomes.js';
export { AddExpenseDocument, UpdateExpenseDocument, DeleteExpenseDocument } from './operations/expenses.js';
export { CreateSavingsGoalDocument, UpdateSavingsGoalDocument, DeleteSavingsGoalDocument } from './operations/savingsGoals.js';
export {
  CreateSavingsGroupDocument,
  JoinSavingsGroupDocument,
  LeaveSavingsGroupDocument,
  RevokeInviteCodeDocument,
  ContributeToGroupDocument,
  SavingsGroupDocument,
  MySavingsGroupsDocument,
  GroupSavingsProgressDocument,
} from './operations/savingsGroups.js';
export {
  createLedgerlineSubscriptions,
  type GroupSavingsEvent,
  type LedgerlineSubscriptions,
  type LedgerlineSubscriptionsOptions,
  type SubscriptionHandlers,
} from './subscriptions.js';
// Result and variables types of every operation (DashboardQuery, AddIncomeMutationVariables, ...),
// for typing the components that render them.
export type * from './generated/graphql.js';
