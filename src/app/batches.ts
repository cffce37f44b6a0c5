// Per-grid batches at the cut-off: built, announced to the grid's groups with the leader's
// confirm button, posted again when orders join after it; what follows (confirmation,
// reminders, escalation, delivery) is ./batch-leader.ts. Every step is idempotent: a job run
// twice, or killed and run again, does the work once.
import { EMPTY_SUMMARY, readBatchSummary, toJson } from "../flows/json-columns";
import { addDays, localDate } from "../domain/local-time";
import { batchLockKey, lock } from "../db/locks";
import { type BatchSummary, diffSummaries, escalationAt, reminderAt } from "../flows/batch-flow";
import { deliveryDateOfLastCutoff, type Rules } from "../flows/order-rules";
import { batchTexts, render, residentTexts, villageLanguage } from "../texts";
import type { JobRequest } from "./job-port";
import { batchIdFor, placeOrderInBatch } from "./batch-placement";
import type { DbOrTx } from "./context";
import { asSql, type Sql } from "../db/sql";
import { claimBatch, computeSummary, type CutoffContext, loadCutoffContext, postBatch } from "./cutoff-store";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";

/** 一网格, or 3号网格 where the grid has no name. */
export function gridLabel(g: { name: string | null; code: string }): string {
  return g.name ?? `${g.code}号网格`;
}

export { batchIdFor };

/** The grid's active groups (not the officials' chat), oldest first. */
export async function gridChats(db: DbOrTx, gridId: string) {
  return db.chatGroup.findMany({ where: { gridId, active: true, isOfficials: false }, orderBy: { createdAt: "asc" } });
}

/** Display names of the grid's and its village's leaders. */
export async function leaderNames(db: DbOrTx, gridId: string, villageId: string): Promise<string[]> {
  const roles = await db.memberRole.findMany({
    where: { role: "leader", scope: { in: [gridId, villageId] } },
    include: { member: true },
  });
  return roles.map((r) => r.member.displayName ?? r.member.userId);
}

/** How long the cut-offs that queue one demand check span (see `demandCheckJob`). */
const DEMAND_CHECK_WINDOW_MS = 10_000;
/** How long after its window the demand check runs: processes' clocks may differ by this much. */
const DEMAND_CHECK_MARGIN_MS = 2_000;

/**
 * The job that checks a delivery date's demand once its orders are all batched
 * (src/app/officials/stock.ts `checkDemandWhenDue`). Every cut-off that built or posted a
 * batch queues it, `now` being the time of its commit; those of one 10-second window share
 * one job, run 2 s after the window's end — after each of them committed. A town's
 * thousand cut-offs at 20:00 thus run the town-wide check once or twice, instead of once
 * each (it reads the date's open orders: a cost growing with the town).
 */
export function demandCheckJob(deliveryDate: string, now: Date): JobRequest {
  const window = Math.floor(now.getTime() / DEMAND_CHECK_WINDOW_MS);
  return {
    name: "demand-check",
    payload: { deliveryDate },
    runAt: new Date((window + 1) * DEMAND_CHECK_WINDOW_MS + DEMAND_CHECK_MARGIN_MS),
    key: `demand-check:${deliveryDate}:${window}`,
  };
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
  // Orders as a signal: the date's demand that would empty a stock. Town-wide, so it is
  // not checked here but by one job for the cut-offs of a few seconds (queued with the
  // reminders, after the commit). Its window is the commit's, not the start's: a cut-off
  // that waited (a lock, a busy pool) past its start's window, whose check may have run
  // already and found its orders outside their batch, queues a check that runs after it.
  fx.schedule(demandCheckJob(deliveryDate, deps.clock.now()));
  await runEffects(deps, fx);
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
  let posted: string | null = null;
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
      posted = b.deliveryDate;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  // The date's demand changed after its check: checked again (an alert already raised for a
  // commodity is not raised twice; one newly emptied is). Queued after the commit, as the cut-off does.
  if (posted) fx.schedule(demandCheckJob(posted, deps.clock.now()));
  await runEffects(deps, fx);
}
