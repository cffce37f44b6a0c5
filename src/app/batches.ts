// Per-grid batches: built at the cut-off, confirmed by the leader, announced to
// the group, reminded and escalated when nobody acts. Every step is idempotent:
// a job run twice, or killed and run again, does the work once.
import { addDays, localDate, localMinutes, parseHhMm, zonedInstant } from "../domain/local-time";
import { planPickups, summariseBatch, type BatchOrder, type BatchSummary } from "../flows/batch-flow";
import { batchTexts } from "../flows/batch-texts";
import { loadRules, type DbOrTx } from "./context";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { checkDemand } from "./officials/stock";

/** 一网格, or 3号网格 where the grid has no name. */
export function gridLabel(g: { name: string | null; code: string }): string {
  return g.name ?? `${g.code}号网格`;
}

export function batchIdFor(gridId: string, deliveryDate: string): string {
  return `B${deliveryDate.replace(/-/g, "")}-${gridId}`;
}

export interface StoredSummary extends BatchSummary { slots?: Record<string, string>; points?: Record<string, string>; pickupPoint?: string | null }

async function gridChats(deps: AppDeps, gridId: string) {
  return deps.db.chatGroup.findMany({ where: { gridId, active: true, isOfficials: false }, orderBy: { createdAt: "asc" } });
}

async function leaderNames(deps: AppDeps, gridId: string, villageId: string): Promise<string[]> {
  const roles = await deps.db.memberRole.findMany({ where: { role: "leader", scope: { in: [gridId, villageId] } }, include: { member: true } });
  return roles.map((r) => r.member.displayName ?? r.member.userId);
}

/** The delivery date served by the most recent cut-off at or before `now`. */
export function deliveryDateOfLastCutoff(now: Date, cutoff: string, tz: string): string {
  const today = localDate(now, tz);
  return localMinutes(now, tz) >= parseHhMm(cutoff) ? addDays(today, 1) : today;
}

/** Builds the grid's batch for the delivery date of the last cut-off (or the one given). */
export async function runCutoff(deps: AppDeps, gridId: string, forDate?: string): Promise<{ batchId: string | null; orders: number }> {
  const grid = await deps.db.grid.findUnique({ where: { id: gridId }, include: { village: true } });
  if (!grid) return { batchId: null, orders: 0 };
  const rules = await loadRules(deps.db, grid.villageId, deps.timezone);
  const now = deps.clock.now();
  const deliveryDate = forDate ?? deliveryDateOfLastCutoff(now, rules.cutoff, rules.timezone);
  const batchId = batchIdFor(grid.id, deliveryDate);
  const leaders = await leaderNames(deps, grid.id, grid.villageId);
  const chats = await gridChats(deps, grid.id);
  // Built and announced under one lock, in one transaction: a second worker, or this
  // job retried after a crash, finds the batch posted and does nothing. Messages carry
  // keys derived from the batch, so one queued by a worker that died before
  // committing is not sent twice.
  const built = await deps.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `batch:${batchId}`);
    const existing = await tx.batch.findUnique({ where: { id: batchId } });
    if (existing && (existing.status !== "ready" || existing.postedAt)) return existing;
    const pending = await tx.order.count({ where: { gridId, deliveryDate, status: "open", batchId: null } });
    if (!existing && pending === 0) return null;
    if (!existing) await tx.batch.create({ data: { id: batchId, gridId, deliveryDate, readyAt: now } });
    await tx.order.updateMany({ where: { gridId, deliveryDate, status: "open", batchId: null }, data: { batchId } });
    const summary = await computeSummary(tx, batchId);
    const batch = await tx.batch.update({ where: { id: batchId }, data: { summary: summary as object, postedAt: now } });
    const fx = new Effects();
    const text = batchTexts.ready({ grid: gridLabel(grid), deliveryDate, summary, leaders, catalog: deps.catalog });
    for (const chat of chats) {
      fx.event({ type: "batch.ready", chat: chat.chatId, grid: grid.code, batchId, orders: summary.orders, deliveryDate, totals: summary.totals });
      fx.say(chat, text, [{ text: "确认 Confirm", data: `confirm:${batchId}` }], `ready:${batchId}:${chat.chatId}`);
    }
    fx.schedule({ name: "batch-reminder", payload: { batchId }, runAt: new Date(batch.readyAt.getTime() + 3_600_000), key: `remind:${batchId}` });
    fx.schedule({ name: "batch-escalation", payload: { batchId }, runAt: new Date(batch.readyAt.getTime() + 3 * 3_600_000), key: `escalate:${batchId}` });
    await runEffects(deps, fx);
    return batch;
  }, { timeout: 60_000, maxWait: 60_000 });
  if (!built) return { batchId: null, orders: 0 };
  await checkDemand(deps, deliveryDate); // orders as a signal: demand that would empty a stock (once per sku and date)
  const summary = built.summary as unknown as StoredSummary;
  return { batchId, orders: summary.orders };
}

