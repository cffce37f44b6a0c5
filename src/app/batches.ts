// Per-grid batches: built at the cut-off, confirmed by the leader, announced to
// the group, reminded and escalated when nobody acts. Every step is idempotent:
// a job run twice, or killed and run again, does the work once.
import { EMPTY_SUMMARY, readBatchSummary, toJson, type StoredSummary } from "../flows/json-columns";
import { addDays, localDate } from "../domain/local-time";
import { batchLockKey, lock } from "../db/locks";
import {
  type BatchSummary,
  diffSummaries,
  escalationAt,
  morningAt,
  planPickups,
  reminderAt,
} from "../flows/batch-flow";
import { deliveryDateOfLastCutoff, type Rules } from "../flows/order-rules";
import { batchTexts, render, residentTexts, villageLanguage } from "../texts";
import { officialsLanguage } from "./officials/common";
import type { JobRequest } from "./job-port";
import { batchIdFor, placeOrderInBatch } from "./batch-placement";
import { loadRules, type DbOrTx } from "./context";
import { asSql, type Sql } from "../db/sql";
import {
  claimBatch,
  computeSummary,
  type CutoffContext,
  demandCheckDue,
  loadCutoffContext,
  postBatch,
} from "./cutoff-store";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { checkDemand } from "./officials/stock";

/** 一网格, or 3号网格 where the grid has no name. */
export function gridLabel(g: { name: string | null; code: string }): string {
  return g.name ?? `${g.code}号网格`;
}

export { batchIdFor };

async function gridChats(db: DbOrTx, gridId: string) {
  return db.chatGroup.findMany({ where: { gridId, active: true, isOfficials: false }, orderBy: { createdAt: "asc" } });
}

async function leaderNames(db: DbOrTx, gridId: string, villageId: string): Promise<string[]> {
  const roles = await db.memberRole.findMany({
    where: { role: "leader", scope: { in: [gridId, villageId] } },
    include: { member: true },
  });
  return roles.map((r) => r.member.displayName ?? r.member.userId);
}

/** The job that posts a posted batch's list again when orders joined or changed after the cut-off; a minute's changes go in one message. */
export function batchUpdateJob(batchId: string, now: Date, delayMs = 60_000): JobRequest {
  return {
    name: "batch-update",
    payload: { batchId },
    runAt: new Date(now.getTime() + delayMs),
    key: `batch-update:${batchId}:${Math.floor(now.getTime() / 60_000)}`,
  };
}

const openUnbatched = (gridId: string, deliveryDate: string) => ({
  gridId,
  deliveryDate,
  status: "open" as const,
  batchId: null,
});

/**
 * Builds the grid's batch for the delivery date of the last cut-off (or the one given).
 * Run again for a batch already posted, it adds the orders that arrived since (their
 * households were told this date: the list is posted again for the leader); for a
 * batch already confirmed, such orders move to the next delivery date and their
 * households are told. So no order is ever left beside its batch.
 */
