// The open-order rules of a draft (./draft.ts): whether the household's open order may
// change (its own word, a batch not yet confirmed), amending within the limits, cancelling,
// and answering a status question. Pure.
import { applyAmendment, checkLimits, mergeLines, type Line } from "../order-rules";
import { ackLines, residentTexts as texts, type RefusedView } from "../../texts";
import type { Draft } from "./draft";
import type { OrderView, Refused } from "./snapshot";

export interface ChangeOptions {
  reply?: boolean;
  /** set: the goods named take these quantities; add: added; replace: the whole order becomes this. */
  mode?: "set" | "add" | "replace";
  refused?: Refused[];
}

/** Whether the household has an order that may still be changed. */
export function hasChangeableOrder(draft: Draft, code: string): boolean {
  const o = draft.knownHousehold(code)?.open;
  return !!o && o.status === "open" && o.batchStatus !== "confirmed" && o.batchStatus !== "delivered";
}

/** The household's open order, or (answered, when `reply`) why it cannot be changed. */
export function changeableOrder(draft: Draft, code: string, reply: boolean): OrderView | null {
  const o = draft.knownHousehold(code)?.open ?? null;
  if (!o || o.status === "delivered") {
    if (reply) draft.refuse(code, "NO_OPEN_ORDER", texts.noOpenOrder(code));
    return null;
  }
  // Someone's order is changed only on their word: their household's, whoever placed it, or a leader or volunteer.
  const mine =
    draft.isLeaderOrVolunteer ||
    draft.senderHouseholdCode === code ||
    !o.placedBy ||
    o.placedBy === draft.s.sender.userId;
  if (!mine) {
    draft.rejected(code, "NOT_YOUR_ORDER", { orderId: o.id });
    if (reply) draft.refuse(code, "NOT_YOUR_ORDER", texts.notYourOrder(code));
    return null;
  }
  if (o.status === "confirmed" || o.batchStatus === "confirmed" || o.batchStatus === "delivered") {
    // Written before the leader confirmed but read after (a backlog): still refused — the
    // supplier has the list — but the leader is told, to settle it by hand.
    const late = !!o.batchConfirmedAt && draft.s.message.sentAt.getTime() < o.batchConfirmedAt.getTime();
    draft.rejected(code, "BATCH_CONFIRMED", { orderId: o.id, ...(late ? { sentBeforeConfirmation: true } : {}) });
    if (reply) draft.refuse(code, "BATCH_CONFIRMED", texts.batchConfirmedChange(code, null, late));
    return null;
  }
  return o;
}

/** Changes the household's open order; false when there is none that may change (answered). */
export function amendOrder(draft: Draft, code: string, changes: readonly Line[], opts: ChangeOptions = {}): boolean {
  const reply = opts.reply ?? true;
  const order = changeableOrder(draft, code, reply);
  if (!order) return false;
  const isPackage = (sku: string) => draft.s.catalog.get(sku)?.category === "package";
  const next =
    opts.mode === "replace"
      ? mergeLines(changes)
      : opts.mode === "add"
        ? mergeLines([...order.lines, ...changes])
        : applyAmendment(order.lines, changes, isPackage);
  if (next.length === 0) return cancelOrder(draft, code, reply);
  const limit = checkLimits(next, draft.s.rules.limits);
  if (!limit.ok && limit.reason === "OVER_LIMIT") {
    draft.rejected(code, "OVER_LIMIT", { sku: limit.sku, max: limit.max });
    if (reply)
      draft.refuse(
        code,
        "OVER_LIMIT",
        texts.overLimit({
          household: code,
          sku: limit.sku,
          name: draft.s.catalog.get(limit.sku)?.name ?? limit.sku,
          max: limit.max,
        }),
      );
    return false;
  }
  const views = draft.itemViews(next);
  draft.d.changes.push({
    orderId: order.id,
    household: code,
    lines: views.map((v) => ({ sku: v.sku, qty: v.qty, unitPriceCents: v.priceCents })),
    totalCents: views.reduce((sum, v) => sum + v.qty * v.priceCents, 0),
  });
  order.lines = next;
  if (order.batchId) draft.d.jobs.push({ kind: "batch-update", batchId: order.batchId }); // the leader sees the change
  draft.event({ type: "order.amended", household: code, orderId: order.id, items: next });
  const refused = opts.refused ?? [];
  if (refused.length) draft.rejected(code, refused[0]!.reason, { refused: refused.map((x) => x.text), partial: true });
  if (reply)
    draft.ack(
      texts.amended({
        household: code,
        items: views,
        deliveryDate: order.deliveryDate,
        refused: refused as RefusedView[],
        rules: draft.ruleFacts,
      }),
      ackLines.amended({ household: code, items: views }),
    );
  return true;
}

/** Cancels the household's open order; false when there is none that may change (answered). */
export function cancelOrder(draft: Draft, code: string, reply = true): boolean {
  const order = changeableOrder(draft, code, reply);
  if (!order) return false;
  draft.d.cancels.push({ orderId: order.id, household: code });
  if (order.batchId) draft.d.jobs.push({ kind: "batch-update", batchId: order.batchId });
  const hh = draft.household(code);
  hh.open = null; // a cancelled order does not count against the household
  if (hh.latest?.id === order.id) hh.latest = { ...order, status: "cancelled" };
  draft.event({ type: "order.cancelled", household: code, orderId: order.id });
  if (reply) draft.ack(texts.cancelled(code), ackLines.cancelled(code));
  return true;
}

/** Answers a status question from the household's latest order. */
export function answerStatus(draft: Draft, code: string): void {
  const o = draft.knownHousehold(code)?.latest ?? null;
  if (!o) return draft.say(texts.status({ household: code, none: true }));
  draft.say(
    texts.status({
      household: code,
      status: o.status,
      deliveryDate: o.deliveryDate,
      slot: o.slot,
      items: draft.itemViews(o.lines),
    }),
  );
}
