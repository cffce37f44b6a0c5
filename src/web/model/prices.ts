// The Prices page as a value: one line chart per commodity over 30 days (each
// report a point), with its baseline and alert threshold as they stood each day,
// and the latest reports. Pure.
import { addDays, zonedInstant } from "../../domain/local-time";
import { STOCK_GROUP, type CommodityIndex } from "../../flows/officials/commodities";
import { baselineFor, judgePrice, MEDIAN_WINDOW_DAYS, type PriceLevel } from "../../flows/officials/price-rules";
import type { AlertSettings } from "../../flows/officials/settings";
import { maskPersonalData } from "../../domain/personal-data";

export const PRICE_WINDOW_DAYS = 30;

export interface PriceRows {
  now: Date;
  today: string;
  tz: string;
  index: CommodityIndex;
  settings: AlertSettings;
  reports: Array<{ id: string; sku: string; price: number; at: Date; day: string; by: string }>;
  reporters: Map<string, { name: string; roles: string[] }>;
}

export type Source = "official" | "shop" | "resident" | "other";

export interface GoodPrices {
  sku: string;
  name: string;
  nameEn: string;
  unit: string;
  /** [ms, price] per report. */
  points: Array<[number, number]>;
  /** [ms of the local day's start, value] per day (null where there is no baseline yet). */
  baseline: Array<[number, number | null]>;
  threshold: Array<[number, number | null]>;
  baselineSource: "configured" | "median7d" | null;
  last: { price: number; changePct: number | null; level: PriceLevel } | null;
}

export interface PricesView {
  from: number;
  to: number;
  alertPct: number;
  goods: GoodPrices[];
  latest: Array<{
    id: string;
    at: Date;
    sku: string;
    name: string;
    unit: string;
    price: number;
    baseline: number | null;
    changePct: number | null;
    level: PriceLevel;
    by: string;
    source: Source;
  }>;
}

const GROUP_RANK: Record<string, number> = { grain_oil: 0, meat: 1, fresh: 2 };

function sourceOf(roles: readonly string[] | undefined): Source {
  if (!roles) return "other";
  if (roles.includes("official")) return "official";
  if (roles.includes("supplier")) return "shop";
  return roles.length ? "resident" : "other";
}

export function buildPrices(r: PriceRows): PricesView {
  const firstDay = addDays(r.today, -(PRICE_WINDOW_DAYS - 1));
  const days = Array.from({ length: PRICE_WINDOW_DAYS }, (_, i) => addDays(firstDay, i));
  const dayStart = (d: string) => zonedInstant(d, "00:00", r.tz).getTime();
  const bySku = new Map<string, PriceRows["reports"]>();
  for (const p of r.reports) bySku.set(p.sku, [...(bySku.get(p.sku) ?? []), p]);

  // The baseline a report on day d was judged against: the configured one, else the median of the 7 days before d.
  const baselineOn = (sku: string, d: string) => {
    const from = addDays(d, -MEDIAN_WINDOW_DAYS);
    const prior = (bySku.get(sku) ?? []).filter((p) => p.day >= from && p.day < d).map((p) => p.price);
    return baselineFor(sku, r.settings.priceBaseline, prior);
  };
  const skus = new Set([...bySku.keys()].filter((s) => (bySku.get(s) ?? []).some((p) => p.day >= firstDay)));
  for (const s of Object.keys(r.settings.priceBaseline)) skus.add(s);

  const goods: GoodPrices[] = [...skus]
    .sort(
      (a, b) => (GROUP_RANK[STOCK_GROUP[a] ?? ""] ?? 9) - (GROUP_RANK[STOCK_GROUP[b] ?? ""] ?? 9) || a.localeCompare(b),
    )
    .map((sku) => {
      const c = r.index.get(sku);
      const inWindow = (bySku.get(sku) ?? []).filter((p) => p.day >= firstDay);
      const base = days.map((d) => [d, baselineOn(sku, d)] as const);
      const lastReport = inWindow.at(-1);
      const lastBase = lastReport ? baselineOn(sku, lastReport.day) : null;
      const verdict = lastReport
        ? judgePrice({
            price: lastReport.price,
            baseline: lastBase,
            alertPct: r.settings.priceAlertPct,
            lastAlertedToday: null,
          })
        : null;
      return {
        sku,
        name: c?.name ?? sku,
        nameEn: c?.nameEn ?? sku,
        unit: c?.unit ?? "",
        points: inWindow.map((p) => [p.at.getTime(), p.price] as [number, number]),
        // Steps per day, the last one drawn on to now.
        baseline: withEnd(
          base.map(([d, b]) => [dayStart(d), b?.value ?? null] as [number, number | null]),
          r.now.getTime(),
        ),
        threshold: withEnd(
          base.map(
            ([d, b]) =>
              [dayStart(d), b ? round2(b.value * (1 + r.settings.priceAlertPct / 100)) : null] as [
                number,
                number | null,
              ],
          ),
          r.now.getTime(),
        ),
        baselineSource: base.at(-1)?.[1]?.source ?? null,
        last:
          lastReport && verdict
            ? { price: lastReport.price, changePct: verdict.changePct, level: verdict.level }
            : null,
      };
    });

  const latest = [...r.reports]
    .filter((p) => p.day >= firstDay)
    .reverse()
    .slice(0, 30)
    .map((p) => {
      const b = baselineOn(p.sku, p.day);
      const v = judgePrice({ price: p.price, baseline: b, alertPct: r.settings.priceAlertPct, lastAlertedToday: null });
      const c = r.index.get(p.sku);
      const who = r.reporters.get(p.by);
      return {
        id: p.id,
        at: p.at,
        sku: p.sku,
        name: c?.name ?? p.sku,
        unit: c?.unit ?? "",
        price: p.price,
        baseline: b?.value ?? null,
        changePct: v.changePct,
        level: v.level,
        by: maskPersonalData(who?.name ?? p.by),
        source: sourceOf(who?.roles),
      };
    });
  return { from: dayStart(firstDay), to: r.now.getTime(), alertPct: r.settings.priceAlertPct, goods, latest };
}

function withEnd(steps: Array<[number, number | null]>, end: number): Array<[number, number | null]> {
  const last = steps.at(-1);
  return last && last[1] !== null && end > last[0] ? [...steps, [end, last[1]]] : steps;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
