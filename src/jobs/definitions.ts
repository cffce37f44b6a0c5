// Each job is a definition: a name, a zod schema for its payload, and how it
// retries. Payloads are checked when queued and when picked up.
import { z } from "zod";

export const JobPayloads = {
  /** A grid's cut-off: build the batch for the next delivery date. */
  cutoff: z.object({ gridId: z.string().min(1), deliveryDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  /** A busy group's gathered acknowledgements, posted as one message. */
  "ack-digest": z.object({ chatGroupId: z.string().min(1) }),
  /** A posted batch whose orders changed after the cut-off (late orders, changes): its list is posted again. */
  "batch-update": z.object({ batchId: z.string().min(1) }),
  /** One hour after the cut-off, if the leader has not confirmed. */
  "batch-reminder": z.object({ batchId: z.string().min(1) }),
  /** Three hours after the cut-off, if still not confirmed: tell the officials. */
  "batch-escalation": z.object({ batchId: z.string().min(1) }),
  /** The delivery morning: remind households of their slot. */
  "delivery-reminder": z.object({ batchId: z.string().min(1) }),
  /** The officials' daily report (日报): `date` defaults to today (local); with `dir`, also written there as CSV. */
  "daily-report": z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), dir: z.string().min(1).optional() }),
  /** Every few minutes: do from the database what lost jobs should have done (src/app/sweep.ts). */
  sweep: z.object({}),
} as const;

export type JobName = keyof typeof JobPayloads;

export interface JobRequest {
  name: JobName;
  payload: unknown;
  runAt: Date;
  /** Idempotency key: the same key is scheduled and run once. */
  key: string;
}

export class BadPayloadError extends Error {}

export function checkPayload<N extends JobName>(name: N, payload: unknown): z.infer<(typeof JobPayloads)[N]> {
  const r = JobPayloads[name].safeParse(payload);
  if (!r.success) throw new BadPayloadError(`job ${name}: bad payload: ${r.error.issues[0]?.message ?? "invalid"}`);
  return r.data as z.infer<(typeof JobPayloads)[N]>;
}
