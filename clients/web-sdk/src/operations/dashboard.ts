// The dashboard: one query that crosses both subgraphs (profile from User, money from Finance).
import { graphql } from '../generated/gql.js';

export const DashboardDocument = graphql(`
  query Dashboard($from: Date, $to: Date, $limit: Int = 20) {
    me {
      id
      username
      incomes(from: $from, to: $to, limit: $limit) {
        id
        amount
        source
        date
      }
      expenses(from: $from, to: $to, limit: $limit) {
        id
        amount
        category
        date
      }
      savingsGoals(limit: $limit) {
        id
        goal
        targetDate
      }
      financialSummary(from: $from, to: $to) {
        from
        to
        totalIncome
        totalExpenses
        net
        savingsRate
        expensesByCategory {
          category
          total
        }
      }
    }
  }
`);
