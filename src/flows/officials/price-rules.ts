// Price rules: a report well above its baseline (the configured one, else the
// median of the last 7 days' reports) is an alert; the same commodity alerts again
// the same day only when it rises above the price last alerted. A report as far
// below is noted in the daily report (a shortage of supply, or of data).

export const MEDIAN_WINDOW_DAYS = 7;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : round2((s[mid - 1]! + s[mid]!) / 2);
}

export type Baseline = { value: number; source: "configured" | "median7d" };

/** The configured baseline, else the median of earlier reports in the window, else none. */
export function baselineFor(
  sku: string,
  configured: Readonly<Record<string, number>>,
  recentPrices: readonly number[],
): Baseline | null {
  const c = configured[sku];
  if (c !== undefined && c > 0) return { value: c, source: "configured" };
  const m = median(recentPrices);
  return m === null ? null : { value: m, source: "median7d" };
}

export type PriceLevel = "high" | "low" | "normal" | "unknown";

export interface PriceVerdict {
  level: PriceLevel;
  /** Percent above (+) or below (−) the baseline, one decimal; null without a baseline. */
  changePct: number | null;
  alert: boolean;
  /** True when this alert follows an earlier one the same day (a further rise). */
  again: boolean;
}

/**
 * `lastAlertedToday` is the highest price of this commodity already alerted today
 * (null when none): a high price alerts only above it.
 */
export function judgePrice(o: {
  price: number;
  baseline: Baseline | null;
  alertPct: number;
  lastAlertedToday: number | null;
}): PriceVerdict {
  if (!o.baseline) return { level: "unknown", changePct: null, alert: false, again: false };
  const raw = ((o.price - o.baseline.value) / o.baseline.value) * 100;
  const change = round2(raw); // compared at 0.01%: 28.6 against 26 is 10%, not 10.000000000000007%
  const changePct = Math.round(raw * 10) / 10;
  if (change > o.alertPct) {
    const alert = o.lastAlertedToday === null || o.price > o.lastAlertedToday;
    return { level: "high", changePct, alert, again: alert && o.lastAlertedToday !== null };
  }
  if (change < -o.alertPct) return { level: "low", changePct, alert: false, again: false };
  return { level: "normal", changePct, alert: false, again: false };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