/** One query, not one per relation: at the cut-off a town's grids are summarised at once. */
async function computeSummary(db: DbOrTx, batchId: string): Promise<BatchSummary> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string; code: string; name: string | null; priority: boolean; total: number; paid: boolean; sku: string; qty: number }>>(
    `SELECT o.id, h.code, h.name, (o.priority OR h."specialCare") AS priority, o."totalCents" AS total, (o."paidAt" IS NOT NULL) AS paid, l.sku, l.qty
       FROM "Order" o JOIN "Household" h ON h.id = o."householdId" JOIN "OrderLine" l ON l."orderId" = o.id
      WHERE o."batchId" = $1 AND o.status <> 'cancelled'
      ORDER BY o.id, l.sku`,
    batchId,
  );
  const byOrder = new Map<string, BatchOrder>();
  for (const r of rows) {
    let o = byOrder.get(r.id);
    if (!o) {
      o = { orderId: r.id, household: r.code, name: r.name, priority: r.priority, lines: [], amountCents: Number(r.total), paid: r.paid };
      byOrder.set(r.id, o);
    }
    o.lines.push({ sku: r.sku, qty: Number(r.qty) });
  }
  return summariseBatch([...byOrder.values()]);
}

export type ConfirmOutcome = { ok: true; batchId: string } | { ok: false; reason: "NO_BATCH" | "ALREADY" };

export async function confirmBatch(deps: AppDeps, gridId: string, by: string, batchId: string | null): Promise<ConfirmOutcome> {
  const batch = batchId
    ? await deps.db.batch.findFirst({ where: { id: batchId, gridId } })
    : await deps.db.batch.findFirst({ where: { gridId, status: "ready" }, orderBy: { deliveryDate: "asc" } });
  if (!batch) return { ok: false, reason: "NO_BATCH" };
  if (batch.status !== "ready") return { ok: false, reason: "ALREADY" };
  const grid = await deps.db.grid.findUniqueOrThrow({ where: { id: gridId }, include: { pickupPoints: { orderBy: { name: "asc" } } } });
  const now = deps.clock.now();
  const done = await deps.db.$transaction(async (tx) => {
    const r = await tx.batch.updateMany({ where: { id: batch.id, status: "ready" }, data: { status: "confirmed", confirmedAt: now, confirmedBy: by } });
    if (r.count === 0) return null;
    await tx.order.updateMany({ where: { batchId: batch.id, status: "open" }, data: { status: "confirmed" } });
    const summary: StoredSummary = await computeSummary(tx, batch.id);
    if (grid.zone === "static") {
      const points = grid.pickupPoints.length ? grid.pickupPoints : [{ name: "本网格取货点", address: null, opensAt: "09:00", closesAt: "12:00", slotMinutes: 30, slotCapacity: 10 }];
      const plan = planPickups(summary.pickList, points.map((p) => ({ ...p, name: `${p.name}${p.address ? `（${p.address}）` : ""}` })));
      summary.slots = Object.fromEntries(plan.slot);
      summary.points = Object.fromEntries(plan.point);
      summary.pickupPoint = points.length === 1 ? [...plan.point.values()][0] ?? null : null;
    }
    await tx.batch.update({ where: { id: batch.id }, data: { summary: summary as object, announcedAt: now } });
    return summary;
  }, { timeout: 60_000 });
  if (!done) return { ok: false, reason: "ALREADY" };
  const rules = await loadRules(deps.db, grid.villageId, deps.timezone);
  const fx = new Effects();
  const announce = batchTexts.announce({ zone: grid.zone, deliveryDate: batch.deliveryDate, window: grid.deliveryWindow, summary: done });
  for (const chat of await gridChats(deps, gridId)) {
    fx.event({ type: "batch.confirmed", chat: chat.chatId, grid: grid.code, batchId: batch.id, by });
    fx.say(chat, announce, [], `announce:${batch.id}:${chat.chatId}`);
    fx.event({ type: "announce", chat: chat.chatId, kind: "delivery", deliveryDate: batch.deliveryDate, text: announce, batchId: batch.id, zone: grid.zone });
  }
  if (grid.supplierChat) {
    const [platform, ...rest] = grid.supplierChat.split(":");
    fx.say({ platform: platform!, chatId: rest.join(":") }, batchTexts.supplier({ grid: gridLabel(grid), batchId: batch.id, deliveryDate: batch.deliveryDate, summary: done, catalog: deps.catalog }), [], `supplier:${batch.id}`);
  }
  fx.schedule({ name: "delivery-reminder", payload: { batchId: batch.id }, runAt: zonedInstant(batch.deliveryDate, "07:00", rules.timezone), key: `morning:${batch.id}` });
  await runEffects(deps, fx);
  return { ok: true, batchId: batch.id };
}

