// The one way the app's dependencies are put together — for the live bot (start.ts), `simulate`,
// the benches and the tests. The deps object is made here once; the parts that need the
// finished app (a job runs the app's handlers; a message sent is recorded by the app) are made
// from a getter of it.
import { CatalogCache } from "../app/catalog-cache";
import type { ConfigCache } from "../app/config-cache";
import type { AppDeps, ButtonAnswers, EventSink, Outbox } from "../app/deps";
import type { Scheduler } from "../app/job-port";
import { sendHooks } from "../app/send-hooks";
import type { Db } from "../db/database";
import { asSql, type Sql } from "../db/sql";
import type { Clock, VirtualClock } from "../domain/clock";
import { silentLogger, type Logger } from "../infra/logger";
import { startJobRuntime, type JobRuntime, type JobRuntimeOptions } from "../jobs/bullmq-runtime";
import { runJob } from "../jobs/handlers";
import { startSendRuntime, type SendRuntime, type SendRuntimeOptions } from "../jobs/send-queue";
import { VirtualScheduler } from "../jobs/virtual-scheduler";

/** A part given as it is, or made from the finished app (called before the app is used). */
export type Part<T> = T | ((app: () => AppDeps) => T | Promise<T>);

export interface AppParts {
  db: Db;
  /** The database's own driver (`Database.sql`); default: SQL through `db`. */
  sql?: Sql;
  clock: Clock;
  outbox: Part<Outbox>;
  scheduler: Part<Scheduler>;
  /** The bot's default time zone (a village may set its own). Default Asia/Shanghai. */
  timezone?: string;
  /** Default: events go nowhere. */
  events?: EventSink;
  /** Default: silent. */
  log?: Logger;
  /** Default: the database's catalog, loaded now. */
  catalog?: CatalogCache;
  /** Groups, rules and rumour watches kept in memory (the live bot); default: read for each message. */
  config?: ConfigCache;
  buttons?: ButtonAnswers;
  dashboard?: { url: string };
}

export async function wireApp(p: AppParts): Promise<AppDeps> {
  let deps: AppDeps | null = null;
  const app = (): AppDeps => {
    if (!deps) throw new Error("the app was used before it was wired");
    return deps;
  };
  const made = async <T extends object>(part: Part<T>): Promise<T> => (typeof part === "function" ? part(app) : part);
  const catalog = p.catalog ?? new CatalogCache(p.db);
  if (!p.catalog) await catalog.load();
  const outbox = await made(p.outbox);
  const scheduler = await made(p.scheduler);
  deps = {
    db: p.db,
    sql: p.sql ?? asSql(p.db),
    clock: p.clock,
    timezone: p.timezone ?? "Asia/Shanghai",
    catalog,
    outbox,
    scheduler,
    events: p.events ?? { emit: () => undefined },
    log: p.log ?? silentLogger,
    ...(p.config ? { config: p.config } : {}),
    ...(p.buttons ? { buttons: p.buttons } : {}),
    ...(p.dashboard ? { dashboard: p.dashboard } : {}),
  };
  return deps;
}

/** Scheduled work that is never run (tools and tests that do one step by hand). */
export const noScheduler: Scheduler = { schedule: async () => undefined };

export interface VirtualApp {
  deps: AppDeps;
  scheduler: VirtualScheduler;
}

/**
 * The app on a virtual clock (`simulate`, tests): jobs wait in memory and run through the same
 * handlers when the clock reaches them; each grid's cut-off every day at its village's time (as
 * the live job schedulers fire it), and the daily report at `reportTime` when one is given.
 */
export async function wireVirtualApp(
  p: Omit<AppParts, "clock" | "scheduler"> & { clock: VirtualClock; reportTime?: string },
): Promise<VirtualApp> {
  let scheduler!: VirtualScheduler;
  const deps = await wireApp({
    ...p,
    scheduler: (app) => (scheduler = new VirtualScheduler(p.clock, (j) => runJob(app(), j.name, j.payload))),
  });
  for (const g of await p.db.grid.findMany({ include: { village: true } })) {
    scheduler.everyDay(`cutoff:${g.id}`, "cutoff", { gridId: g.id }, g.village.cutoff, g.village.timezone);
  }
  if (p.reportTime) scheduler.everyDay("daily-report", "daily-report", {}, p.reportTime, deps.timezone);
  return { deps, scheduler };
}

export interface LiveApp {
  deps: AppDeps;
  jobs: JobRuntime;
  sends: SendRuntime;
}

/**
 * The app on BullMQ and Redis: the job runtime (workers and job schedulers) runs the app's
 * handlers, the send runtime says what the app says and tells it what became of each message.
 */
export async function wireLiveApp(
  p: Omit<AppParts, "outbox" | "scheduler"> & {
    redisUrl: string;
    prefix?: string;
    jobs?: Omit<JobRuntimeOptions, "redisUrl" | "prefix" | "deps">;
    sends: Omit<SendRuntimeOptions, "redisUrl" | "prefix" | "hooks">;
  },
): Promise<LiveApp> {
  const where = { redisUrl: p.redisUrl, ...(p.prefix ? { prefix: p.prefix } : {}) };
  let jobs!: JobRuntime;
  let sends!: SendRuntime;
  const deps = await wireApp({
    ...p,
    scheduler: async (app) => (jobs = await startJobRuntime({ ...where, ...p.jobs, deps: app })).scheduler,
    outbox: async (app) => (sends = await startSendRuntime({ ...where, ...p.sends, hooks: sendHooks(app) })).outbox,
  });
  return { deps, jobs, sends };
}
