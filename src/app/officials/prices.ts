// Price reports (/price, 今日价格 …): stored, judged against the baseline, alerted.
import { addDays, localDate, zonedInstant } from "../../domain/local-time";
import { parsePrices } from "../../flows/officials/inputs";
import {
  baselineFor,
  judgePrice,
  MEDIAN_WINDOW_DAYS,
  type Baseline,
  type PriceVerdict,
} from "../../flows/officials/price-rules";
import { officialTexts } from "../../texts";
import type { DbOrTx } from "../context";
import { lock, priceLockKey } from "../../db/locks";
import { claimMessage, commodityIndex, loadAlertSettings, recordAlert, type OfficialCtx } from "./common";

/** The prices of the 7 local days before `day` (today's own reports are not their own baseline). */
export async function recentPrices(db: DbOrTx, sku: string, day: string, tz: string): Promise<number[]> {
  const from = zonedInstant(addDays(day, -MEDIAN_WINDOW_DAYS), "00:00", tz);
  const to = zonedInstant(day, "00:00", tz);
  const rows = await db.priceReport.findMany({
    where: { commodity: sku, at: { gte: from, lt: to } },
    select: { price: true },
  });
  return rows.map((r) => r.price);
}

export async function reportPrices(c: OfficialCtx, text: string): Promise<void> {
  const { deps, msg, fx } = c;
  const index = commodityIndex(deps);
  const parsed = parsePrices(text, index);
  if (parsed.entries.length === 0) {
    c.say(
      parsed.unknown.length || parsed.incomplete.length
        ? officialTexts.notUnderstood(parsed)
        : officialTexts.usage("price"),
    );
    return;
  }
  const now = msg.at;
  const day = localDate(now, deps.timezone);
  type Judged = {
    sku: string;
    price: number;
    baseline: Baseline | null;
    verdict: PriceVerdict;
    previous: number | null;
  };
  const judged = await deps.db.$transaction(
    async (tx) => {
      if (!(await claimMessage(tx, msg, "price"))) return null;
      const settings = await loadAlertSettings(tx, index);
      const out: Judged[] = [];
      for (const e of parsed.entries) {
        // One report of a commodity at a time: two officials reporting together alert once.
        await lock(tx, priceLockKey(e.sku));
        const baseline = baselineFor(e.sku, settings.priceBaseline, await recentPrices(tx, e.sku, day, deps.timezone));
        const last = await tx.officialAlert.findFirst({
          where: { kind: "price", sku: e.sku, day },
          orderBy: { value: "desc" },
        });
        const verdict = judgePrice({
          price: e.price,
          baseline,
          alertPct: settings.priceAlertPct,
          lastAlertedToday: last?.value ?? null,
        });
        await tx.priceReport.create({
          data: { commodity: e.sku, price: e.price, reportedBy: msg.senderId, at: now, day },
        });
        if (verdict.alert) {
          await recordAlert(tx, {
            key: `price:${e.sku}:${day}:${e.price}`,
            kind: "price",
            sku: e.sku,
            day,
            value: e.price,
            at: now,
            data: {
              baseline: baseline!.value,
              baselineSource: baseline!.source,
              risePct: verdict.changePct,
              by: msg.senderId,
            },
          });
        }
        out.push({ sku: e.sku, price: e.price, baseline, verdict, previous: last?.value ?? null });
      }
      return out;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!judged) return; // handled before
  const skipped = parsed.unknown.length || parsed.incomplete.length ? officialTexts.notUnderstood(parsed) : null;
  const view = (sku: string) => index.get(sku)!;
  c.say(
    officialTexts.pricesRecorded(
      judged.map((j) => ({
        name: view(j.sku).name,
        nameEn: view(j.sku).nameEn,
        unit: view(j.sku).unit,
        price: j.price,
        baseline: j.baseline,
        verdict: j.verdict,
      })),
      skipped,
    ),
  );
  for (const j of judged) {
    fx.event({
      type: "price.reported",
      chat: msg.chatId,
      sku: j.sku,
      price: j.price,
      by: msg.senderId,
      baseline: j.baseline?.value ?? null,
      changePct: j.verdict.changePct,
      level: j.verdict.level,
    });
    if (!j.verdict.alert) continue;
    const c0 = view(j.sku);
    fx.event({
      type: "alert",
      chat: msg.chatId,
      kind: "price",
      sku: j.sku,
      name: c0.name,
      unit: c0.unit,
      day,
      price: j.price,
      baseline: j.baseline!.value,
      baselineSource: j.baseline!.source,
      risePct: j.verdict.changePct,
      again: j.verdict.again,
      ...(j.previous !== null ? { previousAlertPrice: j.previous } : {}),
    });
    c.say(
      officialTexts.priceAlert({
        name: c0.name,
        nameEn: c0.nameEn,
        unit: c0.unit,
        price: j.price,
        baseline: j.baseline!,
        changePct: j.verdict.changePct!,
        again: j.verdict.again,
        previous: j.previous,
      }),
    );
  }
}
