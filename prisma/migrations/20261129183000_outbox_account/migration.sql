-- The account a message was said through, when the caller named one (a reply through the
-- account that received the message, in a chat that may be no group of ours): the sweep
-- queues a pending row for it again; without one, its group's account is looked up.

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "account" TEXT;
