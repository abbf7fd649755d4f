// Signing up, signing in and the signed-in user's profile.
import { graphql } from '../generated/gql.js';

export const RegisterDocument = graphql(`
  mutation Register($username: String!, $email: String!, $password: String!) {
    register(username: $username, email: $email, password: $password) {
      token
      expiresAt
      userId
      user {
        id
        username
        email
        createdAt
      }
    }
  }
`);

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      userId
      user {
        id
        username
        email
        createdAt
      }
    }
  }
`);

export const MeDocument = graphql(`
  query Me {
    me {
      id
      username
      email
      createdAt
    }
  }
`);

/** Changes the signed-in user's username, email or both; an omitted one keeps its value. Sign in with the new email. */
export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($username: String, $email: String) {
    updateProfile(username: $username, email: $email) {
      id
      username
      email
    }
  }
`);

/** Deletes the signed-in user's account and all its records; `status` is DELETED, or PENDING while a service is away. */
export const DeleteAccountDocument = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password) {
      status
    }
  }
`);

/**
 * Signs the account out everywhere: every token it holds (this one too) stops working, and its
 * open WebSockets close with 4401 on every router. The answer carries a new token for this device.
 */
export const SignOutEverywhereDocument = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere {
      token
      expiresAt
      userId
    }
  }
`);

/**
 * Logs out this session only: its token stops working on every router within seconds and its
 * open WebSockets close with 4401; the account's other sessions go on.
 */
export const LogoutDocument = graphql(`
  mutation Logout {
    logout {
      userId
      endedAt
    }
  }
`);

/**
 * Changes the password once the current one is proved, ending every session of the account (this
 * one too); the answer carries a new token for this device.
 */
export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
      expiresAt
      userId
    }
  }
`);
