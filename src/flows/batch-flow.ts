// A grid's batch for one delivery date: totals per sku, the pick list per
// household (special-care households first), the amount due, pickup slots.
import { formatHhMm, localDate, parseHhMm, zonedInstant } from "../domain/local-time";
import type { Line } from "./order-rules";

/**
 * When a batch's reminders fall, counted from the cut-off (its `readyAt`): the leader is
 * reminded after an hour, the officials told after three, and households reminded on the
 * delivery morning. The batch jobs and the sweep read these (one set of timings).
 */
export const BATCH_TIMINGS = { remindAfterMs: 3_600_000, escalateAfterMs: 3 * 3_600_000, morningAt: "07:00" } as const;

/** When the leader is reminded of a batch posted at `readyAt`. */
export const reminderAt = (readyAt: Date): Date => new Date(readyAt.getTime() + BATCH_TIMINGS.remindAfterMs);
/** When the officials are told of a batch posted at `readyAt` that is still not confirmed. */
export const escalationAt = (readyAt: Date): Date => new Date(readyAt.getTime() + BATCH_TIMINGS.escalateAfterMs);
/** When households are reminded on the delivery morning (the village's time zone). */
export const morningAt = (deliveryDate: string, tz: string): Date =>
  zonedInstant(deliveryDate, BATCH_TIMINGS.morningAt, tz);

/**
 * What is due for a batch at `now` and has not been done: for the sweep, which does what lost
 * jobs should have done. The morning reminder is due on the delivery day only: a day late it
 * is news nobody needs.
 */
export function batchStepsDue(
  b: {
    status: string;
    readyAt: Date;
    deliveryDate: string;
    remindedAt: Date | null;
    escalatedAt: Date | null;
    morningAt: Date | null;
  },
  now: Date,
  tz: string,
): { remind: boolean; escalate: boolean; morning: boolean } {
  const t = now.getTime();
  const waiting = b.status === "ready";
  const confirmed = b.status === "confirmed";
  return {
    remind: waiting && !b.remindedAt && t >= reminderAt(b.readyAt).getTime(),
    escalate: waiting && !b.escalatedAt && t >= escalationAt(b.readyAt).getTime(),
    morning:
      confirmed &&
      !b.morningAt &&
      t >= morningAt(b.deliveryDate, tz).getTime() &&
      localDate(now, tz) === b.deliveryDate,
  };
}

export interface BatchOrder {
  orderId: string;
  household: string;
  name: string | null;
  priority: boolean;
  lines: Line[];
  amountCents: number;
  paid: boolean;
}

export interface PickEntry {
  household: string;
  name: string | null;
  priority: boolean;
  lines: Line[];
  amountCents: number;
  paid: boolean;
  orderId: string;
}

export interface BatchSummary {
  orders: number;
  totals: Line[];
  pickList: PickEntry[];
  amountCents: number;
}

/** Special-care households first, then by address, so the pick list reads like the buildings. */
export function compareHouseholds(
  a: { household: string; priority: boolean },
  b: { household: string; priority: boolean },
): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  const pa = a.household.split("-").map(Number);
  const pb = b.household.split("-").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** `compareHouseholds`'s order for many at once: each address read once, not at every comparison. */
function sortHouseholds<T extends { household: string; priority: boolean }>(xs: readonly T[]): T[] {
  const keyed = xs.map((x) => ({ x, parts: x.household.split("-").map(Number) }));
  keyed.sort((a, b) => {
    if (a.x.priority !== b.x.priority) return a.x.priority ? -1 : 1;
    for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
      const d = (a.parts[i] ?? -1) - (b.parts[i] ?? -1);
      if (d !== 0) return d;
    }
    return 0;
  });
  return keyed.map((k) => k.x);
}

