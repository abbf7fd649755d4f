import { z } from 'zod';

/** HS256 keys shorter than this are guessable offline from any token. */
const MINIMUM_SECRET_LENGTH = 32;

export const secretSchema = z.string().min(MINIMUM_SECRET_LENGTH, `must be at least ${MINIMUM_SECRET_LENGTH} characters`);
