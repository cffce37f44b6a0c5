// A posted batch's life after the cut-off: the leader confirms it (or is reminded, then the
// village's officials are told), the delivery morning's notice, paid and delivered marks.
// Every step is idempotent: a job run twice, or killed and run again, does the work once.
import { EMPTY_SUMMARY, readBatchSummary, toJson, type StoredSummary } from "../flows/json-columns";
import { localDate } from "../domain/local-time";
import { batchLockKey, lock } from "../db/locks";
import { morningAt, planPickups } from "../flows/batch-flow";
import { batchTexts, render, villageLanguage } from "../texts";
import { officialsLanguage } from "./officials/common";
import { loadRules, type DbOrTx } from "./context";
import { computeSummary } from "./cutoff-store";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { gridChats, gridLabel, leaderNames, PICK_FILE_AT } from "./batches";

export type ConfirmOutcome = { ok: true; batchId: string } | { ok: false; reason: "NO_BATCH" | "ALREADY" };

/**
 * The leader confirms the grid's batch — the one named (a pressed button carries it), else
 * the earliest one that was waiting when the leader sent the message (`sentAt`): a 确认
 * handled late never confirms a batch posted after it was written. Runs inside the
 * caller's transaction (which claimed the message), under the batch's lock; what it
 * says goes into `fx`.
 */
export async function confirmBatch(
  tx: DbOrTx,
  deps: AppDeps,
  fx: Effects,
  o: { gridId: string; by: string; batchId: string | null; sentAt: Date },
): Promise<ConfirmOutcome> {
  const found = o.batchId
    ? await tx.batch.findFirst({ where: { id: o.batchId, gridId: o.gridId }, select: { id: true } })
    : await tx.batch.findFirst({
        where: { gridId: o.gridId, status: "ready", readyAt: { lte: o.sentAt } },
        orderBy: { deliveryDate: "asc" },
        select: { id: true },
      });
  if (!found) return { ok: false, reason: "NO_BATCH" };
  await lock(tx, batchLockKey(found.id));
  const batch = await tx.batch.findUniqueOrThrow({ where: { id: found.id } });
  if (batch.status !== "ready") return { ok: false, reason: "ALREADY" };
  const grid = await tx.grid.findUniqueOrThrow({
    where: { id: o.gridId },
    include: { pickupPoints: { orderBy: { name: "asc" } }, village: true },
  });
  const now = deps.clock.now();
  await tx.batch.update({
    where: { id: batch.id },
    data: { status: "confirmed", confirmedAt: now, confirmedBy: o.by },
  });
  await tx.order.updateMany({ where: { batchId: batch.id, status: "open" }, data: { status: "confirmed" } });
  const summary: StoredSummary = await computeSummary(tx, batch.id);
  if (grid.zone === "static") {
    const points = grid.pickupPoints.length
      ? grid.pickupPoints
      : [
          {
            name: "本网格取货点",
            address: null,
            opensAt: "09:00",
            closesAt: "12:00",
            slotMinutes: 30,
            slotCapacity: 10,
          },
        ];
    const plan = planPickups(
      summary.pickList,
      points.map((p) => ({ ...p, name: `${p.name}${p.address ? `（${p.address}）` : ""}` })),
    );
    summary.slots = Object.fromEntries(plan.slot);
    summary.points = Object.fromEntries(plan.point);
    summary.pickupPoint = points.length === 1 ? ([...plan.point.values()][0] ?? null) : null;
  }
  await tx.batch.update({ where: { id: batch.id }, data: { summary: toJson(summary), announcedAt: now } });
  const rules = await loadRules(tx, grid.villageId, deps.timezone);
  const lang = villageLanguage(grid.village);
  const announce = render(
    batchTexts.announce({ zone: grid.zone, deliveryDate: batch.deliveryDate, window: grid.deliveryWindow, summary }),
    lang,
  );
  for (const chat of await gridChats(tx, o.gridId)) {
    fx.event({ type: "batch.confirmed", chat: chat.chatId, grid: grid.code, batchId: batch.id, by: o.by });
    fx.say(chat, announce, [], `announce:${batch.id}:${chat.chatId}`, { lane: "batch" });
    if (summary.orders >= PICK_FILE_AT)
      fx.say(
        chat,
        render(
          batchTexts.pickListFile({ deliveryDate: batch.deliveryDate, orders: summary.orders, final: true }),
          lang,
        ),
        [],
        `picklist-final:${batch.id}:${chat.chatId}`,
        { lane: "file", attachment: { kind: "pick-list", batchId: batch.id } },
      );
    fx.event({
      type: "announce",
      chat: chat.chatId,
      kind: "delivery",
      deliveryDate: batch.deliveryDate,
      text: announce,
      batchId: batch.id,
      zone: grid.zone,
    });
  }
  if (grid.supplierPlatform && grid.supplierChatId) {
    fx.say(
      { platform: grid.supplierPlatform, chatId: grid.supplierChatId },
      render(
        batchTexts.supplier({
          grid: gridLabel(grid),
          batchId: batch.id,
          deliveryDate: batch.deliveryDate,
          summary,
          catalog: deps.catalog,
        }),
        lang,
      ),
      [],
      `supplier:${batch.id}`,
      { lane: "batch" },
    );
  }
  fx.schedule({
    name: "delivery-reminder",
    payload: { batchId: batch.id },
    runAt: morningAt(batch.deliveryDate, rules.timezone),
    key: `morning:${batch.id}`,
  });
  return { ok: true, batchId: batch.id };
}

