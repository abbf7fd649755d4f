// The GraphQL operations behind the Finance service's REST routes. The list queries page through
// `user(id:)`, whose finance fields answer FORBIDDEN for anyone but that user.
import { graphql } from '../generated/gql.js';

export const AddIncomeOperation = graphql(`
  mutation RestAddIncome($amount: Money!, $source: String!, $date: Date!) {
    addIncome(amount: $amount, source: $source, date: $date) {
      id
    }
  }
`);

export const IncomesOperation = graphql(`
  query RestIncomes($userId: ID!, $limit: Int!, $offset: Int!) {
    user(id: $userId) {
      incomes(limit: $limit, offset: $offset) {
        id
        amount
        source
        date
      }
    }
  }
`);

export const AddExpenseOperation = graphql(`
  mutation RestAddExpense($amount: Money!, $category: String!, $date: Date!) {
    addExpense(amount: $amount, category: $category, date: $date) {
      id
    }
  }
`);

export const ExpensesOperation = graphql(`
  query RestExpenses($userId: ID!, $limit: Int!, $offset: Int!) {
    user(id: $userId) {
      expenses(limit: $limit, offset: $offset) {
        id
        amount
        category
        date
      }
    }
  }
`);

export const CreateSavingsGoalOperation = graphql(`
  mutation RestCreateSavingsGoal($goal: Money!, $targetDate: Date!) {
    createSavingsGoal(goal: $goal, targetDate: $targetDate) {
      id
    }
  }
`);

export const SavingsGoalsOperation = graphql(`
  query RestSavingsGoals($userId: ID!, $limit: Int!, $offset: Int!) {
    user(id: $userId) {
      savingsGoals(limit: $limit, offset: $offset) {
        id
        goal
        targetDate
      }
    }
  }
`);
