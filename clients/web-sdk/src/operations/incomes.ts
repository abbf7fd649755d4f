import { graphql } from '../generated/gql.js';

export const AddIncomeDocument = graphql(`
  mutation AddIncome($amount: Money!, $source: String!, $date: Date!) {
    addIncome(amount: $amount, source: $source, date: $date) {
      id
      amount
      source
      date
    }
  }
`);

export const UpdateIncomeDocument = graphql(`
  mutation UpdateIncome($id: ID!, $amount: Money, $source: String, $date: Date) {
    updateIncome(id: $id, amount: $amount, source: $source, date: $date) {
      id
      amount
      source
      date
    }
  }
`);

export const DeleteIncomeDocument = graphql(`
  mutation DeleteIncome($id: ID!) {
    deleteIncome(id: $id)
  }
`);
