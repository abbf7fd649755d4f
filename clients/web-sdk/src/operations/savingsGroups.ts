import { graphql } from '../generated/gql.js';

export const CreateSavingsGroupDocument = graphql(`
  mutation CreateSavingsGroup($name: String!, $targetAmount: Money!, $deadline: Date!) {
    createSavingsGroup(name: $name, targetAmount: $targetAmount, deadline: $deadline) {
      id
      name
      inviteCode
      targetAmount
      deadline
      status
    }
  }
`);

export const JoinSavingsGroupDocument = graphql(`
  mutation JoinSavingsGroup($inviteCode: String!) {
    joinSavingsGroup(inviteCode: $inviteCode) {
      id
      name
    }
  }
`);

export const LeaveSavingsGroupDocument = graphql(`
  mutation LeaveSavingsGroup($groupId: ID!) {
    leaveSavingsGroup(groupId: $groupId)
  }
`);

export const RevokeInviteCodeDocument = graphql(`
  mutation RevokeInviteCode($groupId: ID!) {
    revokeInviteCode(groupId: $groupId) {
      id
      inviteCode
    }
  }
`);

export const ContributeToGroupDocument = graphql(`
  mutation ContributeToGroup($groupId: ID!, $amount: Money!, $message: String) {
    contributeToGroup(groupId: $groupId, amount: $amount, message: $message) {
      id
      amount
      message
      sequence
      createdAt
    }
  }
`);

export const SavingsGroupDocument = graphql(`
  query SavingsGroup($id: ID!) {
    savingsGroup(id: $id) {
      id
      name
      targetAmount
      deadline
      status
      inviteCode
      lastSequence
      owner {
        id
        username
      }
      members {
        user {
          id
          username
        }
        joinedAt
        isOwner
        total
      }
      progress {
        total
        target
        percent
        remaining
        status
      }
      leaderboard(limit: 10) {
        rank
        total
        contributions
        contributor {
          id
          username
        }
      }
      contributions(limit: 20) {
        id
        amount
        message
        createdAt
        sequence
        contributor {
          id
          username
        }
      }
    }
  }
`);

export const MySavingsGroupsDocument = graphql(`
  query MySavingsGroups {
    me {
      id
      savingsGroups {
        id
        name
        status
        targetAmount
        deadline
        progress {
          total
          percent
        }
      }
    }
  }
`);

export const GroupSavingsProgressDocument = graphql(`
  subscription GroupSavingsProgress($groupId: ID!, $since: Int) {
    groupSavingsProgress(groupId: $groupId, since: $since) {
      sequence
      groupId
      contribution {
        id
        amount
        message
        createdAt
        contributor {
          id
          username
        }
      }
      progress {
        total
        percent
        target
        targetReached
      }
    }
  }
`);
