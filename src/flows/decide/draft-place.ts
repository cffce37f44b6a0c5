// The new-order rules of a draft (./draft.ts): a household, known goods, the interval and
// limits (../order-rules), then the delivery date and batch the order joins; the order is
// recorded and answered, or refused with its reason code. Pure.
import { createHash } from "node:crypto";
import { localDate } from "../../domain/local-time";
import { checkNewOrder, deliveryDateFor, mergeLines, type Line } from "../order-rules";
import { ackLines, residentTexts as texts, type ItemView } from "../../texts";
import type { Draft } from "./draft";
import { earliestDeliveryDate, placeInBatches, type Placement } from "./placement";
import type { OrderView, Refused } from "./snapshot";

/** An order's id, derived from the message (and household) that placed it: placing it twice makes one row. */
export function orderIdFor(sourceMessage: string): string {
  return `o${createHash("sha1").update(sourceMessage).digest("hex").slice(0, 24)}`;
}

export interface PlaceRequest {
  household: string | null;
  name: string | null;
  items: Line[];
  refused: Refused[];
  sourceMessage: string;
  proxy: boolean;
  /** Answer with one message (false when the caller answers for several at once). */
  reply: boolean;
}

export type PlaceOutcome =
  | {
      ok: true;
      household: string;
      orderId: string;
      items: ItemView[];
      deliveryDate: string;
      deferredFrom: string | null;
      refused: Refused[];
    }
  | { ok: false; household: string | null; reason: string; nextDate?: string; refused: Refused[] };

function placement(draft: Draft): Placement {
  const meant = deliveryDateFor(draft.s.message.sentAt, draft.s.rules);
  const earliest = earliestDeliveryDate(draft.s.message.sentAt, draft.s.message.handledAt, draft.s.rules);
  const p: Placement = draft.s.group.gridId
    ? placeInBatches(draft.s.batches, earliest, draft.s.message.handledAt, draft.s.rules)
    : { deliveryDate: earliest, batchId: null, deferredFrom: null, cutoffDue: false };
  return p.deliveryDate === meant ? { ...p, deferredFrom: null } : { ...p, deferredFrom: meant };
}

