// The job port: what the app asks to have done later, and the one interface it asks through.
// Each job is a definition — a name, a zod schema for its payload, and how it retries — so the
// runtimes in src/jobs (BullMQ live; virtual time in `simulate` and the tests) need nothing
// else to queue and run it. Payloads are checked when queued and when picked up.
import { z } from "zod";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const OfBatch = z.object({ batchId: z.string().min(1) });

/** A failed run is tried again up to `attempts` runs in all, the waits doubling from `backoffMs`. */
export interface RetryOptions {
  readonly attempts: number;
  readonly backoffMs: number;
}

/** Batch and report work: a database away for a while is waited out. */
const PERSIST: RetryOptions = { attempts: 5, backoffMs: 2000 };

export const JOBS = {
  /** A grid's cut-off: build the batch for the next delivery date. */
  cutoff: { payload: z.object({ gridId: z.string().min(1), deliveryDate: IsoDate.optional() }), retry: PERSIST },
  /** A busy group's gathered acknowledgements, posted as one message. */
  "ack-digest": { payload: z.object({ chatGroupId: z.string().min(1) }), retry: PERSIST },
  /** A posted batch whose orders changed after the cut-off (late orders, changes): its list is posted again. */
  "batch-update": { payload: OfBatch, retry: PERSIST },
  /** One hour after the cut-off, if the leader has not confirmed. */
  "batch-reminder": { payload: OfBatch, retry: PERSIST },
  /** Three hours after the cut-off, if still not confirmed: tell the officials. */
  "batch-escalation": { payload: OfBatch, retry: PERSIST },
  /**
   * A delivery date's demand against the stock reports, once its orders are all in batches:
   * queued by the cut-offs (one job for all those of a 10-second window), so that the
   * town-wide check runs once for a town's cut-offs, not after each grid's.
   */
  "demand-check": { payload: z.object({ deliveryDate: IsoDate }), retry: PERSIST },
  /** The delivery morning: remind households of their slot. */
  "delivery-reminder": { payload: OfBatch, retry: PERSIST },
  /** The officials' daily report (日报): `date` defaults to today (local); with `dir`, also written there as CSV. */
  "daily-report": {
    payload: z.object({ date: IsoDate.optional(), dir: z.string().min(1).optional() }),
    retry: PERSIST,
  },
  /** Every few minutes: do from the database what lost jobs should have done (src/app/sweep.ts). Not retried: the next one comes soon. */
  sweep: { payload: z.object({}), retry: { attempts: 1, backoffMs: 0 } },
} as const satisfies Record<string, { payload: z.ZodType; retry: RetryOptions }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]["payload"]>;

export interface JobRequest {
  name: JobName;
  payload: unknown;
  runAt: Date;
  /** Idempotency key: the same key is scheduled and run once. */
  key: string;
}

export interface Scheduler {
  /** Runs `job` at `runAt` (or now, if past). A key already scheduled is not scheduled twice. */
  schedule(job: JobRequest): Promise<void>;
  /** Schedules several at once, as `schedule` each (one round trip where the runtime can); without it, `schedule` one by one. */
  scheduleMany?(jobs: readonly JobRequest[]): Promise<void>;
}

export class BadPayloadError extends Error {}

/** The payload as its definition reads it; a payload that fails is a BadPayloadError (never retried). */
export function checkPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  const r = JOBS[name].payload.safeParse(payload);
  if (!r.success) throw new BadPayloadError(`job ${name}: bad payload: ${r.error.issues[0]?.message ?? "invalid"}`);
  return r.data as JobPayload<N>;
}
