// The live job runtime: BullMQ queues and workers on Redis. Handlers are the
// same plain functions `simulate` runs (src/jobs/handlers.ts).
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from "bullmq";
import type { AppDeps } from "../app/deps";
import { BadPayloadError, JOBS, type JobName, type JobRequest, type Scheduler } from "../app/job-port";
import { runJob } from "./handlers";
import { throttled } from "../infra/logger";
import { clusterNodes, DEFAULT_QUEUE_PREFIX, redisClient } from "../infra/redis-connection";

export const JOBS_QUEUE = "baogong-jobs";

/** BullMQ job ids may not contain ':' (it separates Redis keys). */
export function jobIdOf(key: string): string {
  return key.replace(/:/g, "_");
}

export function connectionFor(url: string): ConnectionOptions {
  // maxRetriesPerRequest: null — BullMQ's workers block on Redis and must not give up.
  // A cluster is passed as a client (BullMQ cannot make one from options): close it with closeConnection.
  if (clusterNodes(url)) return redisClient(url, { maxRetriesPerRequest: null });
  return { url, maxRetriesPerRequest: null } as ConnectionOptions;
}

/** Disconnects a connection made by connectionFor when it is a client (a cluster); options need nothing. */
export function closeConnection(c: ConnectionOptions): void {
  if (typeof (c as { disconnect?: unknown }).disconnect === "function") (c as { disconnect(): void }).disconnect();
}

/** A job's retries as BullMQ takes them, from its definition. */
export function retryOf(name: JobName): { attempts: number; backoff?: { type: "exponential"; delay: number } } {
  const r = JOBS[name].retry;
  return r.attempts > 1
    ? { attempts: r.attempts, backoff: { type: "exponential", delay: r.backoffMs } }
    : { attempts: 1 };
}

export class BullScheduler implements Scheduler {
  constructor(
    private readonly queue: Queue,
    private readonly now: () => Date,
  ) {}
  async schedule(job: JobRequest): Promise<void> {
    const j = this.bullJob(job);
    await this.queue.add(j.name, j.data, j.opts);
  }
  async scheduleMany(jobs: readonly JobRequest[]): Promise<void> {
    await this.queue.addBulk(jobs.map((j) => this.bullJob(j)));
  }
  private bullJob(job: JobRequest) {
    return {
      name: job.name,
      data: JOBS[job.name].payload.parse(job.payload),
      opts: {
        jobId: jobIdOf(job.key),
        delay: Math.max(0, job.runAt.getTime() - this.now().getTime()),
        ...retryOf(job.name),
        removeOnComplete: { age: 7 * 86_400 },
        removeOnFail: { age: 30 * 86_400 },
      },
    };
  }
}

export interface JobRuntime {
  queue: Queue;
  scheduler: BullScheduler;
  worker: Worker | null;
  /** One job scheduler per grid that fires at the village's cut-off, in its time zone. */
  syncCutoffs(deps: Pick<AppDeps, "db">): Promise<number>;
  /** The sweep every few minutes (recovers what a Redis that lost its jobs would miss). */
  syncSweep(everyMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function cutoffPattern(hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return `${m} ${h} * * *`;
}

export interface JobRuntimeOptions {
  redisUrl: string;
  prefix?: string;
  /** The app the handlers run in (a getter: the app is wired after its scheduler is made). */
  deps: () => AppDeps;
  worker?: boolean;
  concurrency?: number;
  /** Lock and stall settings (tests shorten them to see a killed worker's job taken over quickly). */
  workerOptions?: Pick<WorkerOptions, "lockDuration" | "stalledInterval" | "maxStalledCount">;
}

export async function startJobRuntime(opts: JobRuntimeOptions): Promise<JobRuntime> {
  const connection = connectionFor(opts.redisUrl);
  const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queue = new Queue(JOBS_QUEUE, { connection, prefix });
  queue.on("error", () => undefined);
  const scheduler = new BullScheduler(queue, () => opts.deps().clock.now());
  let worker: Worker | null = null;
  if (opts.worker !== false) {
    worker = new Worker(
      JOBS_QUEUE,
      async (job: Job) => {
        try {
          await runJob(opts.deps(), job.name as JobName, job.data);
        } catch (e) {
          if (e instanceof BadPayloadError) throw new UnrecoverableError(e.message);
          throw e;
        }
      },
      { connection, prefix, concurrency: opts.concurrency ?? 4, ...opts.workerOptions },
    );
    const workerError = throttled(60_000, (f, m) => opts.deps().log.error(f, m));
    worker.on("error", (e) => workerError({ err: e.message }, "job worker error"));
    worker.on("failed", (job, e) =>
      opts.deps().log.warn({ job: job?.name, id: job?.id, err: e.message }, "job failed"),
    );
  }
  return {
    queue,
    scheduler,
    worker,
    async syncCutoffs(deps) {
      const grids = await deps.db.grid.findMany({ include: { village: true } });
      for (const g of grids) {
        await queue.upsertJobScheduler(
          jobIdOf(`cutoff:${g.id}`),
          { pattern: cutoffPattern(g.village.cutoff), tz: g.village.timezone },
          {
            name: "cutoff",
            data: JOBS.cutoff.payload.parse({ gridId: g.id }),
            opts: { ...retryOf("cutoff"), removeOnComplete: { age: 86_400 } },
          },
        );
      }
      return grids.length;
    },
    async syncSweep(everyMs = 5 * 60_000) {
      await queue.upsertJobScheduler(
        jobIdOf("sweep"),
        { every: everyMs },
        {
          name: "sweep",
          data: {},
          opts: { ...retryOf("sweep"), removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } },
        },
      );
    },
    async close() {
      await worker?.close();
      await queue.close();
      closeConnection(connection);
    },
  };
}
