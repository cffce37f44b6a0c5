-- The cut-off moves a grid's open orders into its batch: a new version of each row, and an
-- entry in every index of "Order" whose rows it falls in. The town-wide reads of open orders
-- not yet in a batch (did the last cut-off of a date run — the demand check; the sweep's
-- missed cut-offs; the dashboard's waiting orders) read a partial index that holds only those
-- orders: a batched order leaves it, and the cut-off writes one index entry less per order
-- than with the full "Order"("deliveryDate", "batchId") it replaces. The date's demand, once
-- its orders are all batched, is read through its batches ("Batch"("deliveryDate")).
DROP INDEX IF EXISTS "Order_deliveryDate_batchId_idx";
CREATE INDEX "Order_open_unbatched_idx" ON "Order"("deliveryDate", "gridId") WHERE status = 'open' AND "batchId" IS NULL AND "gridId" IS NOT NULL;
CREATE INDEX "Batch_deliveryDate_idx" ON "Batch"("deliveryDate");
