-- Each existing account gets a key of its own (the default is evaluated row by row). Tokens
-- issued before carry no key, so they are refused and their holders sign in again.
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "account_key" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN     "deletion_requested_at" TIMESTAMPTZ(3);
