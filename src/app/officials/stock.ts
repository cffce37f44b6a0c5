// Stock reports (/stock) and the orders-as-a-signal check after each cut-off.
import { localDate } from "../../domain/local-time";
import { parseStocks } from "../../flows/officials/inputs";
import {
  demandBySku,
  judgeDemand,
  judgeStock,
  targetDays,
  wantedDays,
  type StockVerdict,
} from "../../flows/officials/stock-rules";
import { officialTexts, render } from "../../texts";
import { demandCheckDue } from "../cutoff-store";
import type { AppDeps } from "../deps";
import { Effects, runEffects } from "../effects";
import {
  claimMessage,
  commodityIndex,
  inboundKey,
  loadAlertSettings,
  officialsChats,
  officialsLanguage,
  recordAlert,
  type OfficialCtx,
} from "./common";

export async function reportStock(c: OfficialCtx, text: string): Promise<void> {
  const { deps, msg, fx } = c;
  const index = commodityIndex(deps);
  const parsed = parseStocks(text, index);
  if (parsed.entries.length === 0) {
    c.say(
      parsed.unknown.length || parsed.incomplete.length
        ? officialTexts.notUnderstood(parsed)
        : officialTexts.usage("stock"),
    );
    return;
  }
  const now = msg.at;
  const day = localDate(now, deps.timezone);
  type Judged = { sku: string; stock: number; dailyUse: number; verdict: StockVerdict };
  const judged = await deps.db.$transaction(
    async (tx) => {
      if (!(await claimMessage(tx, msg, "stock"))) return null;
      const settings = await loadAlertSettings(tx, index);
      const out: Judged[] = [];
      for (const e of parsed.entries) {
        await tx.stockReport.create({
          data: { commodity: e.sku, stock: e.stock, dailyUse: e.dailyUse, reportedBy: msg.senderId, at: now },
        });
        const verdict = judgeStock({
          stock: e.stock,
          dailyUse: e.dailyUse,
          target: targetDays(e.sku, settings.stockTargetDays),
        });
        if (verdict.below) {
          await recordAlert(tx, {
            key: `stock:${inboundKey(msg)}:${e.sku}`,
            kind: "stock",
            sku: e.sku,
            day,
            value: verdict.daysLeft ?? 0,
            at: now,
            data: {
              reason: "days",
              stock: e.stock,
              dailyUse: e.dailyUse,
              targetDays: verdict.target,
              restoreQty: verdict.restoreQty,
            },
          });
        }
        out.push({ sku: e.sku, stock: e.stock, dailyUse: e.dailyUse, verdict });
      }
      return out;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!judged) return;
  const skipped = parsed.unknown.length || parsed.incomplete.length ? officialTexts.notUnderstood(parsed) : null;
  c.say(
    officialTexts.stocksRecorded(
      judged.map((j) => ({
        name: index.get(j.sku)!.name,
        nameEn: index.get(j.sku)!.nameEn,
        unit: index.get(j.sku)!.unit,
        stock: j.stock,
        dailyUse: j.dailyUse,
        verdict: j.verdict,
        wanted: wantedDays(j.sku),
      })),
      skipped,
    ),
  );
  for (const j of judged) {
    const v = index.get(j.sku)!;
    fx.event({
      type: "stock.reported",
      chat: msg.chatId,
      sku: j.sku,
      stock: j.stock,
      dailyUse: j.dailyUse,
      daysLeft: j.verdict.daysLeft,
      targetDays: j.verdict.target,
      by: msg.senderId,
    });
    if (!j.verdict.below) continue;
    const wanted = wantedDays(j.sku);
    fx.event({
      type: "alert",
      chat: msg.chatId,
      kind: "stock",
      reason: "days",
      sku: j.sku,
      name: v.name,
      unit: v.unit,
      stock: j.stock,
      dailyUse: j.dailyUse,
      daysLeft: j.verdict.daysLeft,
      targetDays: j.verdict.target,
      restoreQty: j.verdict.restoreQty,
      ...(wanted ? { wantedDays: wanted } : {}),
    });
    c.say(
      officialTexts.stockAlert({
        name: v.name,
        nameEn: v.nameEn,
        unit: v.unit,
        stock: j.stock,
        dailyUse: j.dailyUse,
        daysLeft: j.verdict.daysLeft!,
        target: j.verdict.target!,
        restoreQty: j.verdict.restoreQty,
        wanted,
      }),
    );
  }
}

/**
 * The `demand-check` job, queued by the cut-offs: checks the delivery date's demand
 * (`checkDemand`) when none of that date's open orders is left outside a batch — the town's
 * last cut-off for the date has run — and records the date as checked (also when no stock
 * was reported, so nothing was compared: a first stock report later does not make the sweep
 * alert about orders already delivered); otherwise does nothing (a later cut-off queues it
 * again). One indexed query when not due.
 */
export async function checkDemandWhenDue(deps: AppDeps, deliveryDate: string): Promise<boolean> {
  if (!(await demandCheckDue(deps.sql, deliveryDate))) return false;
  await checkDemand(deps, deliveryDate);
  // Done, for the sweep: a date whose check job Redis lost is checked from the database.
  const key = demandCheckedKey(deliveryDate);
  const value = { at: deps.clock.now().toISOString() };
  await deps.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  return true;
}

/** The setting that records a delivery date's demand check as done (`checkDemandWhenDue`). */
const demandCheckedKey = (deliveryDate: string) => `demand-checked:${deliveryDate}`;

/**
 * The sweep's part: delivery dates from yesterday on that have batches and whose demand
 * check is not recorded as done (its job lost with Redis, or its process stopped) are
 * checked now, when due. Returns how many were checked. Each is one indexed query when
 * not due; a check run twice alerts once (alerts are keyed by sku and date).
 */
export async function checkMissedDemand(deps: AppDeps): Promise<number> {
  const since = localDate(new Date(deps.clock.now().getTime() - 86_400_000), deps.timezone);
  // One row a date (Prisma's `distinct` would read every batch and drop repeats itself).
  const dates = await deps.db.batch.groupBy({ by: ["deliveryDate"], where: { deliveryDate: { gte: since } } });
  const done = new Set(
    (
      await deps.db.setting.findMany({
        where: { key: { in: dates.map((d) => demandCheckedKey(d.deliveryDate)) } },
        select: { key: true },
      })
    ).map((s) => s.key),
  );
  let n = 0;
  for (const { deliveryDate } of dates)
    if (!done.has(demandCheckedKey(deliveryDate)) && (await checkDemandWhenDue(deps, deliveryDate))) n++;
  return n;
}

/**
 * After a cut-off: the demand of the delivery date's batches per sku against the
 * latest stock report. A commodity the orders would empty is alerted once per delivery date.
 */
export async function checkDemand(deps: AppDeps, deliveryDate: string): Promise<void> {
  // Nothing to compare without stock reports; the town's demand is summed by the
  // database, not row by row here.
  if ((await deps.db.stockReport.count()) === 0) return;
  const lines = await deps.db.$queryRawUnsafe<Array<{ sku: string; qty: number }>>(
    `SELECT l.sku, SUM(l.qty)::int AS qty
       FROM "Batch" b JOIN "Order" o ON o."batchId" = b.id JOIN "OrderLine" l ON l."orderId" = o.id
      WHERE b."deliveryDate" = $1 AND o.status <> 'cancelled' GROUP BY l.sku`,
    deliveryDate,
  );
  const demand = demandBySku(lines.map((l) => ({ sku: l.sku, qty: Number(l.qty) })));
  if (demand.size === 0) return;
  const reports = await deps.db.stockReport.findMany({
    where: { commodity: { in: [...demand.keys()] } },
    orderBy: { at: "desc" },
  });
  const latest = new Map<string, (typeof reports)[number]>();
  for (const r of reports) if (!latest.has(r.commodity)) latest.set(r.commodity, r);
  const index = commodityIndex(deps);
  const now = deps.clock.now();
  const fx = new Effects();
  const chats = await officialsChats(deps.db);
  const lang = await officialsLanguage(deps.db);
  for (const [sku, qty] of demand) {
    const s = latest.get(sku);
    if (!s) continue;
    const v = judgeDemand({ demand: qty, stock: s.stock });
    if (!v.empties) continue;
    const fresh = await recordAlert(deps.db, {
      key: `demand:${sku}:${deliveryDate}`,
      kind: "stock",
      sku,
      day: localDate(now, deps.timezone),
      value: qty,
      at: now,
      data: { reason: "demand", demand: qty, stock: s.stock, deliveryDate, shortfall: v.shortfall },
    });
    if (!fresh) continue;
    const c = index.get(sku);
    const name = c?.name ?? sku;
    const unit = c?.unit ?? "";
    const daysLeft = s.dailyUse > 0 ? Math.floor((s.stock / s.dailyUse) * 10) / 10 : null;
    for (const chat of chats) {
      fx.event({
        type: "alert",
        chat: chat.chatId,
        kind: "stock",
        reason: "demand",
        sku,
        name,
        unit,
        demand: qty,
        stock: s.stock,
        dailyUse: s.dailyUse,
        daysLeft,
        shortfall: v.shortfall,
        deliveryDate,
      });
      fx.say(
        chat,
        render(
          officialTexts.demandAlert({
            name,
            nameEn: c?.nameEn ?? name,
            unit,
            demand: qty,
            stock: s.stock,
            deliveryDate,
            shortfall: v.shortfall,
          }),
          lang,
        ),
        [],
        `demand:${sku}:${deliveryDate}:${chat.chatId}`,
      );
    }
  }
  await runEffects(deps, fx);
}
