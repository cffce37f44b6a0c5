// Loads the price reports of the last 30 days (and the 7 before, for the median
// baselines), with who reported them. Prices are the town's: officials only.
import { addDays, localDate, zonedInstant } from "../../domain/local-time";
import { commodityIndex, loadAlertSettings } from "../../app/officials/common";
import type { WebDeps } from "../deps";
import { PRICE_WINDOW_DAYS, type PriceRows } from "../model/prices";
import { MEDIAN_WINDOW_DAYS } from "../../flows/officials/price-rules";

export async function loadPrices(deps: WebDeps): Promise<PriceRows> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timezone);
  const index = commodityIndex(deps);
  const from = zonedInstant(addDays(today, -(PRICE_WINDOW_DAYS - 1 + MEDIAN_WINDOW_DAYS)), "00:00", deps.timezone);
  const [settings, reports] = await Promise.all([
    loadAlertSettings(deps.db, index),
    deps.db.priceReport.findMany({ where: { at: { gte: from, lte: now } }, orderBy: { at: "asc" } }),
  ]);
  const ids = [...new Set(reports.map((r) => r.reportedBy))];
  const members = ids.length
    ? await deps.db.member.findMany({ where: { userId: { in: ids } }, include: { roles: true } })
    : [];
  const reporters = new Map(
    members.map((m) => [m.userId, { name: m.displayName ?? m.userId, roles: m.roles.map((r) => r.role as string) }]),
  );
  return {
    now,
    today,
    tz: deps.timezone,
    index,
    settings,
    reports: reports.map((r) => ({
      id: r.id,
      sku: r.commodity,
      price: r.price,
      at: r.at,
      day: r.day,
      by: r.reportedBy,
    })),
    reporters,
  };
}
