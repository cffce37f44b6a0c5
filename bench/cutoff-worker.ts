// One job-worker process for the cut-off bench (bench/batch-bench.ts): the same BullMQ
// runtime and handlers as `bin/baogong worker`, on the bench's database schema, with the
// clock held at the cut-off and messages only recorded (nothing is sent).
import { CatalogCache } from "../src/app/catalog-cache";
import type { AppDeps } from "../src/app/deps";
import { openDatabase } from "../src/db/database";
import { VirtualClock } from "../src/domain/clock";
import { silentLogger } from "../src/infra/logger";
import { startJobRuntime } from "../src/jobs/bullmq-runtime";

const [url, schema, redisUrl, prefix, at] = process.argv.slice(2) as [string, string, string, string, string];
const database = await openDatabase(url, { schema, migrate: false });
const catalog = new CatalogCache(database.prisma);
await catalog.load();
let deps!: AppDeps;
const runtime = await startJobRuntime({
  redisUrl,
  prefix,
  deps: () => deps,
  concurrency: Number(process.env.BENCH_WORKER_CONCURRENCY ?? 8),
});
deps = {
  db: database.prisma,
  sql: database.sql,
  clock: new VirtualClock(new Date(at)),
  catalog,
  log: silentLogger,
  timezone: "Asia/Shanghai",
  events: { emit: () => undefined },
  outbox: { send: async () => undefined },
  scheduler: runtime.scheduler,
};
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void runtime
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
