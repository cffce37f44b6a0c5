// What the bot says about a grid's batch: the list for the leader at the cut-off, its
// updates, reminders, the escalation to the officials, the delivery announcement and
// morning reminder for households, the supplier's order, payments.
import type { BatchChange, BatchSummary, PickEntry } from "../flows/batch-flow";
import { BATCH_TIMINGS } from "../flows/batch-flow";
import { lineEn, lineZh, type NameSource } from "./items";
import { text, yuan, zhDate, type Text } from "./text";

const at = (names: string[]) => names.map((n) => `@${n}`).join(" ");
const hours = (ms: number) => Math.round(ms / 3_600_000);

interface WithSlots extends BatchSummary {
  slots?: Record<string, string>;
  points?: Record<string, string>;
  pickupPoint?: string | null;
}

/** `2-1-101：09:00-09:30`, with the point when the grid has several. */
function slotLines(s: WithSlots, window: string): string[] {
  return s.pickList.map(
    (p) =>
      `${p.household}：${s.slots?.[p.household] ?? window}${!s.pickupPoint && s.points?.[p.household] ? ` @${s.points[p.household]}` : ""}`,
  );
}

const pick = (catalog: NameSource) => (p: PickEntry, i?: number) =>
  `${i === undefined ? "" : `${i + 1}. `}${p.priority ? "★" : ""}${p.household}${p.name ? ` ${p.name}` : ""}：${p.lines.map((l) => lineZh(catalog, l)).join("、")}，${yuan(p.amountCents)}元`;