/** A new order, through every rule; answered unless `reply` is false. */
export function placeOrder(draft: Draft, r: PlaceRequest): PlaceOutcome {
  const refusedNames = r.refused.map((x) => x.text);
  if (!r.household) {
    draft.rejected(null, "NO_HOUSEHOLD");
    if (r.reply)
      draft.refuse(
        null,
        "NO_HOUSEHOLD",
        texts.rejected({ household: null, reason: "NO_HOUSEHOLD", rules: draft.ruleFacts }),
      );
    return { ok: false, household: null, reason: "NO_HOUSEHOLD", refused: r.refused };
  }
  const household = r.household;
  const lines = mergeLines(r.items);
  if (lines.length === 0) {
    const reason = r.refused[0]?.reason ?? "UNKNOWN_ITEM";
    draft.rejected(household, reason, { refused: refusedNames });
    if (r.reply)
      draft.refuse(
        household,
        reason,
        texts.rejected({ household, reason, refused: refusedNames, rules: draft.ruleFacts }),
      );
    return { ok: false, household, reason, refused: r.refused };
  }
  const hh = draft.household(household);
  const verdict = checkNewOrder(lines, {
    now: draft.s.message.sentAt,
    rules: draft.s.rules,
    lastPlacedDate: hh.open ? localDate(hh.open.placedAt, draft.s.rules.timezone) : null,
    categoryOf: (sku) => draft.s.catalog.get(sku)?.category ?? null,
  });
  if (!verdict.ok) {
    if (verdict.reason === "TOO_SOON") {
      draft.rejected(household, verdict.reason, { nextDate: verdict.nextDate });
      if (r.reply)
        draft.refuse(
          household,
          verdict.reason,
          texts.tooSoon({
            household,
            nextDate: verdict.nextDate,
            hasOpenOrder: hh.open?.status === "open",
            rules: draft.ruleFacts,
          }),
          verdict.nextDate,
        );
      return { ok: false, household, reason: verdict.reason, nextDate: verdict.nextDate, refused: r.refused };
    }
    if (verdict.reason === "OVER_LIMIT") {
      draft.rejected(household, verdict.reason, { sku: verdict.sku, max: verdict.max });
      if (r.reply)
        draft.refuse(
          household,
          verdict.reason,
          texts.overLimit({
            household,
            sku: verdict.sku,
            name: draft.s.catalog.get(verdict.sku)?.name ?? verdict.sku,
            max: verdict.max,
          }),
        );
    } else {
      draft.rejected(household, verdict.reason);
      if (r.reply)
        draft.refuse(
          household,
          verdict.reason,
          texts.rejected({ household, reason: verdict.reason, rules: draft.ruleFacts }),
        );
    }
    return { ok: false, household, reason: verdict.reason, refused: r.refused };
  }
  // Sent before a cut-off that has run already: the order joins that batch while the
  // leader has not confirmed it (the list is posted again), or the batch is made now.
  const place = placement(draft);
  if (place.batchId) draft.d.jobs.push({ kind: "batch-update", batchId: place.batchId });
  if (place.cutoffDue && draft.s.group.gridId)
    draft.d.jobs.push({ kind: "cutoff-now", gridId: draft.s.group.gridId, deliveryDate: place.deliveryDate });
  const views = draft.itemViews(lines);
  const id = orderIdFor(r.sourceMessage);
  draft.d.creates.push({
    id,
    household,
    name: r.name,
    lines: views.map((v) => ({ sku: v.sku, qty: v.qty, unitPriceCents: v.priceCents })),
    totalCents: views.reduce((sum, v) => sum + v.qty * v.priceCents, 0),
    deliveryDate: place.deliveryDate,
    batchId: place.batchId,
    proxy: r.proxy,
    priority: r.proxy || hh.specialCare,
    sourceMessage: r.sourceMessage,
    placedAt: draft.s.message.sentAt,
  });
  if (r.proxy && !hh.specialCare) {
    draft.d.specialCare.push(household);
    hh.specialCare = true;
  }
  if (!r.proxy && !draft.senderHouseholdCode) {
    draft.linkSenderTo(household);
  }
  const order: OrderView = {
    id,
    household,
    status: "open",
    placedAt: draft.s.message.sentAt,
    deliveryDate: place.deliveryDate,
    batchId: place.batchId,
    batchStatus: place.batchId ? "ready" : null,
    lines,
    sourceMessage: r.sourceMessage,
    slot: null,
  };
  hh.open = order;
  hh.latest = order;
  draft.event({
    type: "order.accepted",
    household,
    orderId: id,
    items: lines,
    deliveryDate: place.deliveryDate,
    ...(r.proxy ? { proxyBy: draft.s.sender.userId } : {}),
    ...(place.deferredFrom ? { deferredFrom: place.deferredFrom } : {}),
    ...(place.batchId ? { batchId: place.batchId } : {}),
  });
  if (r.refused.length) draft.rejected(household, r.refused[0]!.reason, { refused: refusedNames, partial: true });
  if (r.reply)
    draft.ack(
      texts.accepted({
        household,
        items: views,
        deliveryDate: place.deliveryDate,
        proxy: r.proxy,
        refused: r.refused,
        deferredFrom: place.deferredFrom,
        rules: draft.ruleFacts,
      }),
      ackLines.accepted({
        household,
        items: views,
        deliveryDate: place.deliveryDate,
        deferredFrom: place.deferredFrom,
      }),
    );
  return {
    ok: true,
    household,
    orderId: id,
    items: views,
    deliveryDate: place.deliveryDate,
    deferredFrom: place.deferredFrom,
    refused: r.refused,
  };
}
