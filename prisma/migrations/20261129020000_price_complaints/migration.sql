-- CreateTable
CREATE TABLE "PriceComplaint" (
    "id" TEXT NOT NULL,
    "chatGroupId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "gridId" TEXT,
    "goods" TEXT NOT NULL,
    "sku" TEXT,
    "price" DOUBLE PRECISION NOT NULL,
    "unit" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "PriceComplaint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PriceComplaint_day_idx" ON "PriceComplaint"("day");

-- CreateIndex
CREATE INDEX "PriceComplaint_sku_at_idx" ON "PriceComplaint"("sku", "at");

