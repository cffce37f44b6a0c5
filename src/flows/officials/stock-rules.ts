// Stock rules: days of supply (stock / daily use) under the commodity's target is
// an alert, with what would restore the target; a day's orders that would empty
// the stock before the next delivery are an alert too.
import { STOCK_GROUP, type StockGroup } from "./commodities";

/** Days of supply wanted, by group (grain and oil 10; meat 3; vegetables, eggs, milk, noodles, sugar, salt 3). */
export const GROUP_TARGET_DAYS: Readonly<Record<StockGroup, number | null>> = {
  grain_oil: 10,
  meat: 3,
  fresh: 3,
  other: null,
};
/** Meat: 3 days is the floor, 7 is what the town wants (said in the texts). */
export const GROUP_WANTED_DAYS: Readonly<Record<StockGroup, number | null>> = {
  grain_oil: null,
  meat: 7,
  fresh: null,
  other: null,
};

export function stockGroupOf(sku: string): StockGroup {
  return STOCK_GROUP[sku] ?? "other";
}

/** The target for a commodity: the setup's `stockTargetDays`, else the group default, else none. */
export function targetDays(sku: string, overrides: Readonly<Record<string, number>>): number | null {
  return overrides[sku] ?? GROUP_TARGET_DAYS[stockGroupOf(sku)];
}

export function wantedDays(sku: string): number | null {
  return GROUP_WANTED_DAYS[stockGroupOf(sku)];
}

export interface StockVerdict {
  /** Stock / daily use, one decimal (null when nothing is used). */
  daysLeft: number | null;
  target: number | null;
  below: boolean;
  /** What would bring the stock up to the target: target × daily use − stock, rounded up; 0 when not below. */
  restoreQty: number;
}

export function judgeStock(o: { stock: number; dailyUse: number; target: number | null }): StockVerdict {
  const days = o.dailyUse > 0 ? o.stock / o.dailyUse : null;
  const daysLeft = days === null ? null : Math.floor(days * 10) / 10;
  const below = o.target !== null && days !== null && days < o.target;
  const restoreQty = below ? Math.ceil(o.target! * o.dailyUse - o.stock - 1e-9) : 0;
  return { daysLeft, target: o.target, below, restoreQty };
}

export interface DemandVerdict {
  empties: boolean;
  left: number;
  shortfall: number;
}

/** A delivery's demand against the latest stock: it empties the stock when it takes all of it. */
export function judgeDemand(o: { demand: number; stock: number }): DemandVerdict {
  const left = o.stock - o.demand;
  return { empties: o.demand > 0 && left <= 0, left: Math.max(0, left), shortfall: Math.max(0, -left) };
}

/** Demand per sku over order lines (packages stay packages: their contents are not known). */
export function demandBySku(lines: ReadonlyArray<{ sku: string; qty: number }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.sku, (m.get(l.sku) ?? 0) + l.qty);
  return m;
}
