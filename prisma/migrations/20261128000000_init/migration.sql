-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Zone" AS ENUM ('static', 'controlled');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('resident', 'leader', 'volunteer', 'official', 'supplier');

-- CreateEnum
CREATE TYPE "Category" AS ENUM ('package', 'mother_baby', 'necessity');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('open', 'confirmed', 'delivered', 'cancelled');

-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('ready', 'confirmed', 'delivered');

-- CreateTable
CREATE TABLE "Village" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "cutoff" TEXT NOT NULL DEFAULT '20:00',
    "intervalDays" INTEGER NOT NULL DEFAULT 2,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Grid" (
    "id" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT,
    "zone" "Zone" NOT NULL DEFAULT 'static',
    "supplierChat" TEXT,
    "deliveryWindow" TEXT NOT NULL DEFAULT '09:00-12:00',

    CONSTRAINT "Grid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PickupPoint" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "opensAt" TEXT NOT NULL DEFAULT '09:00',
    "closesAt" TEXT NOT NULL DEFAULT '12:00',
    "slotMinutes" INTEGER NOT NULL DEFAULT 30,
    "slotCapacity" INTEGER NOT NULL DEFAULT 10,

    CONSTRAINT "PickupPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "villageId" TEXT,
    "gridId" TEXT,
    "isOfficials" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT,
    "householdId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberRole" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '*',

    CONSTRAINT "MemberRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "gridId" TEXT,
    "code" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "specialCare" BOOLEAN NOT NULL DEFAULT false,
    "careNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogItem" (
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "aliases" TEXT[],
    "unit" TEXT NOT NULL,
    "category" "Category" NOT NULL,
    "priceCents" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "CatalogItem_pkey" PRIMARY KEY ("sku")
);

-- CreateTable
CREATE TABLE "Limit" (
    "villageId" TEXT NOT NULL DEFAULT '*',
    "sku" TEXT NOT NULL,
    "maxQty" INTEGER NOT NULL,

    CONSTRAINT "Limit_pkey" PRIMARY KEY ("villageId","sku")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "gridId" TEXT,
    "chatGroupId" TEXT,
    "status" "OrderStatus" NOT NULL DEFAULT 'open',
    "placedAt" TIMESTAMP(3) NOT NULL,
    "deliveryDate" TEXT NOT NULL,
    "sourceMessage" TEXT,
    "placedBy" TEXT,
    "proxyBy" TEXT,
    "priority" BOOLEAN NOT NULL DEFAULT false,
    "totalCents" INTEGER NOT NULL DEFAULT 0,
    "paidAt" TIMESTAMP(3),
    "paidBy" TEXT,
    "batchId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "qty" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "deliveryDate" TEXT NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'ready',
    "readyAt" TIMESTAMP(3) NOT NULL,
    "postedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "confirmedBy" TEXT,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "announcedAt" TIMESTAMP(3),
    "morningAt" TIMESTAMP(3),
    "summary" JSONB,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "kind" TEXT,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "MedicineRequest" (
    "id" TEXT NOT NULL,
    "householdId" TEXT,
    "chatGroupId" TEXT,
    "requestedBy" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MedicineRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JielongList" (
    "chatGroupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "entries" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JielongList_pkey" PRIMARY KEY ("chatGroupId","title")
);

-- CreateTable
CREATE TABLE "PriceReport" (
    "id" TEXT NOT NULL,
    "commodity" TEXT NOT NULL,
    "price" DOUBLE PRECISION NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "PriceReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockReport" (
    "id" TEXT NOT NULL,
    "commodity" TEXT NOT NULL,
    "stock" DOUBLE PRECISION NOT NULL,
    "dailyUse" DOUBLE PRECISION NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '*',
    "issuedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "noticeId" TEXT NOT NULL,
    "chatGroupId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("noticeId","chatGroupId")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "data" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Village_name_key" ON "Village"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Grid_villageId_code_key" ON "Grid"("villageId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "PickupPoint_gridId_name_key" ON "PickupPoint"("gridId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_platform_chatId_key" ON "ChatGroup"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_platform_userId_key" ON "Member"("platform", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "MemberRole_memberId_role_scope_key" ON "MemberRole"("memberId", "role", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "Household_villageId_code_key" ON "Household"("villageId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Order_sourceMessage_key" ON "Order"("sourceMessage");

-- CreateIndex
CREATE INDEX "Order_householdId_placedAt_idx" ON "Order"("householdId", "placedAt");

-- CreateIndex
CREATE INDEX "Order_gridId_deliveryDate_status_idx" ON "Order"("gridId", "deliveryDate", "status");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLine_orderId_sku_key" ON "OrderLine"("orderId", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_gridId_deliveryDate_key" ON "Batch"("gridId", "deliveryDate");

-- CreateIndex
CREATE INDEX "PriceReport_commodity_at_idx" ON "PriceReport"("commodity", "at");

-- CreateIndex
CREATE INDEX "StockReport_commodity_at_idx" ON "StockReport"("commodity", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Grid" ADD CONSTRAINT "Grid_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupPoint" ADD CONSTRAINT "PickupPoint_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatGroup" ADD CONSTRAINT "ChatGroup_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatGroup" ADD CONSTRAINT "ChatGroup_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRole" ADD CONSTRAINT "MemberRole_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

