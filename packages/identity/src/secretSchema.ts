import { z } from 'zod';

/** HS256 keys shorter than this are guessable offline from any token. */
const MINIMUM_SECRET_LENGTH = 32;

/**
 * What every value in the deployment example files (.env.example, each k8s overlay's secrets.env.example)
 * starts with: a copied example must not start a service with a signing secret anyone can read in the repository.
 */
export const PLACEHOLDER_SECRET_PREFIX = 'change-me';

export const secretSchema = z
  .string()
  .min(MINIMUM_SECRET_LENGTH, `must be at least ${MINIMUM_SECRET_LENGTH} characters`)
  .refine(
    (secret) => !secret.startsWith(PLACEHOLDER_SECRET_PREFIX),
    'is the placeholder from an example file: replace it (openssl rand -base64 32)',
  );
