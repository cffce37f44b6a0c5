// The batch a new order joins is decided by src/flows/decide/placement.ts from the
// grid's batches, read here under their shared locks (the cut-off and the confirmation
// take them exclusively, so an order is never left beside a batch).
import { addDays } from "../domain/local-time";
import { batchLockKey, lock } from "../db/locks";
import { MAX_DEFER_DAYS, placeInBatches, type Placement } from "../flows/decide/placement";
import type { BatchView } from "../flows/decide";
import type { Rules } from "../flows/order-rules";
import type { DbOrTx } from "./context";

export function batchIdFor(gridId: string, deliveryDate: string): string {
  return `B${deliveryDate.replace(/-/g, "")}-${gridId}`;
}

/**
 * The placement of an order of `gridId` meant for `wanted`, handled at `now`: reads the
 * batches from `wanted` on, each under its shared lock, as far as the first one not
 * confirmed (or missing).
 */
export async function placeOrderInBatch(
  tx: DbOrTx,
  gridId: string,
  wanted: string,
  now: Date,
  rules: Pick<Rules, "cutoff" | "timezone">,
): Promise<Placement> {
  const batches: BatchView[] = [];
  for (let i = 0, d = wanted; i < MAX_DEFER_DAYS; i++, d = addDays(d, 1)) {
    const id = batchIdFor(gridId, d);
    await lock(tx, batchLockKey(id), "shared");
    const b = await tx.batch.findUnique({ where: { id }, select: { status: true } });
    if (!b) break;
    batches.push({ id, deliveryDate: d, status: b.status });
    if (b.status === "ready") break;
  }
  return placeInBatches(batches, wanted, now, rules);
}
