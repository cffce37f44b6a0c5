// Orders: place, amend, cancel, ask about. Each runs inside the caller's
// transaction, under a lock on the household, and only records effects.
import { batchLockKey, householdLockKey, lockExclusive, lockShared } from "../db/locks";
import { localDate } from "../domain/local-time";
import { applyAmendment, checkLimits, checkNewOrder, deliveryDateFor, mergeLines, type Line, type Rules } from "../flows/order-rules";
import { texts, type ItemView } from "../flows/texts";
import { batchUpdateJob, cutoffNowJob } from "./batches";
import { placeOrderInBatch, type Placement } from "./batch-placement";
import type { CatalogCache } from "./catalog-cache";
import { ensureHousehold, type DbOrTx, type GroupCtx, type SenderCtx } from "./context";
import type { Effects } from "./effects";

export interface OrderCtx {
  tx: DbOrTx;
  fx: Effects;
  catalog: CatalogCache;
  group: GroupCtx;
  sender: SenderCtx;
  rules: Rules;
  /** When the message was sent (the platform's time): the rules and the delivery date follow it. */
  now: Date;
  /** When the bot handles it: what has happened since (a cut-off that ran) follows this. */
  handledAt: Date;
}

export interface Refused { text: string; reason: "CATEGORY_NOT_ALLOWED" | "UNKNOWN_ITEM" | "BAD_QUANTITY" }

export function itemViews(catalog: CatalogCache, lines: readonly Line[]): ItemView[] {
  return lines.map((l) => {
    const c = catalog.get(l.sku);
    return { sku: l.sku, qty: l.qty, name: c?.name ?? l.sku, nameEn: c?.nameEn ?? c?.name ?? l.sku, unit: c?.unit ?? "", priceCents: c?.priceCents ?? 0 };
  });
}

async function lockHousehold(tx: DbOrTx, villageId: string, code: string): Promise<void> {
  await lockExclusive(tx, householdLockKey(villageId, code));
}

/** The household's latest order that is not cancelled. */
async function lastOrder(tx: DbOrTx, householdId: string) {
  return tx.order.findFirst({
    where: { householdId, status: { not: "cancelled" } },
    orderBy: { placedAt: "desc" },
    include: { lines: true, batch: true },
  });
}

function chatOf(g: GroupCtx) {
  return { platform: g.platform, chatId: g.chatId };
}

/** How long a refusal for one reason is not repeated to the same member about the same household. */
export const REFUSAL_QUIET_MS = 10 * 60_000;

/**
 * Says a refusal unless the same one (chat, member, household, reason) was said within
 * REFUSAL_QUIET_MS: a member sending the same message 1,000 times gets one answer, and
 * the group's sending budget goes to everyone else. One statement; the refusal itself is
 * still recorded (events, the daily report) every time.
 */
export async function sayRefusal(c: OrderCtx, household: string | null, reason: string, text: string): Promise<void> {
  const key = `${c.group.id}:${c.sender.memberId}:${household ?? "-"}:${reason}`;
  const fresh = await c.tx.$queryRawUnsafe<unknown[]>(
    `INSERT INTO "ReplyThrottle" ("key", "until") VALUES ($1, $2)
     ON CONFLICT ("key") DO UPDATE SET "until" = EXCLUDED."until" WHERE "ReplyThrottle"."until" <= $3
     RETURNING "key"`,
    key, new Date(c.handledAt.getTime() + REFUSAL_QUIET_MS), c.handledAt,
  );
  if (fresh.length) c.fx.say(chatOf(c.group), text);
}

async function reject(c: OrderCtx, household: string | null, reason: string, text: string, extra: Record<string, unknown> = {}): Promise<void> {
  c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason, ...extra });
  await sayRefusal(c, household, reason, text);
}

export interface PlaceRequest {
  household: string | null;
  name: string | null;
  items: Line[];
  refused: Refused[];
  sourceMessage: string;
  proxy: boolean;
  /** Reply with one message (false inside a 接龙, which answers with one summary). */
  reply: boolean;
}

export type PlaceOutcome = { ok: true; orderId: string; household: string } | { ok: false; reason: string; household: string | null };

