// One job-worker process for the cut-off bench (bench/batch-bench.ts): the same BullMQ
// runtime and handlers as `bin/baogong worker`, on the bench's database schema, with the
// clock starting at the cut-off and messages only recorded (nothing is sent). Counts what it
// sends to PostgreSQL (statements, BEGIN and COMMIT included, at the pg driver) and Redis
// (commands, at ioredis) and its CPU time from "ready" on, and prints them when stopped.
import { Redis } from "ioredis";
import pg from "pg";
import { CatalogCache } from "../src/app/catalog-cache";
import type { AppDeps } from "../src/app/deps";
import { openDatabase } from "../src/db/database";
import { silentLogger } from "../src/infra/logger";
import { startJobRuntime } from "../src/jobs/bullmq-runtime";

const counts = { statements: 0, redis: 0 };
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...a: unknown[]) {
  counts.statements++;
  return query.apply(this, a);
};
const send = Redis.prototype.sendCommand as (...a: unknown[]) => unknown;
(Redis.prototype as { sendCommand: unknown }).sendCommand = function (this: unknown, ...a: unknown[]) {
  counts.redis++;
  return send.apply(this, a);
};

const [url, schema, redisUrl, prefix, at] = process.argv.slice(2) as [string, string, string, string, string];
const database = await openDatabase(url, { schema, migrate: false });
const catalog = new CatalogCache(database.prisma);
await catalog.load();
let deps!: AppDeps;
const start = new Date(at).getTime();
let startedAt = Date.now();
const runtime = await startJobRuntime({
  redisUrl,
  prefix,
  deps: () => deps,
  concurrency: Number(process.env.BENCH_WORKER_CONCURRENCY ?? 8),
});
deps = {
  db: database.prisma,
  sql: database.sql,
  // The cut-off's time, running on from the moment the worker is ready (jobs the cut-off
  // queues for a few seconds later — the date's demand check — fall due as they would).
  clock: { now: () => new Date(start + (Date.now() - startedAt)) },
  catalog,
  log: silentLogger,
  timezone: "Asia/Shanghai",
  events: { emit: () => undefined },
  outbox: { send: async () => undefined },
  scheduler: runtime.scheduler,
};
counts.statements = 0;
counts.redis = 0;
startedAt = Date.now();
const cpu0 = process.cpuUsage();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`stats ${JSON.stringify({ ...counts, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  void runtime
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
