// The decision being made about one message: the order primitives (place, change,
// cancel, answer) over the snapshot, each recording what to write and say. Households'
// state moves on inside the draft, so a message touching one household twice (two
// entries, an edit) sees its own earlier steps. Pure.
import { createHash } from "node:crypto";
import { localDate } from "../../domain/local-time";
import { applyAmendment, checkLimits, checkNewOrder, deliveryDateFor, mergeLines, type Line } from "../order-rules";
import {
  ackLines,
  render,
  replyLanguage,
  residentTexts as texts,
  type ItemView,
  type Language,
  type RefusedView,
  type RuleFacts,
  type Text,
} from "../../texts";
import type { Decision, DecisionEvent } from "./decision";
import { earliestDeliveryDate, placeInBatches, type Placement } from "./placement";
import type { HouseholdView, OrderView, Refused, Snapshot } from "./snapshot";

/** An order's id, derived from the message (and household) that placed it: placing it twice makes one row. */
export function orderIdFor(sourceMessage: string): string {
  return `o${createHash("sha1").update(sourceMessage).digest("hex").slice(0, 24)}`;
}

/** A parse result's refused parts, as the order primitives take them. */
export function refusedOf(p: { rejected: readonly Refused[] }): Refused[] {
  return p.rejected.map((r) => ({ text: r.text, reason: r.reason }));
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

export interface ChangeOptions {
  reply?: boolean;
  /** set: the goods named take these quantities; add: added; replace: the whole order becomes this. */
  mode?: "set" | "add" | "replace";
  refused?: Refused[];
}

export class Draft {
  readonly d: Decision = {
    creates: [],
    changes: [],
    cancels: [],
    specialCare: [],
    linkSender: null,
    medicine: null,
    list: null,
    complaint: null,
    say: [],
    events: [],
    jobs: [],
  };
  private readonly households: Map<string, HouseholdView>;
  private senderHousehold: string | null;

  constructor(readonly s: Snapshot) {
    this.households = new Map([...s.households].map(([k, v]) => [k, { ...v }]));
    this.senderHousehold = s.sender.householdCode;
  }

  get chat(): string {
    return this.s.group.chatId;
  }
  /** The sender's household (after this message linked it, if it did). */
  get senderHouseholdCode(): string | null {
    return this.senderHousehold;
  }
  get isLeaderOrVolunteer(): boolean {
    return this.s.sender.roles.has("leader") || this.s.sender.roles.has("volunteer");
  }

  household(code: string): HouseholdView {
    let h = this.households.get(code);
    if (!h) {
      h = { code, exists: false, name: null, specialCare: false, open: null, latest: null };
      this.households.set(code, h);
    }
    return h;
  }

  itemViews(lines: readonly Line[]): ItemView[] {
    return lines.map((l) => {
      const c = this.s.catalog.get(l.sku);
      return {
        sku: l.sku,
        qty: l.qty,
        name: c?.name ?? l.sku,
        nameEn: c?.nameEn ?? c?.name ?? l.sku,
        unit: c?.unit ?? "",
        priceCents: c?.priceCents ?? 0,
      };
    });
  }

  /** The language of the answers: the village's setting, English for an English message where it allows. */
  get lang(): Language {
    return replyLanguage(this.s.group.language, this.s.parsed.lang);
  }
  get ruleFacts(): RuleFacts {
    return { intervalDays: this.s.rules.intervalDays };
  }
  /** An answer, said at once. */
  say(t: Text): void {
    this.d.say.push({ text: render(t, this.lang), kind: "answer" });
  }
  /** An acknowledgement (taken, changed, cancelled): in a busy group gathered into a digest as `line`. */
  ack(t: Text, line: Text): void {
    this.d.say.push({ text: render(t, this.lang), kind: "ack", line });
  }
  /** A refusal: said once per window to this member about this household for this reason; in a busy group gathered into a digest. */
  refuse(household: string | null, reason: string, t: Text, nextDate: string | null = null): void {
    this.d.say.push({
      text: render(t, this.lang),
      kind: "refusal",
      line: ackLines.refused(household, reason, this.ruleFacts, nextDate),
      refusal: { household, reason },
    });
  }
  event(e: DecisionEvent): void {
    this.d.events.push({ chat: this.chat, ...e });
  }
  rejected(household: string | null, reason: string, extra: Record<string, unknown> = {}): void {
    this.event({ type: "order.rejected", household, reason, ...extra });
  }

  private placement(): Placement {
    const meant = deliveryDateFor(this.s.message.sentAt, this.s.rules);
    const earliest = earliestDeliveryDate(this.s.message.sentAt, this.s.message.handledAt, this.s.rules);
    const p: Placement = this.s.group.gridId
      ? placeInBatches(this.s.batches, earliest, this.s.message.handledAt, this.s.rules)
      : { deliveryDate: earliest, batchId: null, deferredFrom: null, cutoffDue: false };
    return p.deliveryDate === meant ? { ...p, deferredFrom: null } : { ...p, deferredFrom: meant };
  }

  /** A new order, through every rule; answered unless `reply` is false. */
  place(r: PlaceRequest): PlaceOutcome {
    const refusedNames = r.refused.map((x) => x.text);
    if (!r.household) {
      this.rejected(null, "NO_HOUSEHOLD");
      if (r.reply)
        this.refuse(
          null,
          "NO_HOUSEHOLD",
          texts.rejected({ household: null, reason: "NO_HOUSEHOLD", rules: this.ruleFacts }),
        );
      return { ok: false, household: null, reason: "NO_HOUSEHOLD", refused: r.refused };
    }
    const household = r.household;
    const lines = mergeLines(r.items);
    if (lines.length === 0) {
      const reason = r.refused[0]?.reason ?? "UNKNOWN_ITEM";
      this.rejected(household, reason, { refused: refusedNames });
      if (r.reply)
        this.refuse(
          household,
          reason,
          texts.rejected({ household, reason, refused: refusedNames, rules: this.ruleFacts }),
        );
      return { ok: false, household, reason, refused: r.refused };
    }
    const hh = this.household(household);
    const verdict = checkNewOrder(lines, {
      now: this.s.message.sentAt,
      rules: this.s.rules,
      lastPlacedDate: hh.open ? localDate(hh.open.placedAt, this.s.rules.timezone) : null,
      categoryOf: (sku) => this.s.catalog.get(sku)?.category ?? null,
    });
    if (!verdict.ok) {
      if (verdict.reason === "TOO_SOON") {
        this.rejected(household, verdict.reason, { nextDate: verdict.nextDate });
        if (r.reply)
          this.refuse(
            household,
            verdict.reason,
            texts.tooSoon({
              household,
              nextDate: verdict.nextDate,
              hasOpenOrder: hh.open?.status === "open",
              rules: this.ruleFacts,
            }),
            verdict.nextDate,
          );
        return { ok: false, household, reason: verdict.reason, nextDate: verdict.nextDate, refused: r.refused };
      }
      if (verdict.reason === "OVER_LIMIT") {
        this.rejected(household, verdict.reason, { sku: verdict.sku, max: verdict.max });
        if (r.reply)
          this.refuse(
            household,
            verdict.reason,
            texts.overLimit({
              household,
              sku: verdict.sku,
              name: this.s.catalog.get(verdict.sku)?.name ?? verdict.sku,
              max: verdict.max,
            }),
          );
      } else {
        this.rejected(household, verdict.reason);
        if (r.reply)
          this.refuse(
            household,
            verdict.reason,
            texts.rejected({ household, reason: verdict.reason, rules: this.ruleFacts }),
          );
      }
      return { ok: false, household, reason: verdict.reason, refused: r.refused };
    }
    // Sent before a cut-off that has run already: the order joins that batch while the
    // leader has not confirmed it (the list is posted again), or the batch is made now.
    const place = this.placement();
    if (place.batchId) this.d.jobs.push({ kind: "batch-update", batchId: place.batchId });
    if (place.cutoffDue && this.s.group.gridId)
      this.d.jobs.push({ kind: "cutoff-now", gridId: this.s.group.gridId, deliveryDate: place.deliveryDate });
    const views = this.itemViews(lines);
    const id = orderIdFor(r.sourceMessage);
    this.d.creates.push({
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
      placedAt: this.s.message.sentAt,
    });
    if (r.proxy && !hh.specialCare) {
      this.d.specialCare.push(household);
      hh.specialCare = true;
    }
    if (!r.proxy && !this.senderHousehold) {
      this.d.linkSender = household;
      this.senderHousehold = household;
    }
    const order: OrderView = {
      id,
      household,
      status: "open",
      placedAt: this.s.message.sentAt,
      deliveryDate: place.deliveryDate,
      batchId: place.batchId,
      batchStatus: place.batchId ? "ready" : null,
      lines,
      sourceMessage: r.sourceMessage,
      slot: null,
    };
    hh.open = order;
    hh.latest = order;
    this.event({
      type: "order.accepted",
      household,
      orderId: id,
      items: lines,
      deliveryDate: place.deliveryDate,
      ...(r.proxy ? { proxyBy: this.s.sender.userId } : {}),
      ...(place.deferredFrom ? { deferredFrom: place.deferredFrom } : {}),
      ...(place.batchId ? { batchId: place.batchId } : {}),
    });
    if (r.refused.length) this.rejected(household, r.refused[0]!.reason, { refused: refusedNames, partial: true });
    if (r.reply)
      this.ack(
        texts.accepted({
          household,
          items: views,
          deliveryDate: place.deliveryDate,
          proxy: r.proxy,
          refused: r.refused,
          deferredFrom: place.deferredFrom,
          rules: this.ruleFacts,
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

  /** Whether the household has an order that may still be changed. */
  hasChangeableOrder(code: string): boolean {
    const o = this.households.get(code)?.open;
    return !!o && o.status === "open" && o.batchStatus !== "confirmed" && o.batchStatus !== "delivered";
  }

  /** The household's open order, or (answered, when `reply`) why it cannot be changed. */
  changeable(code: string, reply: boolean): OrderView | null {
    const o = this.households.get(code)?.open ?? null;
    if (!o || o.status === "delivered") {
      if (reply) this.refuse(code, "NO_OPEN_ORDER", texts.noOpenOrder(code));
      return null;
    }
    // Someone's order is changed only on their word: their household's, whoever placed it, or a leader or volunteer.
    const mine =
      this.isLeaderOrVolunteer || this.senderHousehold === code || !o.placedBy || o.placedBy === this.s.sender.userId;
    if (!mine) {
      this.rejected(code, "NOT_YOUR_ORDER", { orderId: o.id });
      if (reply) this.refuse(code, "NOT_YOUR_ORDER", texts.notYourOrder(code));
      return null;
    }
    if (o.status === "confirmed" || o.batchStatus === "confirmed" || o.batchStatus === "delivered") {
      // Written before the leader confirmed but read after (a backlog): still refused — the
      // supplier has the list — but the leader is told, to settle it by hand.
      const late = !!o.batchConfirmedAt && this.s.message.sentAt.getTime() < o.batchConfirmedAt.getTime();
      this.rejected(code, "BATCH_CONFIRMED", { orderId: o.id, ...(late ? { sentBeforeConfirmation: true } : {}) });
      if (reply) this.refuse(code, "BATCH_CONFIRMED", texts.batchConfirmedChange(code, null, late));
      return null;
    }
    return o;
  }

  /** Changes the household's open order; false when there is none that may change (answered). */
  amend(code: string, changes: readonly Line[], opts: ChangeOptions = {}): boolean {
    const reply = opts.reply ?? true;
    const order = this.changeable(code, reply);
    if (!order) return false;
    const isPackage = (sku: string) => this.s.catalog.get(sku)?.category === "package";
    const next =
      opts.mode === "replace"
        ? mergeLines(changes)
        : opts.mode === "add"
          ? mergeLines([...order.lines, ...changes])
          : applyAmendment(order.lines, changes, isPackage);
    if (next.length === 0) return this.cancel(code, reply);
    const limit = checkLimits(next, this.s.rules.limits);
    if (!limit.ok && limit.reason === "OVER_LIMIT") {
      this.rejected(code, "OVER_LIMIT", { sku: limit.sku, max: limit.max });
      if (reply)
        this.refuse(
          code,
          "OVER_LIMIT",
          texts.overLimit({
            household: code,
            sku: limit.sku,
            name: this.s.catalog.get(limit.sku)?.name ?? limit.sku,
            max: limit.max,
          }),
        );
      return false;
    }
    const views = this.itemViews(next);
    this.d.changes.push({
      orderId: order.id,
      household: code,
      lines: views.map((v) => ({ sku: v.sku, qty: v.qty, unitPriceCents: v.priceCents })),
      totalCents: views.reduce((sum, v) => sum + v.qty * v.priceCents, 0),
    });
    order.lines = next;
    if (order.batchId) this.d.jobs.push({ kind: "batch-update", batchId: order.batchId }); // the leader sees the change
    this.event({ type: "order.amended", household: code, orderId: order.id, items: next });
    const refused = opts.refused ?? [];
    if (refused.length) this.rejected(code, refused[0]!.reason, { refused: refused.map((x) => x.text), partial: true });
    if (reply)
      this.ack(
        texts.amended({
          household: code,
          items: views,
          deliveryDate: order.deliveryDate,
          refused: refused as RefusedView[],
          rules: this.ruleFacts,
        }),
        ackLines.amended({ household: code, items: views }),
      );
    return true;
  }

  /** Cancels the household's open order; false when there is none that may change (answered). */
  cancel(code: string, reply = true): boolean {
    const order = this.changeable(code, reply);
    if (!order) return false;
    this.d.cancels.push({ orderId: order.id, household: code });
    if (order.batchId) this.d.jobs.push({ kind: "batch-update", batchId: order.batchId });
    const hh = this.household(code);
    hh.open = null; // a cancelled order does not count against the household
    if (hh.latest?.id === order.id) hh.latest = { ...order, status: "cancelled" };
    this.event({ type: "order.cancelled", household: code, orderId: order.id });
    if (reply) this.ack(texts.cancelled(code), ackLines.cancelled(code));
    return true;
  }

  /** Answers a status question from the household's latest order. */
  status(code: string): void {
    const o = this.households.get(code)?.latest ?? null;
    if (!o) return this.say(texts.status({ household: code, none: true }));
    this.say(
      texts.status({
        household: code,
        status: o.status,
        deliveryDate: o.deliveryDate,
        slot: o.slot,
        items: this.itemViews(o.lines),
      }),
    );
  }

  noHousehold(): void {
    this.rejected(null, "NO_HOUSEHOLD");
    this.refuse(
      null,
      "NO_HOUSEHOLD",
      texts.rejected({ household: null, reason: "NO_HOUSEHOLD", rules: this.ruleFacts }),
    );
  }
}
