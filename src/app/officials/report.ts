// The daily report (日报): gathered from the database for one local day, said in the
// officials' chats (the daily job, /report) and written as CSV (the job with a
// directory, `bin/baogong report`).
import fs from "node:fs";
import path from "node:path";
import { readRefusalAudit } from "../../flows/json-columns";
import { addDays, localDate, zonedInstant } from "../../domain/local-time";
import type { Db } from "../../db/database";
import type { CommodityIndex } from "../../flows/officials/commodities";
import { baselineFor, judgePrice } from "../../flows/officials/price-rules";
import {
  reportCsv,
  type DailyReport,
  type PriceLine,
  type StockLine,
  type VillageDay,
} from "../../flows/officials/report";
import type { AlertSettings } from "../../flows/officials/settings";
import { judgeStock, targetDays, wantedDays } from "../../flows/officials/stock-rules";
import type { AppDeps } from "../deps";
import { Effects, runEffects } from "../effects";
import { commodityIndex, loadAlertSettings, officialsChats, officialsLanguage, type OfficialCtx } from "./common";
import { lines, officialTexts, render, reportText } from "../../texts";
import { recentPrices } from "./prices";

export async function buildDailyReport(
  db: Db,
  o: { date: string; tz: string; index: CommodityIndex; settings: AlertSettings },
): Promise<DailyReport> {
  const from = zonedInstant(o.date, "00:00", o.tz);
  const to = zonedInstant(addDays(o.date, 1), "00:00", o.tz);
  const inDay = { gte: from, lt: to };
  const villages = await db.village.findMany({
    orderBy: { name: "asc" },
    include: { grids: { select: { id: true } } },
  });
  const gridVillage = new Map<string, string>();
  for (const v of villages) for (const g of v.grids) gridVillage.set(g.id, v.id);
  const byId = new Map<string, VillageDay>(
    villages.map((v) => [
      v.id,
      {
        village: v.name,
        rules: { intervalDays: v.intervalDays },
        orders: 0,
        orderCents: 0,
        batchesConfirmed: 0,
        batchesDelivered: 0,
        unpaidOrders: 0,
        unpaidCents: 0,
        refusals: {},
        medicine: 0,
      },
    ]),
  );
  const at = (villageId: string | null | undefined) => (villageId ? byId.get(villageId) : undefined);

  for (const ord of await db.order.findMany({
    where: { placedAt: inDay, status: { not: "cancelled" } },
    select: { totalCents: true, household: { select: { villageId: true } } },
  })) {
    const v = at(ord.household.villageId);
    if (v) {
      v.orders++;
      v.orderCents += ord.totalCents;
    }
  }
  for (const b of await db.batch.findMany({ where: { confirmedAt: inDay }, select: { gridId: true } })) {
    const v = at(gridVillage.get(b.gridId));
    if (v) v.batchesConfirmed++;
  }
  for (const b of await db.batch.findMany({
    where: { deliveryDate: o.date, status: { in: ["confirmed", "delivered"] } },
    select: { gridId: true },
  })) {
    const v = at(gridVillage.get(b.gridId));
    if (v) v.batchesDelivered++;
  }
  const unpaid = await db.order.findMany({
    where: { status: { in: ["confirmed", "delivered"] }, paidAt: null, placedAt: { lt: to } },
    select: { totalCents: true, household: { select: { villageId: true } } },
  });
  for (const u of unpaid) {
    const v = at(u.household.villageId);
    if (v) {
      v.unpaidOrders++;
      v.unpaidCents += u.totalCents;
    }
  }
  for (const r of await db.auditLog.findMany({
    where: { action: "order.rejected", at: inDay },
    select: { subject: true, data: true },
  })) {
    const v = at(readRefusalAudit(r.data).villageId);
    const reason = r.subject ?? "UNKNOWN";
    if (v) v.refusals[reason] = (v.refusals[reason] ?? 0) + 1;
  }
  const meds = await db.medicineRequest.findMany({
    where: { createdAt: inDay },
    select: { chatGroupId: true, householdId: true },
  });
  if (meds.length) {
    const groups = new Map(
      (
        await db.chatGroup.findMany({
          where: { id: { in: meds.map((m) => m.chatGroupId).filter((x): x is string => !!x) } },
          select: { id: true, villageId: true },
        })
      ).map((g) => [g.id, g.villageId]),
    );
    const hhs = new Map(
      (
        await db.household.findMany({
          where: { id: { in: meds.map((m) => m.householdId).filter((x): x is string => !!x) } },
          select: { id: true, villageId: true },
        })
      ).map((h) => [h.id, h.villageId]),
    );
    for (const m of meds) {
      const v = at(
        (m.householdId ? hhs.get(m.householdId) : null) ?? (m.chatGroupId ? groups.get(m.chatGroupId) : null),
      );
      if (v) v.medicine++;
    }
  }

  const prices: PriceLine[] = [];
  const dayPrices = await db.priceReport.findMany({ where: { day: o.date }, orderBy: { at: "asc" } });
  const bySku = new Map<string, typeof dayPrices>();
  for (const p of dayPrices) bySku.set(p.commodity, [...(bySku.get(p.commodity) ?? []), p]);
  for (const [sku, list] of bySku) {
    const last = list.at(-1)!;
    const baseline = baselineFor(sku, o.settings.priceBaseline, await recentPrices(db, sku, o.date, o.tz));
    const v = judgePrice({ price: last.price, baseline, alertPct: o.settings.priceAlertPct, lastAlertedToday: null });
    const c = o.index.get(sku);
    prices.push({
      sku,
      name: c?.name ?? sku,
      unit: c?.unit ?? "",
      price: last.price,
      reports: list.length,
      baseline,
      changePct: v.changePct,
      level: v.level,
    });
  }
  prices.sort((a, b) => a.sku.localeCompare(b.sku));

  const stocks: StockLine[] = [];
  const reports = await db.stockReport.findMany({
    where: { at: { lt: to } },
    orderBy: { at: "desc" },
    distinct: ["commodity"],
  });
  for (const s of reports) {
    const v = judgeStock({
      stock: s.stock,
      dailyUse: s.dailyUse,
      target: targetDays(s.commodity, o.settings.stockTargetDays),
    });
    const c = o.index.get(s.commodity);
    stocks.push({
      sku: s.commodity,
      name: c?.name ?? s.commodity,
      unit: c?.unit ?? "",
      stock: s.stock,
      dailyUse: s.dailyUse,
      reportedOn: localDate(s.at, o.tz),
      daysLeft: v.daysLeft,
      target: v.target,
      wanted: wantedDays(s.commodity),
      below: v.below,
      restoreQty: v.restoreQty,
    });
  }
  stocks.sort((a, b) => a.sku.localeCompare(b.sku));

  const alerts = { price: 0, stock: 0 };
  for (const a of await db.officialAlert.groupBy({ by: ["kind"], where: { day: o.date }, _count: { _all: true } })) {
    if (a.kind === "price" || a.kind === "stock") alerts[a.kind] = a._count._all;
  }
  return { date: o.date, office: o.settings.office, villages: [...byId.values()], prices, stocks, alerts };
}

