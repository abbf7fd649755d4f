import { graphql } from '../generated/gql.js';

export const CreateSavingsGoalDocument = graphql(`
  mutation CreateSavingsGoal($goal: Money!, $targetDate: Date!) {
    createSavingsGoal(goal: $goal, targetDate: $targetDate) {
      id
      goal
      targetDate
    }
  }
`);

export const UpdateSavingsGoalDocument = graphql(`
  mutation UpdateSavingsGoal($id: ID!, $goal: Money, $targetDate: Date) {
    updateSavingsGoal(id: $id, goal: $goal, targetDate: $targetDate) {
      id
      goal
      targetDate
    }
  }
`);

export const DeleteSavingsGoalDocument = graphql(`
  mutation DeleteSavingsGoal($id: ID!) {
    deleteSavingsGoal(id: $id)
  }
`);
