-- CreateTable
CREATE TABLE "savings_groups" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "target_amount" DECIMAL(14,2) NOT NULL,
    "deadline" DATE NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "invite_code" VARCHAR(32) NOT NULL,
    "total" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "last_sequence" INTEGER NOT NULL DEFAULT 0,
    "target_reached_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "savings_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "savings_group_members" (
    "group_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "savings_group_members_pkey" PRIMARY KEY ("group_id","user_id")
);

-- CreateTable
CREATE TABLE "group_contributions" (
    "id" SERIAL NOT NULL,
    "group_id" INTEGER NOT NULL,
    "contributor_id" INTEGER,
    "amount" DECIMAL(14,2) NOT NULL,
    "message" VARCHAR(280),
    "sequence" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_contributions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_events" (
    "id" SERIAL NOT NULL,
    "group_id" INTEGER NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "sequence" INTEGER,
    "contribution_id" INTEGER,
    "total_after" DECIMAL(14,2),
    "user_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "group_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "savings_groups_invite_code_key" ON "savings_groups"("invite_code");

-- CreateIndex
CREATE INDEX "savings_group_members_user_id_idx" ON "savings_group_members"("user_id");

-- CreateIndex
CREATE INDEX "group_contributions_contributor_id_idx" ON "group_contributions"("contributor_id");

-- CreateIndex
CREATE UNIQUE INDEX "group_contributions_group_id_sequence_key" ON "group_contributions"("group_id", "sequence");

-- CreateIndex
CREATE INDEX "group_events_published_at_id_idx" ON "group_events"("published_at", "id");

-- CreateIndex
CREATE INDEX "group_events_created_at_idx" ON "group_events"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "group_events_group_id_sequence_key" ON "group_events"("group_id", "sequence");

-- AddForeignKey
ALTER TABLE "savings_group_members" ADD CONSTRAINT "savings_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "savings_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_contributions" ADD CONSTRAINT "group_contributions_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "savings_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_events" ADD CONSTRAINT "group_events_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "savings_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