export async function placeOrder(c: OrderCtx, r: PlaceRequest): Promise<PlaceOutcome> {
  const say = (t: string) => r.reply && c.fx.say(chatOf(c.group), t);
  const refuse = async (hh: string | null, reason: string, t: string) => { if (r.reply) await sayRefusal(c, hh, reason, t); };
  const refusedNames = r.refused.map((x) => x.text);
  const household = r.household ?? (r.proxy ? null : c.sender.householdCode);
  if (!household) {
    c.fx.event({ type: "order.rejected", chat: c.group.chatId, household: null, reason: "NO_HOUSEHOLD" });
    await refuse(null, "NO_HOUSEHOLD", texts.rejected({ household: null, reason: "NO_HOUSEHOLD" }));
    return { ok: false, reason: "NO_HOUSEHOLD", household: null };
  }
  const lines = mergeLines(r.items);
  if (lines.length === 0) {
    const reason = r.refused[0]?.reason ?? "UNKNOWN_ITEM";
    c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason, refused: refusedNames });
    await refuse(household, reason, texts.rejected({ household, reason, refused: refusedNames }));
    return { ok: false, reason, household };
  }
  await lockHousehold(c.tx, c.group.villageId!, household);
  const hh = await ensureHousehold(c.tx, { villageId: c.group.villageId!, code: household, gridId: c.group.gridId, name: r.name });
  const last = await lastOrder(c.tx, hh.id);
  const verdict = checkNewOrder(lines, {
    now: c.now, rules: c.rules,
    lastPlacedDate: last ? localDate(last.placedAt, c.rules.timezone) : null,
    categoryOf: (sku) => c.catalog.get(sku)?.category ?? null,
  });
  if (!verdict.ok) {
    const base = { type: "order.rejected", chat: c.group.chatId, household, reason: verdict.reason };
    if (verdict.reason === "TOO_SOON") {
      c.fx.event({ ...base, nextDate: verdict.nextDate });
      await refuse(household, verdict.reason, texts.tooSoon({ household, nextDate: verdict.nextDate, hasOpenOrder: last?.status === "open" }));
    } else if (verdict.reason === "OVER_LIMIT") {
      c.fx.event({ ...base, sku: verdict.sku, max: verdict.max });
      await refuse(household, verdict.reason, texts.overLimit({ household, sku: verdict.sku, name: c.catalog.get(verdict.sku)?.name ?? verdict.sku, max: verdict.max }));
    } else {
      c.fx.event(base);
      await refuse(household, verdict.reason, texts.rejected({ household, reason: verdict.reason }));
    }
    return { ok: false, reason: verdict.reason, household };
  }
  const wanted = deliveryDateFor(c.now, c.rules);
  const place: Placement = c.group.gridId
    ? await placeOrderInBatch(c.tx, c.group.gridId, wanted, c.handledAt, c.rules)
    : { deliveryDate: wanted, batchId: null, deferredFrom: null, cutoffDue: false };
  const deliveryDate = place.deliveryDate;
  // Sent before a cut-off that has run already: the order joins that batch while the
  // leader has not confirmed it (the list is posted again), or the batch is made now.
  if (place.batchId) c.fx.schedule(batchUpdateJob(place.batchId, c.handledAt));
  if (place.cutoffDue && c.group.gridId) c.fx.schedule(cutoffNowJob(c.group.gridId, deliveryDate, c.handledAt));
  const views = itemViews(c.catalog, lines);
  const priority = r.proxy || hh.specialCare;
  const order = await c.tx.order.create({
    data: {
      householdId: hh.id, gridId: c.group.gridId, chatGroupId: c.group.id, placedAt: c.now, deliveryDate, batchId: place.batchId,
      sourceMessage: r.sourceMessage, placedBy: c.sender.userId, proxyBy: r.proxy ? c.sender.userId : null, priority,
      totalCents: views.reduce((s, v) => s + v.qty * v.priceCents, 0),
      lines: { create: views.map((v) => ({ sku: v.sku, qty: v.qty, unitPriceCents: v.priceCents })) },
    },
  });
  if (r.proxy && !hh.specialCare) await c.tx.household.update({ where: { id: hh.id }, data: { specialCare: true } });
  if (!r.proxy && !c.sender.householdId) {
    await c.tx.member.update({ where: { id: c.sender.memberId }, data: { householdId: hh.id } });
    c.sender.householdId = hh.id;
    c.sender.householdCode = household;
  }
  c.fx.event({
    type: "order.accepted", chat: c.group.chatId, household, orderId: order.id, items: lines, deliveryDate,
    ...(r.proxy ? { proxyBy: c.sender.userId } : {}), ...(place.deferredFrom ? { deferredFrom: place.deferredFrom } : {}), ...(place.batchId ? { batchId: place.batchId } : {}),
  });
  if (r.refused.length) c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason: r.refused[0]!.reason, refused: refusedNames, partial: true });
  say(texts.accepted({ household, items: views, deliveryDate, proxy: r.proxy, refused: r.refused, deferredFrom: place.deferredFrom }));
  return { ok: true, orderId: order.id, household };
}

/** Whether the household has an order that may still be changed. */
export async function hasOpenOrder(c: OrderCtx, household: string): Promise<boolean> {
  const hh = await c.tx.household.findUnique({ where: { villageId_code: { villageId: c.group.villageId!, code: household } } });
  const last = hh ? await lastOrder(c.tx, hh.id) : null;
  return last !== null && last.status === "open" && last.batch?.status !== "confirmed" && last.batch?.status !== "delivered";
}

