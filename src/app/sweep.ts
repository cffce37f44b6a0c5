// The database is the source of truth; Redis holds only what is due next. If Redis
// lost its jobs (a restart without persistence), this sweep, run every few minutes,
// finds what should have happened by now and does it — each step is idempotent, so
// running it beside the regular jobs does nothing twice.
import { batchStepsDue } from "../flows/batch-flow";
import { cutoffInstant } from "../flows/order-rules";
import { runCutoff } from "./batches";
import { deliveryMorning, escalate, remindLeader } from "./batch-leader";
import type { AppDeps } from "./deps";
import { pendingOutbox } from "./outbox-store";
import { postOverdueDigests } from "./digests";
import { checkMissedDemand } from "./officials/stock";

export interface SweepResult {
  cutoffs: number;
  reminders: number;
  escalations: number;
  mornings: number;
  /** Delivery dates whose demand check ran here (its job lost). */
  demandChecks: number;
  resent: number;
}

/** A message still unsent this long after it was recorded is queued again (its job may be gone). */
export const RESEND_AFTER_MS = 2 * 60_000;
/** … unless it is older than this: stale news is not worth saying. */
const RESEND_WITHIN_MS = 2 * 86_400_000;
/** Settled outbox rows are kept this long (a record of what was said), then removed. */
const OUTBOX_KEEP_MS = 14 * 86_400_000;

/**
 * Queues again the recorded messages that are still unsent after RESEND_AFTER_MS. A job
 * still waiting in Redis (a paced WeChat account's backlog) is not doubled: queuing a
 * job id that exists does nothing, and a message marked sent is not queued.
 */
export async function resendPending(deps: AppDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const window = { olderThan: new Date(now - RESEND_AFTER_MS), since: new Date(now - RESEND_WITHIN_MS) };
  let n = 0;
  let after: { createdAt: Date; key: string } | undefined;
  for (;;) {
    const items = await pendingOutbox(deps.db, { ...window, limit: 500, ...(after ? { after } : {}) });
    if (items.length === 0) break;
    const batch = items.map((it) => ({
      msg: it.msg,
      opts: { key: it.key, recorded: true, ...(it.notice ? { notice: it.notice } : {}) },
    }));
    if (deps.outbox.sendMany) await deps.outbox.sendMany(batch);
    else for (const b of batch) await deps.outbox.send(b.msg, b.opts);
    n += items.length;
    const last = items.at(-1)!;
    after = { createdAt: last.createdAt, key: last.key };
  }
  return n;
}

export async function sweep(deps: AppDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const out: SweepResult = { cutoffs: 0, reminders: 0, escalations: 0, mornings: 0, demandChecks: 0, resent: 0 };
  // Missed cut-offs: open orders for a delivery date whose cut-off has passed, in no batch.
  const pending = await deps.db.order.groupBy({
    by: ["gridId", "deliveryDate"],
    where: { status: "open", batchId: null, gridId: { not: null } },
  });
  const grids = new Map((await deps.db.grid.findMany({ include: { village: true } })).map((g) => [g.id, g]));
  for (const p of pending) {
    const g = grids.get(p.gridId!);
    if (!g) continue;
    if (cutoffInstant(p.deliveryDate, g.village).getTime() <= now.getTime()) {
      await runCutoff(deps, g.id, p.deliveryDate);
      out.cutoffs++;
    }
  }
  // Reminders, escalations and delivery mornings whose job was lost: the timings the batch jobs are scheduled by.
  const open = await deps.db.batch.findMany({
    where: {
      OR: [
        { status: "ready", OR: [{ remindedAt: null }, { escalatedAt: null }] },
        { status: "confirmed", morningAt: null },
      ],
    },
    include: { grid: { include: { village: true } } },
  });
  for (const b of open) {
    const due = batchStepsDue(b, now, b.grid.village.timezone);
    if (due.remind) {
      await remindLeader(deps, b.id);
      out.reminders++;
    }
    if (due.escalate) {
      await escalate(deps, b.id);
      out.escalations++;
    }
    if (due.morning) {
      await deliveryMorning(deps, b.id);
      out.mornings++;
    }
  }
  // The delivery dates' demand checks whose job was lost.
  out.demandChecks = await checkMissedDemand(deps);
  // Digests whose job was lost: lines waiting longer than any group's interval and a margin.
  await postOverdueDigests(deps, 12 * 60_000);
  out.resent = await resendPending(deps);
  await deps.db.outboxMessage.deleteMany({
    where: { status: { not: "pending" }, createdAt: { lt: new Date(now.getTime() - OUTBOX_KEEP_MS) } },
  });
  await deps.db.replyThrottle.deleteMany({ where: { until: { lt: now } } });
  return out;
}
