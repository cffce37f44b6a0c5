-- Which of our chat accounts (bot identities) is in a group: what the bot says there is
-- queued for that account and sent only by a process holding it (src/jobs/send-queue.ts).
-- Not configuration that a message's handling reads: it notifies no `baogong_config`.

-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "account" TEXT;