export function writeReportCsv(report: DailyReport, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `report-${report.date}.csv`);
  fs.writeFileSync(file, reportCsv(report));
  return file;
}

export async function reportFor(
  deps: Pick<AppDeps, "db" | "catalog" | "timezone">,
  date: string,
): Promise<DailyReport> {
  const index = commodityIndex(deps);
  const settings = await loadAlertSettings(deps.db, index);
  return buildDailyReport(deps.db, { date, tz: deps.timezone, index, settings });
}

function reportEvent(chat: string, r: DailyReport, file: string | null) {
  return {
    type: "report",
    chat,
    date: r.date,
    villages: r.villages.map((v) => ({
      village: v.village,
      orders: v.orders,
      batchesConfirmed: v.batchesConfirmed,
      batchesDelivered: v.batchesDelivered,
      unpaidCents: v.unpaidCents,
      refusals: v.refusals,
      medicine: v.medicine,
    })),
    pricesHigh: r.prices.filter((p) => p.level === "high").map((p) => p.sku),
    pricesLow: r.prices.filter((p) => p.level === "low").map((p) => p.sku),
    stocksBelow: r.stocks.filter((s) => s.below).map((s) => s.sku),
    alerts: r.alerts,
    ...(file ? { csv: file } : {}),
  };
}

/**
 * The `daily-report` job: the report of `date` (default: today, local) to every
 * officials' chat, once per day and chat; with `dir`, also as CSV there.
 */
export async function runDailyReport(
  deps: AppDeps,
  p: { date?: string | undefined; dir?: string | undefined },
): Promise<DailyReport> {
  const date = p.date ?? localDate(deps.clock.now(), deps.timezone);
  const report = await reportFor(deps, date);
  let file: string | null = null;
  let csvFailed: string | null = null;
  if (p.dir) {
    // The report is said whether or not its CSV can be written.
    try {
      file = writeReportCsv(report, p.dir);
    } catch (e) {
      csvFailed = (e as Error).message;
      deps.log.warn({ dir: p.dir, err: csvFailed }, "daily report: the CSV could not be written");
    }
  }
  const fx = new Effects();
  const text = render(
    lines(reportText(report), csvFailed !== null && officialTexts.reportCsvFailed()),
    await officialsLanguage(deps.db),
  );
  for (const chat of await officialsChats(deps.db)) {
    fx.event({ ...reportEvent(chat.chatId, report, file), ...(csvFailed ? { csvError: csvFailed } : {}) });
    fx.say(chat, text, [], `report:${date}:${chat.chatId}`);
  }
  await runEffects(deps, fx);
  return report;
}

/** `/report`: today's report so far, in the chat that asked. */
export async function reportNow(c: OfficialCtx): Promise<void> {
  const date = localDate(c.msg.at, c.deps.timezone);
  const report = await reportFor(c.deps, date);
  c.fx.event(reportEvent(c.chat.chatId, report, null));
  c.say(reportText(report));
}
