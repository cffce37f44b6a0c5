// Job handlers are thin: check the payload, call the use case. The live BullMQ
// workers and `simulate`'s virtual scheduler call these same functions.
import type { AppDeps } from "../app/deps";
import { deliveryMorning, escalate, postBatchUpdate, remindLeader, runCutoff } from "../app/batches";
import { runDailyReport } from "../app/officials/report";
import { sweep } from "../app/sweep";
import { postAckDigest } from "../app/digests";
import { checkPayload, type JobName } from "../app/job-port";

export async function runJob(deps: AppDeps, name: JobName, payload: unknown): Promise<void> {
  switch (name) {
    case "cutoff":
    {
      const p = checkPayload(name, payload);
      await runCutoff(deps, p.gridId, p.deliveryDate);
      return;
    }
    case "ack-digest":
      await postAckDigest(deps, checkPayload(name, payload).chatGroupId);
      return;
    case "batch-update":
      await postBatchUpdate(deps, checkPayload(name, payload).batchId);
      return;
    case "batch-reminder":
      await remindLeader(deps, checkPayload(name, payload).batchId);
      return;
    case "batch-escalation":
      await escalate(deps, checkPayload(name, payload).batchId);
      return;
    case "delivery-reminder":
      await deliveryMorning(deps, checkPayload(name, payload).batchId);
      return;
    case "daily-report":
      await runDailyReport(deps, checkPayload(name, payload));
      return;
    case "sweep":
      checkPayload(name, payload);
      await sweep(deps);
      return;
  }
}
