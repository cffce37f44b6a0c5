-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "attachment" JSONB,
ADD COLUMN     "lane" TEXT NOT NULL DEFAULT 'answer';

