-- The supplier's chat as two columns (was one "platform:chatId" string), and one-time
-- bind codes in their own table (were Setting rows keyed "bindcode:<code>" with JSON
-- values). Existing data is carried over.

-- AlterTable
ALTER TABLE "Grid" ADD COLUMN     "supplierChatId" TEXT,
ADD COLUMN     "supplierPlatform" TEXT;

-- The platform is what comes before the first colon; the chat id is all after it
-- (a chat id may itself hold colons, e.g. topic:<title>).
UPDATE "Grid"
   SET "supplierPlatform" = split_part("supplierChat", ':', 1),
       "supplierChatId"   = substr("supplierChat", length(split_part("supplierChat", ':', 1)) + 2)
 WHERE "supplierChat" IS NOT NULL AND position(':' in "supplierChat") > 1;

ALTER TABLE "Grid" DROP COLUMN "supplierChat";

-- CreateTable
CREATE TABLE "BindCode" (
    "code" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BindCode_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "BindCode_expiresAt_idx" ON "BindCode"("expiresAt");

-- AddForeignKey
ALTER TABLE "BindCode" ADD CONSTRAINT "BindCode_gridId_fkey" FOREIGN KEY ("gridId") REFERENCES "Grid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Codes not yet used move over (those of a grid since removed are dropped); their
-- issue time was not kept, so it is taken as 24 hours before the expiry.
INSERT INTO "BindCode" ("code", "gridId", "issuedBy", "expiresAt", "createdAt")
SELECT substr(s."key", length('bindcode:') + 1),
       s."value"->>'gridId',
       coalesce(s."value"->>'by', ''),
       to_timestamp((s."value"->>'expires')::double precision / 1000) AT TIME ZONE 'UTC',
       (to_timestamp((s."value"->>'expires')::double precision / 1000) AT TIME ZONE 'UTC') - interval '24 hours'
  FROM "Setting" s
  JOIN "Grid" g ON g."id" = s."value"->>'gridId'
 WHERE s."key" LIKE 'bindcode:%'
   AND jsonb_typeof(s."value"->'expires') = 'number'
ON CONFLICT ("code") DO NOTHING;

DELETE FROM "Setting" WHERE "key" LIKE 'bindcode:%';
