-- An order's batch is checked once per statement instead of once per row. The foreign key
-- "Order"."batchId" → "Batch".id ran its check (a lookup of the batch, locking it FOR KEY
-- SHARE) for every row a statement wrote: the cut-off that moves a grid's 100 orders into
-- their batch ran it 100 times, about half of PostgreSQL's work in a town's cut-off (issue 14).
-- These statement-level triggers keep the same rule with one query a statement: a written
-- order whose batch does not exist is refused with the foreign key's error (SQLSTATE 23503),
-- and a batch deleted (or the table emptied) leaves its orders without a batch (the key's
-- ON DELETE SET NULL).
-- Batches are never deleted by the app; the row lock the key took guarded only against
-- a batch deleted while an order was being put in it. Prisma's schema keeps the relation
-- (its queries join on it); `prisma migrate diff` would add the key back — leave it out.
ALTER TABLE "Order" DROP CONSTRAINT IF EXISTS "Order_batchId_fkey";

CREATE OR REPLACE FUNCTION "baogong_order_batch_exists"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  missing text;
BEGIN
  SELECT c."batchId" INTO missing
    FROM written c
   WHERE c."batchId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Batch" b WHERE b.id = c."batchId")
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "Order" violates foreign key constraint "Order_batchId_fkey"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key ("batchId")=(%s) is not present in table "Batch".', missing),
            CONSTRAINT = 'Order_batchId_fkey', TABLE = 'Order', SCHEMA = TG_TABLE_SCHEMA;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION "baogong_batch_deleted"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE "Order" o SET "batchId" = NULL FROM gone g WHERE o."batchId" = g.id;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION "baogong_batches_truncated"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE "Order" SET "batchId" = NULL WHERE "batchId" IS NOT NULL;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Order_batch_insert" AFTER INSERT ON "Order" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "baogong_order_batch_exists"();
CREATE TRIGGER "Order_batch_update" AFTER UPDATE ON "Order" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "baogong_order_batch_exists"();
CREATE TRIGGER "Batch_deleted" AFTER DELETE ON "Batch" REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "baogong_batch_deleted"();
CREATE TRIGGER "Batch_truncated" AFTER TRUNCATE ON "Batch"
  FOR EACH STATEMENT EXECUTE FUNCTION "baogong_batches_truncated"();
