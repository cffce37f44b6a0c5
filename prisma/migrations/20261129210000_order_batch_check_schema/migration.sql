-- The order–batch triggers (migration 20261129200000_order_batch_check) named "Batch" and
-- "Order" without a schema, so they found them on the search_path of the session writing,
-- not beside the table written: from a session on another schema (an operator's psql on the
-- default path, a restored copy of the data beside the live one) an order's batch was looked
-- up, and a deleted batch's orders cleared, in the other schema's tables — or the statement
-- failed for want of them. The foreign key they replace named its table, not a path. The
-- triggers now use the tables of the schema of the table that fired them (TG_TABLE_SCHEMA).
CREATE OR REPLACE FUNCTION "baogong_order_batch_exists"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  missing text;
BEGIN
  -- The app's sessions write their own schema: the query planned once (a query named by
  -- its schema is planned at each call, 25 µs more an order written).
  IF TG_TABLE_SCHEMA = current_schema() THEN
    SELECT c."batchId" INTO missing
      FROM written c
     WHERE c."batchId" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "Batch" b WHERE b.id = c."batchId")
     LIMIT 1;
  ELSE
    EXECUTE format(
      'SELECT c."batchId" FROM written c
        WHERE c."batchId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %I."Batch" b WHERE b.id = c."batchId")
        LIMIT 1', TG_TABLE_SCHEMA) INTO missing;
  END IF;
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
  EXECUTE format('UPDATE %I."Order" o SET "batchId" = NULL FROM gone g WHERE o."batchId" = g.id', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION "baogong_batches_truncated"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('UPDATE %I."Order" SET "batchId" = NULL WHERE "batchId" IS NOT NULL', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$fn$;