async function unconfirmed(deps: AppDeps, batchId: string) {
  const b = await deps.db.batch.findUnique({ where: { id: batchId }, include: { grid: { include: { village: true } } } });
  return b && b.status === "ready" ? b : null;
}

export async function remindLeader(deps: AppDeps, batchId: string): Promise<void> {
  const b = await unconfirmed(deps, batchId);
  if (!b || b.remindedAt) return;
  const leaders = await leaderNames(deps, b.gridId, b.grid.villageId);
  const fx = new Effects();
  for (const chat of await gridChats(deps, b.gridId)) {
    fx.say(chat, batchTexts.reminder({ leaders, deliveryDate: b.deliveryDate, orders: (b.summary as unknown as BatchSummary).orders }), [], `remind:${batchId}:${chat.chatId}`);
    fx.event({ type: "batch.reminder", chat: chat.chatId, grid: b.grid.code, batchId });
  }
  await deps.db.batch.update({ where: { id: batchId }, data: { remindedAt: deps.clock.now() } });
  await runEffects(deps, fx);
}

export async function escalate(deps: AppDeps, batchId: string): Promise<void> {
  const b = await unconfirmed(deps, batchId);
  if (!b || b.escalatedAt) return;
  const officials = await deps.db.chatGroup.findMany({ where: { isOfficials: true, active: true } });
  const leaders = await leaderNames(deps, b.gridId, b.grid.villageId);
  const fx = new Effects();
  const text = batchTexts.escalation({ village: b.grid.village.name, grid: gridLabel(b.grid), deliveryDate: b.deliveryDate, leaders, orders: (b.summary as unknown as BatchSummary).orders });
  for (const chat of officials) {
    fx.say(chat, text, [], `escalate:${batchId}:${chat.chatId}`);
    fx.event({ type: "batch.escalated", chat: chat.chatId, grid: b.grid.code, batchId });
  }
  await deps.db.batch.update({ where: { id: batchId }, data: { escalatedAt: deps.clock.now() } });
  await runEffects(deps, fx);
}

export async function deliveryMorning(deps: AppDeps, batchId: string): Promise<void> {
  const b = await deps.db.batch.findUnique({ where: { id: batchId }, include: { grid: true } });
  if (!b || b.status !== "confirmed" || b.morningAt) return;
  const summary = b.summary as unknown as StoredSummary;
  const fx = new Effects();
  const text = batchTexts.morning({ zone: b.grid.zone, deliveryDate: b.deliveryDate, window: b.grid.deliveryWindow, summary });
  for (const chat of await gridChats(deps, b.gridId)) {
    fx.say(chat, text, [], `morning:${batchId}:${chat.chatId}`);
    fx.event({ type: "delivery.reminder", chat: chat.chatId, deliveryDate: b.deliveryDate, text, batchId });
  }
  await deps.db.batch.update({ where: { id: batchId }, data: { morningAt: deps.clock.now() } });
  await runEffects(deps, fx);
}

/** The leader marks a household's order in the latest batch as paid; the reply lists who has not paid. */
export async function markPaid(deps: AppDeps, gridId: string, household: string, by: string): Promise<{ ok: boolean; unpaid: string[]; amountCents: number }> {
  const order = await deps.db.order.findFirst({
    where: { gridId, household: { code: household }, status: { in: ["open", "confirmed", "delivered"] } },
    orderBy: { placedAt: "desc" },
  });
  if (!order) return { ok: false, unpaid: [], amountCents: 0 };
  if (!order.paidAt) await deps.db.order.update({ where: { id: order.id }, data: { paidAt: deps.clock.now(), paidBy: by } });
  const unpaid = order.batchId
    ? await deps.db.order.findMany({ where: { batchId: order.batchId, status: { not: "cancelled" }, paidAt: null }, include: { household: true } })
    : [];
  return { ok: true, unpaid: unpaid.map((o) => o.household.code).sort(), amountCents: order.totalCents };
}



/** The leader reports the batch delivered (已送达): its orders are done. */
export async function markDelivered(deps: AppDeps, gridId: string, by: string): Promise<{ ok: boolean; batchId: string | null; orders: number }> {
  const batch = await deps.db.batch.findFirst({ where: { gridId, status: "confirmed" }, orderBy: { deliveryDate: "asc" } });
  if (!batch) return { ok: false, batchId: null, orders: 0 };
  const r = await deps.db.$transaction(async (tx) => {
    const u = await tx.batch.updateMany({ where: { id: batch.id, status: "confirmed" }, data: { status: "delivered" } });
    if (u.count === 0) return null;
    return tx.order.updateMany({ where: { batchId: batch.id, status: "confirmed" }, data: { status: "delivered" } });
  });
  if (!r) return { ok: false, batchId: batch.id, orders: 0 };
  await deps.db.auditLog.create({ data: { at: deps.clock.now(), actor: by, action: "batch.delivered", subject: batch.id } });
  return { ok: true, batchId: batch.id, orders: r.count };
}
