import { graphql } from '../generated/gql.js';

export const AddExpenseDocument = graphql(`
  mutation AddExpense($amount: Money!, $category: String!, $date: Date!) {
    addExpense(amount: $amount, category: $category, date: $date) {
      id
      amount
      category
      date
    }
  }
`);

export const UpdateExpenseDocument = graphql(`
  mutation UpdateExpense($id: ID!, $amount: Money, $category: String, $date: Date) {
    updateExpense(id: $id, amount: $amount, category: $category, date: $date) {
      id
      amount
      category
      date
    }
  }
`);

export const DeleteExpenseDocument = graphql(`
  mutation DeleteExpense($id: ID!) {
    deleteExpense(id: $id)
  }
`);
