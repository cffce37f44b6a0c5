// The town's ordering rules, as pure functions of the order, the household's
// history, the rules in force and the clock's reading.
import { addDays, localDate, zonedInstant } from "../domain/local-time";
import type { Category } from "../domain/catalog";

export interface Rules {
  timezone: string;
  cutoff: string; // HH:MM local
  intervalDays: number;
  limits: Record<string, number>; // sku → most in one order
  /** What the village's groups are told in. */
  language: "zh" | "zh+en" | "en";
}

export const DEFAULT_RULES: Rules = {
  timezone: "Asia/Shanghai",
  cutoff: "20:00",
  intervalDays: 2,
  limits: {},
  language: "zh",
};

export interface Line {
  sku: string;
  qty: number;
}

/**
 * The cut-off rule, the one place it is written: the cut-off for a delivery date falls at the
 * village's `cutoff` time (local) on the evening before. The order flow, the cut-off job, the
 * sweep and the console's /cutoff all read it from here.
 */
export function cutoffInstant(deliveryDate: string, rules: Pick<Rules, "cutoff" | "timezone">): Date {
  return zonedInstant(addDays(deliveryDate, -1), rules.cutoff, rules.timezone);
}

/** Placed before the cut-off: delivered the next day; at or after it: the day after. */
export function deliveryDateFor(placedAt: Date, rules: Pick<Rules, "timezone" | "cutoff">): string {
  const tomorrow = addDays(localDate(placedAt, rules.timezone), 1);
  return placedAt.getTime() < cutoffInstant(tomorrow, rules).getTime() ? tomorrow : addDays(tomorrow, 1);
}

/** The delivery date served by the most recent cut-off at or before `now`. */
export function deliveryDateOfLastCutoff(now: Date, rules: Pick<Rules, "timezone" | "cutoff">): string {
  return addDays(deliveryDateFor(now, rules), -1);
}

/** The first local date on which a household that last ordered on `lastPlacedDate` may order again. */
export function nextOrderDate(lastPlacedDate: string, intervalDays: number): string {
  return addDays(lastPlacedDate, intervalDays);
}

export type RuleResult =
  | { ok: true }
  | { ok: false; reason: "TOO_SOON"; nextDate: string }
  | { ok: false; reason: "OVER_LIMIT"; sku: string; max: number }
  | { ok: false; reason: "CATEGORY_NOT_ALLOWED"; sku: string };

const ALLOWED: ReadonlySet<Category> = new Set(["package", "mother_baby", "necessity"]);

/** Checks a new order. `lastPlacedDate` is the local date of the household's last order that was not cancelled. */
export function checkNewOrder(
  lines: readonly Line[],
  ctx: { now: Date; rules: Rules; lastPlacedDate: string | null; categoryOf: (sku: string) => Category | null },
): RuleResult {
  const cat = checkCategories(lines, ctx.categoryOf);
  if (!cat.ok) return cat;
  if (ctx.lastPlacedDate) {
    const today = localDate(ctx.now, ctx.rules.timezone);
    const next = nextOrderDate(ctx.lastPlacedDate, ctx.rules.intervalDays);
    if (today < next) return { ok: false, reason: "TOO_SOON", nextDate: next };
  }
  return checkLimits(lines, ctx.rules.limits);
}

export function checkCategories(lines: readonly Line[], categoryOf: (sku: string) => Category | null): RuleResult {
  for (const l of lines) {
    const c = categoryOf(l.sku);
    if (!c || !ALLOWED.has(c)) return { ok: false, reason: "CATEGORY_NOT_ALLOWED", sku: l.sku };
  }
  return { ok: true };
}

export function checkLimits(lines: readonly Line[], limits: Record<string, number>): RuleResult {
  for (const l of lines) {
    const max = limits[l.sku];
    if (max !== undefined && l.qty > max) return { ok: false, reason: "OVER_LIMIT", sku: l.sku, max };
  }
  return { ok: true };
}

/** Sums repeated skus, keeps the first-seen order. */
export function mergeLines(lines: readonly Line[]): Line[] {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.sku, (m.get(l.sku) ?? 0) + l.qty);
  return [...m].map(([sku, qty]) => ({ sku, qty }));
}

/**
 * An amendment sets quantities: `奶粉改成3罐` sets FORMULA to 3. Packages are one
 * choice: a package named in an amendment replaces the order's packages.
 */
export function applyAmendment(
  current: readonly Line[],
  changes: readonly Line[],
  isPackage: (sku: string) => boolean,
): Line[] {
  const setsPackage = changes.some((c) => isPackage(c.sku));
  const out = new Map<string, number>();
  for (const l of current) if (!(setsPackage && isPackage(l.sku))) out.set(l.sku, l.qty);
  for (const c of mergeLines(changes)) {
    if (c.qty <= 0) out.delete(c.sku);
    else out.set(c.sku, c.qty);
  }
  return [...out].map(([sku, qty]) => ({ sku, qty }));
}
