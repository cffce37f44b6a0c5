// Job handlers are thin: each job of the port (src/app/job-port.ts) has one, which gets the
// payload as its definition reads it and calls the use case. The live BullMQ workers and the
// virtual scheduler of `simulate` and the tests call these same functions.
import type { AppDeps } from "../app/deps";
import { postBatchUpdate, runCutoff } from "../app/batches";
import { deliveryMorning, escalate, remindLeader } from "../app/batch-leader";
import { postAckDigest } from "../app/digests";
import { checkPayload, type JobName, type JobPayload } from "../app/job-port";
import { runDailyReport } from "../app/officials/report";
import { checkDemandWhenDue } from "../app/officials/stock";
import { sweep } from "../app/sweep";

const HANDLERS: { [N in JobName]: (deps: AppDeps, p: JobPayload<N>) => Promise<unknown> } = {
  cutoff: (deps, p) => runCutoff(deps, p.gridId, p.deliveryDate),
  "ack-digest": (deps, p) => postAckDigest(deps, p.chatGroupId),
  "batch-update": (deps, p) => postBatchUpdate(deps, p.batchId),
  "batch-reminder": (deps, p) => remindLeader(deps, p.batchId),
  "batch-escalation": (deps, p) => escalate(deps, p.batchId),
  "delivery-reminder": (deps, p) => deliveryMorning(deps, p.batchId),
  "demand-check": (deps, p) => checkDemandWhenDue(deps, p.deliveryDate),
  "daily-report": (deps, p) => runDailyReport(deps, p),
  sweep: (deps) => sweep(deps),
};

export async function runJob<N extends JobName>(deps: AppDeps, name: N, payload: unknown): Promise<void> {
  const handle = HANDLERS[name] as (deps: AppDeps, p: JobPayload<N>) => Promise<unknown>;
  await handle(deps, checkPayload(name, payload));
}
