// Loads stock reports: the latest per commodity, and the last 30 days of history.
import { addDays, localDate, zonedInstant } from "../../domain/local-time";
import { commodityIndex, loadAlertSettings } from "../../app/officials/common";
import type { WebDeps } from "../deps";
import type { StockRows } from "../model/stock";

export async function loadStock(deps: WebDeps): Promise<StockRows> {
  const now = deps.clock.now();
  const index = commodityIndex(deps);
  const from = zonedInstant(addDays(localDate(now, deps.timezone), -29), "00:00", deps.timezone);
  const [settings, latest, history] = await Promise.all([
    loadAlertSettings(deps.db, index),
    deps.db.stockReport.findMany({ where: { at: { lte: now } }, orderBy: { at: "desc" }, distinct: ["commodity"] }),
    deps.db.stockReport.findMany({ where: { at: { gte: from, lte: now } }, orderBy: { at: "asc" } }),
  ]);
  const row = (s: (typeof latest)[number]) => ({ sku: s.commodity, stock: s.stock, dailyUse: s.dailyUse, at: s.at });
  return { now, from, tz: deps.timezone, index, settings, latest: latest.map(row), history: history.map(row) };
}
