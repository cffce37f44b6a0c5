-- AlterTable
ALTER TABLE "Village" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'zh';

