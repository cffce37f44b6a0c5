// A live job worker in a process of its own, so that a test can kill it mid-job.
// Prints one JSON line per event and per message it sends.
import { wireApp } from "../../src/cli/wire";
import { openDatabase } from "../../src/db/database";
import { systemClock, VirtualClock } from "../../src/domain/clock";
import { startJobRuntime, type JobRuntime } from "../../src/jobs/bullmq-runtime";

const { PG_URL, PG_SCHEMA, REDIS_URL, QUEUE_PREFIX, CLOCK } = process.env;
const database = await openDatabase(PG_URL!, { schema: PG_SCHEMA!, migrate: false });
const print = (o: object) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...o })}\n`);
let rt!: JobRuntime;
await wireApp({
  db: database.prisma,
  sql: database.sql,
  clock: CLOCK ? new VirtualClock(new Date(CLOCK)) : systemClock,
  events: { emit: (e) => print({ event: e.type, batchId: e.batchId ?? null, chat: e.chat ?? null }) },
  outbox: {
    send: async (m) => {
      print({ send: m.chatId, text: m.text.slice(0, 40) });
    },
  },
  scheduler: async (app) => {
    rt = await startJobRuntime({
      redisUrl: REDIS_URL!,
      prefix: QUEUE_PREFIX!,
      deps: app,
      concurrency: 2,
      workerOptions: { lockDuration: 1500, stalledInterval: 500, maxStalledCount: 3 },
    });
    return rt.scheduler;
  },
});
rt.worker!.on("active", (job) => print({ active: job.id }));
print({ ready: true });
process.on(
  "SIGTERM",
  () =>
    void rt
      .close()
      .then(() => database.close())
      .then(() => process.exit(0)),
);