export const batchTexts = {
  /** `carried`: earlier batches never confirmed by their delivery day, whose orders moved into this one. */
  ready(o: {
    grid: string;
    deliveryDate: string;
    summary: BatchSummary;
    leaders: string[];
    catalog: NameSource;
    carried?: Array<{ deliveryDate: string; orders: number }>;
  }): Text {
    const s = o.summary;
    const totals = s.totals.map((l) => lineZh(o.catalog, l)).join("、");
    const carried = o.carried ?? [];
    return text(
      [
        `${at(o.leaders)} 📋 ${o.grid} ${zhDate(o.deliveryDate)}批次已汇总：${s.orders}户，${totals}，合计${yuan(s.amountCents)}元。`,
        ...carried.map(
          (c) => `⚠️ ${zhDate(c.deliveryDate)}的批次没有确认，已赶不上配送，其中${c.orders}户的订单并入本批次。`,
        ),
        ...s.pickList.map(pick(o.catalog)),
        "请核对后回复“确认”或 /confirm。★为特殊照顾户，优先配送。",
      ].join("\n"),
      [
        `${at(o.leaders)} Batch for grid ${o.grid}, delivery ${o.deliveryDate}: ${s.orders} households, total ¥${yuan(s.amountCents)}.`,
        ...carried.map(
          (c) => `The batch for ${c.deliveryDate} was never confirmed; its ${c.orders} orders moved into this one.`,
        ),
        ...s.pickList.map(
          (p, i) =>
            `${i + 1}. ${p.priority ? "★" : ""}${p.household}: ${p.lines.map((l) => lineEn(o.catalog, l)).join(", ")}, ¥${yuan(p.amountCents)}`,
        ),
        "Leader: reply 确认 or /confirm. ★ special-care households go first.",
      ].join("\n"),
    );
  },
  /** The list posted again: what joined, changed or left after the cut-off, for the leader. */
  updated(o: {
    grid: string;
    deliveryDate: string;
    change: BatchChange;
    summary: BatchSummary;
    leaders: string[];
    catalog: NameSource;
  }): Text {
    const c = o.change;
    const p = pick(o.catalog);
    const totals = o.summary.totals.map((l) => lineZh(o.catalog, l)).join("、");
    return text(
      [
        `${at(o.leaders)} 📝 ${o.grid} ${zhDate(o.deliveryDate)}批次有更新：`,
        ...(c.added.length ? [`新增 ${c.added.length} 户（截单前下单，晚到）：`, ...c.added.map((x) => p(x))] : []),
        ...(c.changed.length ? [`修改 ${c.changed.length} 户：`, ...c.changed.map((x) => p(x))] : []),
        ...(c.removed.length ? [`取消 ${c.removed.length} 户：${c.removed.map((x) => x.household).join("、")}`] : []),
        `现共${o.summary.orders}户，${totals}，合计${yuan(o.summary.amountCents)}元。确认时以最新清单为准，请回复“确认”或 /confirm。`,
      ].join("\n"),
      `Batch for ${o.deliveryDate} updated: ${c.added.length} added, ${c.changed.length} changed, ${c.removed.length} cancelled; now ${o.summary.orders} households, ¥${yuan(o.summary.amountCents)}. Confirming confirms this list.`,
    );
  },
  reminder(o: { leaders: string[]; deliveryDate: string; orders: number }): Text {
    return text(
      `${at(o.leaders)} ⏰ ${zhDate(o.deliveryDate)}批次（${o.orders}户）还没有确认，请尽快回复“确认”，以免耽误配送。`,
      `Reminder: the batch for ${o.deliveryDate} (${o.orders} households) is not confirmed yet.`,
    );
  },
  escalation(o: { village: string; grid: string; deliveryDate: string; leaders: string[]; orders: number }): Text {
    const h = hours(BATCH_TIMINGS.escalateAfterMs);
    return text(
      `⚠️ ${o.village}${o.grid} 的${zhDate(o.deliveryDate)}批次（${o.orders}户）截单${h}小时后仍未确认，团长：${o.leaders.join("、") || "未设置"}。请联系跟进。`,
      `Escalation: ${o.village} grid ${o.grid}, batch for ${o.deliveryDate} (${o.orders} households) is still unconfirmed ${h} hours after the cut-off.`,
    );
  },
  announce(o: { zone: "static" | "controlled"; deliveryDate: string; window: string; summary: WithSlots }): Text {
    if (o.zone === "controlled") {
      return text(
        `🚚 团长已确认，${zhDate(o.deliveryDate)} ${o.window} 送货上门，无接触配送：志愿者放在门口后会在群里告知，请戴好口罩开门取货。共${o.summary.orders}户。`,
        `Confirmed. Delivery on ${o.deliveryDate}, ${o.window}, to your door, no contact: volunteers leave it at the door and tell you here.`,
      );
    }
    const slots = slotLines(o.summary, o.window);
    return text(
      [
        `🚚 团长已确认，${zhDate(o.deliveryDate)}在${o.summary.pickupPoint ?? "各取货点"}错峰取物，请按时段取货，戴口罩、保持一米距离：`,
        ...slots,
      ].join("\n"),
      [
        `Confirmed. Pick up on ${o.deliveryDate} at ${o.summary.pickupPoint ?? "the grid's pickup point"} in your time slot; wear a mask and keep 1 m apart:`,
        ...slots,
      ].join("\n"),
    );
  },
  morning(o: { zone: "static" | "controlled"; deliveryDate: string; window: string; summary: WithSlots }): Text {
    if (o.zone === "controlled")
      return text(
        `🌅 今天（${zhDate(o.deliveryDate)}）${o.window} 送货上门，请留意门口。`,
        `Today's delivery comes to your door, ${o.window}.`,
      );
    const slots = slotLines(o.summary, o.window);
    return text(
      [
        `🌅 今天（${zhDate(o.deliveryDate)}）取货提醒，请按时段到${o.summary.pickupPoint ?? "取货点"}取货：`,
        ...slots,
      ].join("\n"),
      ["Pickup today: please come in your slot:", ...slots].join("\n"),
    );
  },
  supplier(o: {
    grid: string;
    batchId: string;
    deliveryDate: string;
    summary: BatchSummary;
    catalog: NameSource;
  }): Text {
    return text(
      [
        `📦 供货单 ${o.batchId}（${o.grid}，${zhDate(o.deliveryDate)}送达，${o.summary.orders}户）：`,
        ...o.summary.totals.map((l) => lineZh(o.catalog, l)),
      ].join("\n"),
      [
        `Supply order ${o.batchId} for ${o.deliveryDate} (${o.summary.orders} households):`,
        ...o.summary.totals.map((l) => lineEn(o.catalog, l)),
      ].join("\n"),
    );
  },
  paid(o: { household: string; unpaid: string[] }): Text {
    return text(
      `💰 已记录 ${o.household} 付款。${o.unpaid.length ? `未付款：${o.unpaid.join("、")}` : "本批已全部付款"}。`,
      `Payment recorded for ${o.household}. ${o.unpaid.length ? `Unpaid: ${o.unpaid.join(", ")}` : "All paid"}.`,
    );
  },
  /** The caption of a big grid's pick list sent as a file. */
  pickListFile(o: { deliveryDate: string; orders: number; final: boolean }): Text {
    return o.final
      ? text(
          `📎 ${zhDate(o.deliveryDate)}拣货单（${o.orders}户，含取货时段，每个取货点一页），供志愿者和供货商使用。`,
          `Pick list for ${o.deliveryDate} (${o.orders} households, with pickup slots; one sheet per pickup point).`,
        )
      : text(
          `📎 ${zhDate(o.deliveryDate)}批次清单（${o.orders}户）的表格版，方便团长核对。`,
          `The batch for ${o.deliveryDate} (${o.orders} households) as a spreadsheet, for the leader to check.`,
        );
  },
  noBatch(): Text {
    return text("目前没有待确认的批次。", "There is no batch waiting for confirmation.");
  },
  alreadyConfirmed(): Text {
    return text("这一批次已经确认过了。", "This batch is already confirmed.");
  },
};

export type { Text };
