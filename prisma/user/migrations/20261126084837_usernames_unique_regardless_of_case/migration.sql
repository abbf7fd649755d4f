-- Usernames become unique regardless of case: "ada" and "ADA" are one name. The service stores
-- each username NFKC-normalised with its case kept, and `username_canonical` (lower-cased) holds
-- the unique index. Usernames stored so far are ASCII letters, digits, '.', '_' and '-' (the only
-- ones registration accepted), which NFKC leaves as they are, so lower() alone makes their
-- canonical form.
--
-- Accounts that already collide (same name but for case): one keeps its username, every other
-- one gets the first free "-2", "-3"... suffix, cut to fit in 32 characters ("ADA" becomes
-- "ADA-2", or "ADA-3" when some "ada-2" exists). Who keeps it: an account not being deleted
-- before one that is, then the oldest (created_at, then id). The renamed owners keep signing in
-- with their email as before and can choose another name with updateProfile (PUT /user/{id}).
--
-- Emails were already stored lower-cased and unique; they are left as they are. New ones are
-- also NFKC-normalised by the service, which signs in an older account by either form.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "username_canonical" VARCHAR(32);

DO $$
DECLARE
  later RECORD;
  suffix INTEGER;
  candidate TEXT;
BEGIN
  FOR later IN
    SELECT id, username FROM (
      SELECT id, username, created_at, deletion_requested_at,
             row_number() OVER (
               PARTITION BY lower(username)
               ORDER BY deletion_requested_at IS NOT NULL, created_at, id
             ) AS place
      FROM "users"
    ) AS holders
    WHERE place > 1
    ORDER BY deletion_requested_at IS NOT NULL, created_at, id
  LOOP
    suffix := 2;
    LOOP
      candidate := left(later.username, 32 - length('-' || suffix)) || '-' || suffix;
      EXIT WHEN NOT EXISTS (SELECT 1 FROM "users" WHERE lower(username) = lower(candidate));
      suffix := suffix + 1;
    END LOOP;
    UPDATE "users" SET username = candidate WHERE id = later.id;
  END LOOP;
END $$;

UPDATE "users" SET "username_canonical" = lower("username");

ALTER TABLE "users" ALTER COLUMN "username_canonical" SET NOT NULL;

-- DropIndex
DROP INDEX "users_username_key";

-- CreateIndex
CREATE UNIQUE INDEX "users_username_canonical_key" ON "users"("username_canonical");
