-- AlterEnum
ALTER TYPE "BatchStatus" ADD VALUE 'merged';

-- AlterTable
ALTER TABLE "Batch" ADD COLUMN     "mergedInto" TEXT;

