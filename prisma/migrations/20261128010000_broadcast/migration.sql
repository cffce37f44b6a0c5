-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "replyChatId" TEXT,
ADD COLUMN     "replyPlatform" TEXT,
ADD COLUMN     "reportedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "NoticeDelivery_noticeId_status_idx" ON "NoticeDelivery"("noticeId", "status");

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_chatGroupId_fkey" FOREIGN KEY ("chatGroupId") REFERENCES "ChatGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