async function unconfirmed(deps: AppDeps, batchId: string) {
  const b = await deps.db.batch.findUnique({
    where: { id: batchId },
    include: { grid: { include: { village: true } } },
  });
  return b && b.status === "ready" ? b : null;
}

export async function remindLeader(deps: AppDeps, batchId: string): Promise<void> {
  const b = await unconfirmed(deps, batchId);
  if (!b || b.remindedAt) return;
  const leaders = await leaderNames(deps.db, b.gridId, b.grid.villageId);
  const fx = new Effects();
  for (const chat of await gridChats(deps.db, b.gridId)) {
    fx.say(
      chat,
      render(
        batchTexts.reminder({
          leaders,
          deliveryDate: b.deliveryDate,
          orders: (readBatchSummary(b.summary) ?? EMPTY_SUMMARY).orders,
        }),
        villageLanguage(b.grid.village),
      ),
      [],
      `remind:${batchId}:${chat.chatId}`,
      { lane: "batch" },
    );
    fx.event({ type: "batch.reminder", chat: chat.chatId, grid: b.grid.code, batchId });
  }
  await deps.db.batch.update({ where: { id: batchId }, data: { remindedAt: deps.clock.now() } });
  await runEffects(deps, fx);
}

export async function escalate(deps: AppDeps, batchId: string): Promise<void> {
  const b = await unconfirmed(deps, batchId);
  if (!b || b.escalatedAt) return;
  const officials = await deps.db.chatGroup.findMany({ where: { isOfficials: true, active: true } });
  const leaders = await leaderNames(deps.db, b.gridId, b.grid.villageId);
  const fx = new Effects();
  const text = render(
    batchTexts.escalation({
      village: b.grid.village.name,
      grid: gridLabel(b.grid),
      deliveryDate: b.deliveryDate,
      leaders,
      orders: (readBatchSummary(b.summary) ?? EMPTY_SUMMARY).orders,
    }),
    await officialsLanguage(deps.db),
  );
  for (const chat of officials) {
    fx.say(chat, text, [], `escalate:${batchId}:${chat.chatId}`, { lane: "urgent" });
    fx.event({ type: "batch.escalated", chat: chat.chatId, grid: b.grid.code, batchId });
  }
  await deps.db.batch.update({ where: { id: batchId }, data: { escalatedAt: deps.clock.now() } });
  await runEffects(deps, fx);
}