/** The household's open order, or a reason why it cannot be changed. */
async function changeableOrder(c: OrderCtx, household: string, reply: boolean) {
  const hh = await c.tx.household.findUnique({ where: { villageId_code: { villageId: c.group.villageId!, code: household } } });
  if (hh) await lockHousehold(c.tx, c.group.villageId!, household);
  let last = hh ? await lastOrder(c.tx, hh.id) : null;
  if (last?.batchId) {
    // Changes and the leader's confirmation take turns on the batch: read its state under the lock.
    await lockShared(c.tx, batchLockKey(last.batchId));
    last = await lastOrder(c.tx, hh!.id);
  }
  if (!last || last.status === "delivered") {
    if (reply) await sayRefusal(c, household, "NO_OPEN_ORDER", texts.noOpenOrder(household));
    return null;
  }
  if (last.status === "confirmed" || last.batch?.status === "confirmed" || last.batch?.status === "delivered") {
    if (reply) await reject(c, household, "BATCH_CONFIRMED", texts.batchConfirmedChange(household, null), { orderId: last.id });
    else c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason: "BATCH_CONFIRMED", orderId: last.id });
    return null;
  }
  return last;
}

export interface AmendOptions {
  reply?: boolean;
  /** set: quantities named are set (奶粉改成3罐); add: added to the order (再加一盒鸡蛋);
   *  replace: `changes` become the whole order (a changed 接龙 entry). */
  mode?: "set" | "add" | "replace";
  /** Parts of the message not taken (said with the answer). */
  refused?: Refused[];
}

export async function amendOrder(c: OrderCtx, household: string, changes: Line[], opts: AmendOptions = {}): Promise<boolean> {
  const reply = opts.reply ?? true;
  const order = await changeableOrder(c, household, reply);
  if (!order) return false;
  const isPackage = (sku: string) => c.catalog.get(sku)?.category === "package";
  const current = order.lines.map((l) => ({ sku: l.sku, qty: l.qty }));
  const next =
    opts.mode === "replace" ? mergeLines(changes)
    : opts.mode === "add" ? mergeLines([...current, ...changes])
    : applyAmendment(current, changes, isPackage);
  if (next.length === 0) return cancelOrder(c, household, reply);
  const limit = checkLimits(next, c.rules.limits);
  if (!limit.ok && limit.reason === "OVER_LIMIT") {
    c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason: "OVER_LIMIT", sku: limit.sku, max: limit.max });
    if (reply) await sayRefusal(c, household, "OVER_LIMIT", texts.overLimit({ household, sku: limit.sku, name: c.catalog.get(limit.sku)?.name ?? limit.sku, max: limit.max }));
    return false;
  }
  const views = itemViews(c.catalog, next);
  await c.tx.orderLine.deleteMany({ where: { orderId: order.id } });
  await c.tx.order.update({
    where: { id: order.id },
    data: {
      totalCents: views.reduce((s, v) => s + v.qty * v.priceCents, 0),
      lines: { create: views.map((v) => ({ sku: v.sku, qty: v.qty, unitPriceCents: v.priceCents })) },
    },
  });
  if (order.batchId) c.fx.schedule(batchUpdateJob(order.batchId, c.handledAt)); // the leader sees the change
  c.fx.event({ type: "order.amended", chat: c.group.chatId, household, orderId: order.id, items: next });
  if (reply) c.fx.say(chatOf(c.group), texts.amended({ household, items: views, deliveryDate: order.deliveryDate, refused: opts.refused ?? [] }));
  if (opts.refused?.length) c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason: opts.refused[0]!.reason, refused: opts.refused.map((x) => x.text), partial: true });
  return true;
}

export async function cancelOrder(c: OrderCtx, household: string, reply = true): Promise<boolean> {
  const order = await changeableOrder(c, household, reply);
  if (!order) return false;
  await c.tx.order.update({ where: { id: order.id }, data: { status: "cancelled", batchId: null } });
  if (order.batchId) c.fx.schedule(batchUpdateJob(order.batchId, c.handledAt));
  c.fx.event({ type: "order.cancelled", chat: c.group.chatId, household, orderId: order.id });
  if (reply) c.fx.say(chatOf(c.group), texts.cancelled(household));
  return true;
}

export async function orderStatus(c: OrderCtx, household: string): Promise<void> {
  const hh = await c.tx.household.findUnique({ where: { villageId_code: { villageId: c.group.villageId!, code: household } } });
  const order = hh ? await c.tx.order.findFirst({ where: { householdId: hh.id }, orderBy: { placedAt: "desc" }, include: { lines: true, batch: true } }) : null;
  if (!order) {
    c.fx.say(chatOf(c.group), texts.status({ household, none: true }));
    return;
  }
  const slots = (order.batch?.summary as { slots?: Record<string, string> } | null)?.slots;
  c.fx.say(chatOf(c.group), texts.status({
    household, status: order.status, deliveryDate: order.deliveryDate, slot: slots?.[household] ?? null,
    items: itemViews(c.catalog, order.lines.map((l) => ({ sku: l.sku, qty: l.qty }))),
  }));
}
