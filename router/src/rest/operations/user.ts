// The GraphQL operations behind the User service's REST routes.
import { graphql } from '../generated/gql.js';

export const RegisterOperation = graphql(`
  mutation RestRegister($username: String!, $email: String!, $password: String!) {
    register(username: $username, email: $email, password: $password) {
      userId
    }
  }
`);

export const LoginOperation = graphql(`
  mutation RestLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      userId
    }
  }
`);

export const ProfileOperation = graphql(`
  query RestProfile($id: ID!) {
    user(id: $id) {
      id
      username
      email
    }
  }
`);

export const DeleteAccountOperation = graphql(`
  mutation RestDeleteAccount($password: String!) {
    deleteAccount(password: $password) {
      status
    }
  }
`);

export const UpdateProfileOperation = graphql(`
  mutation RestUpdateProfile($username: String!, $email: String!) {
    updateProfile(username: $username, email: $email) {
      id
      username
      email
    }
  }
`);

export const LogoutOperation = graphql(`
  mutation RestLogout {
    logout {
      userId
    }
  }
`);

export const ChangePasswordOperation = graphql(`
  mutation RestChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
      userId
    }
  }
`);
