-- CreateTable
CREATE TABLE "OfficialAlert" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "data" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficialAlert_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RumourWatch" (
    "id" TEXT NOT NULL,
    "keywords" TEXT[],
    "text" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RumourWatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RumourAnswer" (
    "watchId" TEXT NOT NULL,
    "chatGroupId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RumourAnswer_pkey" PRIMARY KEY ("watchId","chatGroupId","day")
);

-- CreateIndex
CREATE INDEX "OfficialAlert_kind_sku_day_idx" ON "OfficialAlert"("kind", "sku", "day");

-- CreateIndex
CREATE INDEX "OfficialAlert_day_idx" ON "OfficialAlert"("day");

-- AddForeignKey
ALTER TABLE "RumourAnswer" ADD CONSTRAINT "RumourAnswer_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "RumourWatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

