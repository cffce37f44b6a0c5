// Texts about batches and deliveries (zh-CN first, English alongside).
import { zhDate } from "../domain/local-time";
import type { BatchChange, BatchSummary, PickEntry } from "./batch-flow";
import type { Line } from "./order-rules";

export interface NameSource { get(sku: string): { name: string; unit: string } | undefined }

const yuan = (c: number) => (c % 100 === 0 ? String(c / 100) : (c / 100).toFixed(2));
const lineZh = (names: NameSource, l: Line) => `${names.get(l.sku)?.name ?? l.sku}×${l.qty}${names.get(l.sku)?.unit ?? ""}`;
const at = (names: string[]) => names.map((n) => `@${n}`).join(" ");

interface WithSlots extends BatchSummary { slots?: Record<string, string>; points?: Record<string, string>; pickupPoint?: string | null }

/** `2-1-101：09:00-09:30`, with the point when the grid has several. */
function slotLines(s: WithSlots, window: string): string[] {
  return s.pickList.map((p) => `${p.household}：${s.slots?.[p.household] ?? window}${!s.pickupPoint && s.points?.[p.household] ? ` @${s.points[p.household]}` : ""}`);
}

export const batchTexts = {
  ready(o: { grid: string; deliveryDate: string; summary: BatchSummary; leaders: string[]; catalog: NameSource }): string {
    const s = o.summary;
    const totals = s.totals.map((l) => lineZh(o.catalog, l)).join("、");
    const picks = s.pickList
      .map((p, i) => `${i + 1}. ${p.priority ? "★" : ""}${p.household}${p.name ? ` ${p.name}` : ""}：${p.lines.map((l) => lineZh(o.catalog, l)).join("、")}，${yuan(p.amountCents)}元`)
      .join("\n");
    return [
      `${at(o.leaders)} 📋 ${o.grid} ${zhDate(o.deliveryDate)}批次已汇总：${s.orders}户，${totals}，合计${yuan(s.amountCents)}元。`,
      picks,
      `请核对后回复“确认”或 /confirm。★为特殊照顾户，优先配送。`,
      `Batch for grid ${o.grid}, delivery ${o.deliveryDate}: ${s.orders} households, total ¥${yuan(s.amountCents)}. Leader: reply 确认 or /confirm.`,
    ].join("\n");
  },
  /** The list posted again: what joined, changed or left after the cut-off, for the leader. */
  updated(o: { grid: string; deliveryDate: string; change: BatchChange; summary: BatchSummary; leaders: string[]; catalog: NameSource }): string {
    const pick = (p: PickEntry) => `${p.priority ? "★" : ""}${p.household}${p.name ? ` ${p.name}` : ""}：${p.lines.map((l) => lineZh(o.catalog, l)).join("、")}`;
    const c = o.change;
    const zh: string[] = [];
    if (c.added.length) zh.push(`新增 ${c.added.length} 户（截单前下单，晚到）：\n${c.added.map(pick).join("\n")}`);
    if (c.changed.length) zh.push(`修改 ${c.changed.length} 户：\n${c.changed.map(pick).join("\n")}`);
    if (c.removed.length) zh.push(`取消 ${c.removed.length} 户：${c.removed.map((p) => p.household).join("、")}`);
    const totals = o.summary.totals.map((l) => lineZh(o.catalog, l)).join("、");
    return [
      `${at(o.leaders)} 📝 ${o.grid} ${zhDate(o.deliveryDate)}批次有更新：`,
      ...zh,
      `现共${o.summary.orders}户，${totals}，合计${yuan(o.summary.amountCents)}元。确认时以最新清单为准，请回复“确认”或 /confirm。`,
      `Batch for ${o.deliveryDate} updated: ${c.added.length} added, ${c.changed.length} changed, ${c.removed.length} cancelled; now ${o.summary.orders} households, ¥${yuan(o.summary.amountCents)}. Confirming confirms this list.`,
    ].join("\n");
  },
  reminder(o: { leaders: string[]; deliveryDate: string; orders: number }): string {
    return [
      `${at(o.leaders)} ⏰ ${zhDate(o.deliveryDate)}批次（${o.orders}户）还没有确认，请尽快回复“确认”，以免耽误配送。`,
      `Reminder: the batch for ${o.deliveryDate} (${o.orders} households) is not confirmed yet.`,
    ].join("\n");
  },
  escalation(o: { village: string; grid: string; deliveryDate: string; leaders: string[]; orders: number }): string {
    return [
      `⚠️ ${o.village}${o.grid} 的${zhDate(o.deliveryDate)}批次（${o.orders}户）截单3小时后仍未确认，团长：${o.leaders.join("、") || "未设置"}。请联系跟进。`,
      `Escalation: ${o.village} grid ${o.grid}, batch for ${o.deliveryDate} (${o.orders} households) is still unconfirmed 3 hours after the cut-off.`,
    ].join("\n");
  },
  announce(o: { zone: "static" | "controlled"; deliveryDate: string; window: string; summary: WithSlots }): string {
    if (o.zone === "controlled") {
      return [
        `🚚 团长已确认，${zhDate(o.deliveryDate)} ${o.window} 送货上门，无接触配送：志愿者放在门口后会在群里告知，请戴好口罩开门取货。共${o.summary.orders}户。`,
        `Confirmed. Delivery on ${o.deliveryDate}, ${o.window}, to your door, no contact: volunteers leave it at the door and tell you here.`,
      ].join("\n");
    }
    const lines = slotLines(o.summary, o.window);
    return [
      `🚚 团长已确认，${zhDate(o.deliveryDate)}在${o.summary.pickupPoint ?? "各取货点"}错峰取物，请按时段取货，戴口罩、保持一米距离：`,
      ...lines,
      `Confirmed. Pick up on ${o.deliveryDate} at ${o.summary.pickupPoint ?? "the grid's pickup point"} in your time slot (above); wear a mask and keep 1 m apart.`,
    ].join("\n");
  },
  morning(o: { zone: "static" | "controlled"; deliveryDate: string; window: string; summary: WithSlots }): string {
    if (o.zone === "controlled") {
      return `🌅 今天（${zhDate(o.deliveryDate)}）${o.window} 送货上门，请留意门口。\nToday's delivery comes to your door, ${o.window}.`;
    }
    const lines = slotLines(o.summary, o.window);
    return [`🌅 今天（${zhDate(o.deliveryDate)}）取货提醒，请按时段到${o.summary.pickupPoint ?? "取货点"}取货：`, ...lines, "Pickup today: please come in your slot."].join("\n");
  },
  supplier(o: { grid: string; batchId: string; deliveryDate: string; summary: BatchSummary; catalog: NameSource }): string {
    const totals = o.summary.totals.map((l) => lineZh(o.catalog, l)).join("\n");
    return [`📦 供货单 ${o.batchId}（${o.grid}，${zhDate(o.deliveryDate)}送达，${o.summary.orders}户）：`, totals, `Supply order ${o.batchId} for ${o.deliveryDate}.`].join("\n");
  },
  paid(o: { household: string; unpaid: string[] }): string {
    const rest = o.unpaid.length ? `未付款：${o.unpaid.join("、")}` : "本批已全部付款";
    return `💰 已记录 ${o.household} 付款。${rest}。\nPayment recorded for ${o.household}. ${o.unpaid.length ? `Unpaid: ${o.unpaid.join(", ")}` : "All paid"}.`;
  },
  noBatch(): string {
    return "目前没有待确认的批次。\nThere is no batch waiting for confirmation.";
  },
  alreadyConfirmed(): string {
    return "这一批次已经确认过了。\nThis batch is already confirmed.";
  },
};
