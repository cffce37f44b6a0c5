-- The town-wide reads of a delivery date: the demand check, once all its orders are batched.
CREATE INDEX "Order_deliveryDate_batchId_idx" ON "Order"("deliveryDate", "batchId");
