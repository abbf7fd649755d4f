-- AlterTable
ALTER TABLE "group_events" ADD COLUMN     "trace_parent" VARCHAR(55);
