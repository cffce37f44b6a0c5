// Which delivery date and batch a new order joins (see src/app/batch-placement.ts for
// the locks this is decided under). Pure.
import { addDays, localDate } from "../../domain/local-time";
import { cutoffInstant, deliveryDateFor, type Rules } from "../order-rules";
import type { BatchView } from "./snapshot";

export interface Placement {
  deliveryDate: string;
  /** The posted, unconfirmed batch the order joins at once (its list is posted again). */
  batchId: string | null;
  /** The date first meant, when its batch was already confirmed and the order moved on. */
  deferredFrom: string | null;
  /** The cut-off for the date has passed but no batch exists yet: the cut-off is to run now. */
  cutoffDue: boolean;
}

/**
 * The first delivery date an order can still make: the one its sending time gives
 * (before the cut-off: the next day), but never a day that has begun by the time the bot
 * handles it — a message that waited a day (a long outage, a backlog the platform kept)
 * is delivered the day after it is read, and its household is told.
 */
export function earliestDeliveryDate(sentAt: Date, handledAt: Date, rules: Pick<Rules, "cutoff" | "timezone">): string {
  const meant = deliveryDateFor(sentAt, rules);
  const tomorrow = addDays(localDate(handledAt, rules.timezone), 1);
  return meant < tomorrow ? tomorrow : meant;
}

/** How many days an order may move on past confirmed batches. */
export const MAX_DEFER_DAYS = 14;

/**
 * An order meant for `wanted` (from when it was sent), handled at `handledAt`: the first
 * date from `wanted` on whose batch is not confirmed yet. `batches` must hold every batch
 * of the grid from `wanted` on that exists (read under their locks).
 */
export function placeInBatches(
  batches: readonly BatchView[],
  wanted: string,
  handledAt: Date,
  rules: Pick<Rules, "cutoff" | "timezone">,
): Placement {
  const byDate = new Map(batches.map((b) => [b.deliveryDate, b]));
  let date = wanted;
  for (let i = 0; i < MAX_DEFER_DAYS; i++) {
    const b = byDate.get(date);
    const deferredFrom = date === wanted ? null : wanted;
    if (!b)
      return {
        deliveryDate: date,
        batchId: null,
        deferredFrom,
        cutoffDue: handledAt.getTime() >= cutoffInstant(date, rules).getTime(),
      };
    if (b.status === "ready") return { deliveryDate: date, batchId: b.id, deferredFrom, cutoffDue: false };
    date = addDays(date, 1);
  }
  throw new Error(`no open batch within ${MAX_DEFER_DAYS} days of ${wanted}`);
}