export async function runCutoff(
  deps: AppDeps,
  gridId: string,
  forDate?: string,
): Promise<{ batchId: string | null; orders: number }> {
  const ctx = await loadCutoffContext(deps.sql, gridId, deps.timezone);
  if (!ctx) return { batchId: null, orders: 0 };
  const { grid, rules, leaders, chats } = ctx;
  const now = deps.clock.now();
  const deliveryDate = forDate ?? deliveryDateOfLastCutoff(now, rules);
  const batchId = batchIdFor(grid.id, deliveryDate);
  let fx = new Effects();
  // Batches of this grid that were never confirmed by their delivery day: their orders move
  // into this one (locked together with it, in the order every transaction locks batches).
  const today = localDate(now, rules.timezone);
  const staleIds = ctx.waiting.filter((b) => b.deliveryDate < deliveryDate && b.deliveryDate <= today).map((b) => b.id);
  // Built and posted under the batch's lock, in one transaction: a second worker, or
  // this job retried after a crash, finds the batch posted and does nothing twice.
  // Messages are recorded in the outbox in the same transaction and carry keys
  // derived from the batch, so they go out once. `prisma` is the same transaction for
  // Prisma's queries, which only earlier batches to merge and a batch already confirmed
  // need; without it (the usual cut-off, on the driver itself) those give up at once,
  // having written nothing, and the cut-off runs again on Prisma.
  const cutoff = async (tx: Sql, prisma: DbOrTx | null): Promise<number | null | typeof NEEDS_PRISMA> => {
    await lock(tx, [batchId, ...staleIds].map(batchLockKey));
    const claim = await claimBatch(tx, { batchId, gridId, deliveryDate, staleIds, now });
    const { before } = claim;
    if (before && before.status !== "ready") {
      if (!prisma) return NEEDS_PRISMA;
      await deferPending(prisma, fx, grid.id, deliveryDate, rules, now);
    } else if (before?.posted) {
      if (claim.taken) fx.schedule(batchUpdateJob(batchId, now, 0));
    } else if (claim.summary && claim.readyAt) {
      let summary = claim.summary;
      let merged: Array<{ deliveryDate: string; orders: number }> = [];
      if (staleIds.length) {
        if (!prisma) throw new Error("earlier batches to merge need the cut-off on Prisma");
        merged = await mergeStale(prisma, fx, staleIds, { batchId, deliveryDate, chat: chats[0]?.chatId });
        if (merged.length) summary = await computeSummary(tx, batchId);
      }
      sayReady(fx, { deps, grid, chats, leaders, batchId, deliveryDate, summary, merged });
      fx.schedule({
        name: "batch-reminder",
        payload: { batchId },
        runAt: reminderAt(claim.readyAt),
        key: `remind:${batchId}`,
      });
      fx.schedule({
        name: "batch-escalation",
        payload: { batchId },
        runAt: escalationAt(claim.readyAt),
        key: `escalate:${batchId}`,
      });
      await fx.record(tx, now, (t, messages) => postBatch(t, { batchId, summary, now, messages }));
      return summary.orders;
    } else return null;
    await fx.record(tx, now);
    return before.orders;
  };
  const onPrisma = () =>
    deps.db.$transaction(async (tx) => cutoff(asSql(tx), tx), { timeout: 60_000, maxWait: 60_000 });
  let orders = staleIds.length ? await onPrisma() : await deps.sql.transaction((tx) => cutoff(tx, null));
  if (orders === NEEDS_PRISMA) {
    fx = new Effects();
    orders = await onPrisma();
  }
  if (orders === NEEDS_PRISMA) throw new Error("the cut-off on Prisma asked for Prisma");
  if (orders === null) {
    await runEffects(deps, fx);
    return { batchId: null, orders: 0 };
  }
  // Orders as a signal: the date's demand that would empty a stock. Town-wide, so it runs
  // once per date — after the cut-off that leaves no open order of that date outside a batch
  // (asked while the effects go out: neither waits for the other).
  const [, due] = await Promise.all([runEffects(deps, fx), demandCheckDue(deps.sql, deliveryDate)]);
  if (due) await checkDemand(deps, deliveryDate);
  return { batchId, orders };
}

/** What a cut-off on the driver returns when the batch needs Prisma's queries (see runCutoff). */
const NEEDS_PRISMA = Symbol("needs Prisma");

/** The batch's list for the leader in each of the grid's groups, with the confirm button (and, for a big batch, the pick list as a file). */
function sayReady(
  fx: Effects,
  o: {
    deps: AppDeps;
    grid: CutoffContext["grid"];
    chats: CutoffContext["chats"];
    leaders: string[];
    batchId: string;
    deliveryDate: string;
    summary: BatchSummary;
    merged: Array<{ deliveryDate: string; orders: number }>;
  },
): void {
  const { grid, batchId, deliveryDate, summary } = o;
  const lang = villageLanguage(grid.village);
  const text = render(
    batchTexts.ready({
      grid: gridLabel(grid),
      deliveryDate,
      summary,
      leaders: o.leaders,
      catalog: o.deps.catalog,
      carried: o.merged,
    }),
    lang,
  );
  for (const chat of o.chats) {
    fx.event({
      type: "batch.ready",
      chat: chat.chatId,
      grid: grid.code,
      batchId,
      orders: summary.orders,
      deliveryDate,
      totals: summary.totals,
    });
    fx.say(chat, text, [confirmButton(batchId)], `ready:${batchId}:${chat.chatId}`, { lane: "batch" });
    if (summary.orders >= PICK_FILE_AT)
      fx.say(
        chat,
        render(batchTexts.pickListFile({ deliveryDate, orders: summary.orders, final: false }), lang),
        [],
        `picklist:${batchId}:${chat.chatId}`,
        { lane: "file", attachment: { kind: "pick-list", batchId } },
      );
  }
}

/**
 * From this many households a batch's pick list also goes to the group as a file (XLSX, as
 * `bin/baogong export` writes it), in the `file` lane: every grid's list and its confirm step,
 * the notices, answers and acknowledgements go first, the copies for the leader's spreadsheet
 * after them.
 */
export const PICK_FILE_AT = 40;

const confirmButton = (batchId: string) => ({ text: "确认 Confirm", data: `confirm:${batchId}` });

/**
 * A batch the leader never confirmed by its delivery day cannot be delivered on it: its
 * open orders move into the batch being built (`into`), said in that batch's list; the old
 * batch is `merged`. Only batches already locked by the caller.
 */