export function summariseBatch(orders: readonly BatchOrder[]): BatchSummary {
  const totals = new Map<string, number>();
  for (const o of orders) for (const l of o.lines) totals.set(l.sku, (totals.get(l.sku) ?? 0) + l.qty);
  const pickList = sortHouseholds(orders).map((o) => ({
    household: o.household,
    name: o.name,
    priority: o.priority,
    lines: o.lines,
    amountCents: o.amountCents,
    paid: o.paid,
    orderId: o.orderId,
  }));
  return {
    orders: orders.length,
    totals: [...totals].map(([sku, qty]) => ({ sku, qty })).sort((a, b) => a.sku.localeCompare(b.sku)),
    pickList,
    amountCents: orders.reduce((s, o) => s + o.amountCents, 0),
  };
}

export interface PickupRule {
  opensAt: string;
  closesAt: string;
  slotMinutes: number;
  slotCapacity: number;
}

/**
 * 错峰取物: households take consecutive slots of `slotMinutes`, at most
 * `slotCapacity` households a slot, in pick-list order (special care first).
 * Past the closing time the slots go on, so nobody is left without one.
 */
export function assignPickupSlots(households: readonly string[], rule: PickupRule): Map<string, string> {
  const start = parseHhMm(rule.opensAt);
  const len = Math.max(5, rule.slotMinutes);
  const cap = Math.max(1, rule.slotCapacity);
  const out = new Map<string, string>();
  households.forEach((h, i) => {
    const from = start + Math.floor(i / cap) * len;
    out.set(h, `${formatHhMm(from)}-${formatHhMm(from + len)}`);
  });
  return out;
}

export interface PickupPlan {
  point: Map<string, string>;
  slot: Map<string, string>;
}

/**
 * Several pickup points in a grid: households are split, in address order, into
 * contiguous shares (neighbours fetch at the same point), then each point gives its
 * slots with special-care households first.
 */
export function planPickups(
  pickList: readonly { household: string; priority: boolean }[],
  points: ReadonlyArray<PickupRule & { name: string }>,
): PickupPlan {
  const point = new Map<string, string>();
  const slot = new Map<string, string>();
  if (points.length === 0) return { point, slot };
  const byAddress = [...pickList].sort((a, b) =>
    compareHouseholds({ ...a, priority: false }, { ...b, priority: false }),
  );
  const shares: Array<typeof byAddress> = points.map(() => []);
  for (const [i, h] of byAddress.entries()) shares[Math.floor((i * points.length) / byAddress.length)]!.push(h);
  points.forEach((p, k) => {
    const share = [...shares[k]!].sort(compareHouseholds);
    for (const [h, s] of assignPickupSlots(
      share.map((x) => x.household),
      p,
    )) {
      point.set(h, p.name);
      slot.set(h, s);
    }
  });
  return { point, slot };
}

export interface BatchChange {
  added: PickEntry[];
  removed: PickEntry[];
  changed: PickEntry[];
}

const sameLines = (a: readonly Line[], b: readonly Line[]) =>
  a.length === b.length &&
  [...a]
    .sort((x, y) => x.sku.localeCompare(y.sku))
    .every((l, i) => {
      const m = [...b].sort((x, y) => x.sku.localeCompare(y.sku))[i]!;
      return l.sku === m.sku && l.qty === m.qty;
    });

/** What changed in a batch between the list posted (`before`) and now (`after`), by order. */
export function diffSummaries(
  before: Pick<BatchSummary, "pickList">,
  after: Pick<BatchSummary, "pickList">,
): BatchChange {
  const old = new Map(before.pickList.map((p) => [p.orderId, p]));
  const now = new Map(after.pickList.map((p) => [p.orderId, p]));
  return {
    added: after.pickList.filter((p) => !old.has(p.orderId)),
    removed: before.pickList.filter((p) => !now.has(p.orderId)),
    changed: after.pickList.filter((p) => old.has(p.orderId) && !sameLines(old.get(p.orderId)!.lines, p.lines)),
  };
}