export async function deliveryMorning(deps: AppDeps, batchId: string): Promise<void> {
  const b = await deps.db.batch.findUnique({
    where: { id: batchId },
    include: { grid: { include: { village: true } } },
  });
  if (b?.status !== "confirmed" || b.morningAt) return;
  const summary = readBatchSummary(b.summary) ?? EMPTY_SUMMARY;
  const fx = new Effects();
  const text = render(
    batchTexts.morning({ zone: b.grid.zone, deliveryDate: b.deliveryDate, window: b.grid.deliveryWindow, summary }),
    villageLanguage(b.grid.village),
  );
  for (const chat of await gridChats(deps.db, b.gridId)) {
    fx.say(chat, text, [], `morning:${batchId}:${chat.chatId}`, { lane: "batch" });
    fx.event({ type: "delivery.reminder", chat: chat.chatId, deliveryDate: b.deliveryDate, text, batchId });
  }
  await deps.db.batch.update({ where: { id: batchId }, data: { morningAt: deps.clock.now() } });
  await runEffects(deps, fx);
}

/**
 * The leader marks a household's order in the grid's latest batch as paid (inside the
 * caller's transaction); the answer lists who in that batch has not paid.
 */
export async function markPaid(
  tx: DbOrTx,
  o: { gridId: string; household: string; by: string; at: Date },
): Promise<{ ok: boolean; unpaid: string[]; amountCents: number }> {
  const order = await tx.order.findFirst({
    where: { gridId: o.gridId, household: { code: o.household }, status: { in: ["open", "confirmed", "delivered"] } },
    orderBy: { placedAt: "desc" },
  });
  if (!order) return { ok: false, unpaid: [], amountCents: 0 };
  if (!order.paidAt) await tx.order.update({ where: { id: order.id }, data: { paidAt: o.at, paidBy: o.by } });
  const unpaid = order.batchId
    ? await tx.order.findMany({
        where: { batchId: order.batchId, status: { not: "cancelled" }, paidAt: null },
        include: { household: true },
      })
    : [];
  return { ok: true, unpaid: unpaid.map((u) => u.household.code).sort(), amountCents: order.totalCents };
}

/**
 * The leader reports the batch delivered (已送达): the earliest confirmed batch due by the
 * day the message was sent (`sentAt`, local) — never one due later. Inside the caller's transaction.
 */
export async function markDelivered(
  tx: DbOrTx,
  o: { gridId: string; by: string; sentAt: Date; now: Date; timezone: string },
): Promise<{ ok: boolean; batchId: string | null; orders: number }> {
  const batch = await tx.batch.findFirst({
    where: { gridId: o.gridId, status: "confirmed", deliveryDate: { lte: localDate(o.sentAt, o.timezone) } },
    orderBy: { deliveryDate: "asc" },
  });
  if (!batch) return { ok: false, batchId: null, orders: 0 };
  await lock(tx, batchLockKey(batch.id));
  const u = await tx.batch.updateMany({ where: { id: batch.id, status: "confirmed" }, data: { status: "delivered" } });
  if (u.count === 0) return { ok: false, batchId: batch.id, orders: 0 };
  const r = await tx.order.updateMany({
    where: { batchId: batch.id, status: "confirmed" },
    data: { status: "delivered" },
  });
  await tx.auditLog.create({ data: { at: o.now, actor: o.by, action: "batch.delivered", subject: batch.id } });
  return { ok: true, batchId: batch.id, orders: r.count };
}

/** Confirms a grid's batch outside a chat message (tools, tests): in a transaction of its own, its effects run after. */
export async function confirmBatchNow(
  deps: AppDeps,
  gridId: string,
  by: string,
  batchId: string | null,
): Promise<ConfirmOutcome> {
  const fx = new Effects();
  const now = deps.clock.now();
  const r = await deps.db.$transaction(async (tx) => {
    const out = await confirmBatch(tx, deps, fx, { gridId, by, batchId, sentAt: now });
    await fx.record(tx, now);
    return out;
  });
  await runEffects(deps, fx);
  return r;
}

/** Marks a grid's batch delivered outside a chat message (tools, tests). */
export async function markDeliveredNow(
  deps: AppDeps,
  gridId: string,
  by: string,
): Promise<{ ok: boolean; batchId: string | null; orders: number }> {
  const now = deps.clock.now();
  return deps.db.$transaction((tx) => markDelivered(tx, { gridId, by, sentAt: now, now, timezone: deps.timezone }));
}