async function mergeStale(
  tx: DbOrTx,
  fx: Effects,
  staleIds: readonly string[],
  into: { batchId: string; deliveryDate: string; chat: string | undefined },
): Promise<Array<{ deliveryDate: string; orders: number }>> {
  const out: Array<{ deliveryDate: string; orders: number }> = [];
  for (const id of staleIds) {
    const b = await tx.batch.findUnique({ where: { id }, select: { status: true, deliveryDate: true } });
    if (b?.status !== "ready") continue;
    const moving = await tx.order.findMany({
      where: { batchId: id, status: "open" },
      select: { id: true, household: { select: { code: true } } },
    });
    await tx.order.updateMany({
      where: { batchId: id, status: "open" },
      data: { batchId: into.batchId, deliveryDate: into.deliveryDate },
    });
    await tx.batch.update({ where: { id }, data: { status: "merged", mergedInto: into.batchId } });
    for (const o of moving)
      fx.event({
        type: "order.deferred",
        chat: into.chat,
        household: o.household.code,
        orderId: o.id,
        from: b.deliveryDate,
        deliveryDate: into.deliveryDate,
        reason: "batch not confirmed",
      });
    if (moving.length) out.push({ deliveryDate: b.deliveryDate, orders: moving.length });
  }
  return out;
}

/**
 * Open orders of a date whose batch the leader already confirmed, left outside it:
 * each moves to the next delivery date that is still open, and its household is told.
 * (Orders take the batch's lock when they are placed, so this is a safety net.)
 */
async function deferPending(
  tx: DbOrTx,
  fx: Effects,
  gridId: string,
  deliveryDate: string,
  rules: Rules,
  now: Date,
): Promise<void> {
  const orders = await tx.order.findMany({ where: openUnbatched(gridId, deliveryDate), include: { household: true } });
  for (const o of orders) {
    const place = await placeOrderInBatch(tx, gridId, addDays(deliveryDate, 1), now, rules);
    await tx.order.update({ where: { id: o.id }, data: { deliveryDate: place.deliveryDate, batchId: place.batchId } });
    if (place.batchId) fx.schedule(batchUpdateJob(place.batchId, now));
    if (place.cutoffDue) fx.schedule(cutoffNowJob(gridId, place.deliveryDate, now));
    const chat = o.chatGroupId ? await tx.chatGroup.findUnique({ where: { id: o.chatGroupId } }) : null;
    if (chat)
      fx.say(
        chat,
        render(
          residentTexts.deferred({ household: o.household.code, from: deliveryDate, to: place.deliveryDate }),
          rules.language,
        ),
        [],
        `deferred:${o.id}:${place.deliveryDate}`,
      );
    fx.event({
      type: "order.deferred",
      chat: chat?.chatId,
      household: o.household.code,
      orderId: o.id,
      from: deliveryDate,
      deliveryDate: place.deliveryDate,
    });
  }
}

/** A grid's cut-off for one date, to run now (an order arrived after that cut-off, and no batch exists yet). */
export function cutoffNowJob(gridId: string, deliveryDate: string, now: Date): JobRequest {
  return {
    name: "cutoff",
    payload: { gridId, deliveryDate },
    runAt: now,
    key: `late-cutoff:${gridId}:${deliveryDate}:${Math.floor(now.getTime() / 10_000)}`,
  };
}

/**
 * The `batch-update` job: a posted batch that the leader has not confirmed, whose
 * orders changed since its list was posted (orders that joined after the cut-off,
 * changes, cancellations) — the changes are posted to the group for the leader, with
 * the confirm button. Nothing changed: nothing is said.
 */
export async function postBatchUpdate(deps: AppDeps, batchId: string): Promise<void> {
  const now = deps.clock.now();
  const fx = new Effects();
  await deps.db.$transaction(
    async (tx) => {
      await lock(tx, batchLockKey(batchId));
      const b = await tx.batch.findUnique({
        where: { id: batchId },
        include: { grid: { include: { village: true } } },
      });
      if (b?.status !== "ready" || !b.postedAt) return;
      const before = readBatchSummary(b.summary) ?? EMPTY_SUMMARY;
      const after = await computeSummary(tx, batchId);
      const change = diffSummaries(before, after);
      if (!change.added.length && !change.removed.length && !change.changed.length) return;
      const revision = b.revision + 1;
      await tx.batch.update({ where: { id: batchId }, data: { summary: toJson(after), revision } });
      const leaders = await leaderNames(tx, b.gridId, b.grid.villageId);
      const text = render(
        batchTexts.updated({
          grid: gridLabel(b.grid),
          deliveryDate: b.deliveryDate,
          change,
          summary: after,
          leaders,
          catalog: deps.catalog,
        }),
        villageLanguage(b.grid.village),
      );
      for (const chat of await gridChats(tx, b.gridId)) {
        fx.say(chat, text, [confirmButton(batchId)], `update:${batchId}:${revision}:${chat.chatId}`, { lane: "batch" });
        fx.event({
          type: "batch.updated",
          chat: chat.chatId,
          grid: b.grid.code,
          batchId,
          orders: after.orders,
          added: change.added.map((p) => p.household),
          removed: change.removed.map((p) => p.household),
          changed: change.changed.map((p) => p.household),
          revision,
        });
      }
      await fx.record(tx, now);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  await runEffects(deps, fx);
}

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
