// Which delivery date and batch a new order joins. The date follows from when the
// household sent the order (before the cut-off: the next day); but the order may be
// handled after that cut-off already ran — a backlog, a restart near 20:00, a database
// outage. Then it joins the grid's posted batch while the leader has not confirmed it
// (the list is posted again), or, once confirmed, moves to the next delivery date, and
// the reply says so. Decided under the batch's shared lock: the cut-off and the
// confirmation take it exclusively, so an order is never left beside a batch.
import { addDays, zonedInstant } from "../domain/local-time";
import type { Rules } from "../flows/order-rules";
import { batchLockKey, lockShared } from "../db/locks";
import type { DbOrTx } from "./context";

export function batchIdFor(gridId: string, deliveryDate: string): string {
  return `B${deliveryDate.replace(/-/g, "")}-${gridId}`;
}

/** The instant the cut-off for `deliveryDate` falls (the evening before, local time). */
export function cutoffInstant(deliveryDate: string, rules: Pick<Rules, "cutoff" | "timezone">): Date {
  return zonedInstant(addDays(deliveryDate, -1), rules.cutoff, rules.timezone);
}

export interface Placement {
  deliveryDate: string;
  /** The posted, unconfirmed batch the order joins at once (its list is posted again). */
  batchId: string | null;
  /** The date first meant, when its batch was already confirmed and the order moved on. */
  deferredFrom: string | null;
  /** The cut-off for the date has passed but no batch exists yet: the cut-off is to run now. */
  cutoffDue: boolean;
}

/** How many days an order may move on past confirmed batches before something is badly wrong. */
const MAX_DEFER_DAYS = 14;

/**
 * Decides the placement of a new order of `gridId` meant for `wanted`, at handling
 * time `now`. Takes each examined batch's lock (shared) for the rest of the transaction.
 */
export async function placeOrderInBatch(tx: DbOrTx, gridId: string, wanted: string, now: Date, rules: Pick<Rules, "cutoff" | "timezone">): Promise<Placement> {
  let date = wanted;
  for (let i = 0; i < MAX_DEFER_DAYS; i++) {
    const id = batchIdFor(gridId, date);
    await lockShared(tx, batchLockKey(id));
    const batch = await tx.batch.findUnique({ where: { id }, select: { status: true } });
    const deferredFrom = date === wanted ? null : wanted;
    if (!batch) return { deliveryDate: date, batchId: null, deferredFrom, cutoffDue: now.getTime() >= cutoffInstant(date, rules).getTime() };
    if (batch.status === "ready") return { deliveryDate: date, batchId: id, deferredFrom, cutoffDue: false };
    date = addDays(date, 1);
  }
  throw new Error(`no open batch for grid ${gridId} within ${MAX_DEFER_DAYS} days of ${wanted}`);
}
