// The database is the source of truth; Redis holds only what is due next. If Redis
// lost its jobs (a restart without persistence), this sweep, run every few minutes,
// finds what should have happened by now and does it — each step is idempotent, so
// running it beside the regular jobs does nothing twice.
import { addDays, localDate, localMinutes, parseHhMm, zonedInstant } from "../domain/local-time";
import { deliveryMorning, escalate, remindLeader, runCutoff } from "./batches";
import type { AppDeps } from "./deps";

export interface SweepResult { cutoffs: number; reminders: number; escalations: number; mornings: number }

export async function sweep(deps: AppDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const out: SweepResult = { cutoffs: 0, reminders: 0, escalations: 0, mornings: 0 };
  // Missed cut-offs: open orders for a delivery date whose cut-off has passed, in no batch.
  const pending = await deps.db.order.groupBy({ by: ["gridId", "deliveryDate"], where: { status: "open", batchId: null, gridId: { not: null } } });
  const grids = new Map((await deps.db.grid.findMany({ include: { village: true } })).map((g) => [g.id, g]));
  for (const p of pending) {
    const g = grids.get(p.gridId!);
    if (!g) continue;
    const cutoffAt = zonedInstant(addDays(p.deliveryDate, -1), g.village.cutoff, g.village.timezone);
    if (cutoffAt.getTime() <= now.getTime()) {
      await runCutoff(deps, g.id, p.deliveryDate);
      out.cutoffs++;
    }
  }
  const hour = 3_600_000;
  for (const b of await deps.db.batch.findMany({ where: { status: "ready", OR: [{ remindedAt: null }, { escalatedAt: null }] } })) {
    const age = now.getTime() - b.readyAt.getTime();
    if (!b.remindedAt && age >= hour) { await remindLeader(deps, b.id); out.reminders++; }
    if (!b.escalatedAt && age >= 3 * hour) { await escalate(deps, b.id); out.escalations++; }
  }
  for (const b of await deps.db.batch.findMany({ where: { status: "confirmed", morningAt: null }, include: { grid: { include: { village: true } } } })) {
    const tz = b.grid.village.timezone;
    const today = localDate(now, tz);
    if (today === b.deliveryDate && localMinutes(now, tz) >= parseHhMm("07:00")) { await deliveryMorning(deps, b.id); out.mornings++; }
  }
  return out;
}
