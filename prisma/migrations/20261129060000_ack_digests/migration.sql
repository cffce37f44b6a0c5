-- AlterTable
ALTER TABLE "Village" ADD COLUMN     "digestMinutes" INTEGER;

-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "ackSentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PendingAck" (
    "id" TEXT NOT NULL,
    "chatGroupId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "line" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "PendingAck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingAck_chatGroupId_postedAt_idx" ON "PendingAck"("chatGroupId", "postedAt");

