// `npm run bench -- orders-memory`: resident memory of the live message path (intake with its
// Redis journal and keyed queue → handleMessage → the BullMQ send queue) on PostgreSQL while it
// handles N order messages (BENCH_MEM_ORDERS, default 100,000), each a new household spread
// over many grids so that every one is accepted. It runs in a child process started with
// --expose-gc, which after every 10,000 orders collects garbage twice and samples RSS and the
// V8 heap. The floor, in the same run: the same process at the first sample (10,000 orders in,
// after a warm-up of 1,000); each later sample is given as a ratio of it. Flat means the slope
// (MiB per 10,000 orders, least squares over the samples) stays within the samples' spread and
// last ÷ first near 1.
//
// Replies are queued on Redis and not sent (no adapters); the queued sends are removed at each
// sample so that Redis, shared with other work, does not hold 100,000 of them.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { handleMessage } from "../src/app/handle-message";
import { Intake } from "../src/app/intake";
import type { LiveApp } from "../src/cli/wire";
import { openDatabase } from "../src/db/database";
import { systemClock } from "../src/domain/clock";
import { RedisInboundJournal } from "../src/infra/inbound-journal";
import { silentLogger } from "../src/infra/logger";
import { sendQueueName } from "../src/jobs/send-job";
import { liveWithoutWorkers, orderMessage, village } from "./throughput-bench";
import { runWhenMain } from "./standalone";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const ORDERS = Number(process.env.BENCH_MEM_ORDERS ?? 100_000);
const STEP = Number(process.env.BENCH_MEM_STEP ?? Math.min(10_000, ORDERS / 10));
const CHATS = Number(process.env.BENCH_MEM_CHATS ?? 500);
const WARM = 1000;
/** Messages accepted before the run waits for them to be handled. */
const CHUNK = 200;

interface Sample {
  orders: number;
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  seconds: number;
}

const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

function sample(orders: number, t0: number): Sample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return {
    orders,
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    externalMiB: mib(m.external),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}

/** The child: the live message path through N orders, one JSON line per sample on stdout. */
async function child(): Promise<void> {
  const schema = `bench_mem_${randomBytes(4).toString("hex")}`;
  const prefix = `bench-mem-${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(PG, { schema, poolSize: 10 });
  const db = database.prisma;
  const redis = new Redis(REDIS, { maxRetriesPerRequest: 1 });
  const sends = new Queue(sendQueueName("telegram"), { connection: redis, prefix });
  let live: LiveApp | null = null;
  try {
    await village(db, CHATS);
    live = await liveWithoutWorkers(database, REDIS, prefix);
    const deps = live.deps;
    let handled = 0;
    const intake = new Intake({
      handle: async (m) => {
        await handleMessage(deps, m);
        handled++;
      },
      journal: new RedisInboundJournal({ redis, prefix }),
      clock: systemClock,
      log: silentLogger,
      concurrency: 8,
    });
    await intake.start();
    const run = randomBytes(2).toString("hex");
    const feed = async (from: number, to: number) => {
      for (let i = from; i < to; i += CHUNK) {
        const end = Math.min(to, i + CHUNK);
        const accepts: Array<Promise<void>> = [];
        for (let n = i; n < end; n++) accepts.push(intake.accept(orderMessage(run, n, CHATS)));
        await Promise.all(accepts);
        await intake.drain(120_000);
      }
      await sends.drain(true);
    };
    const t0 = performance.now();
    await feed(0, WARM);
    console.log(JSON.stringify({ ...sample(0, t0), handled }));
    for (let done = 0; done < ORDERS; done += STEP) {
      await feed(WARM + done, WARM + done + STEP);
      console.log(JSON.stringify({ ...sample(done + STEP, t0), handled }));
    }
    const accepted = await db.order.count();
    console.log(JSON.stringify({ accepted }));
    await intake.stop(10_000);
  } finally {
    await live?.sends.close().catch(() => undefined);
    await live?.jobs.close().catch(() => undefined);
    await sends.close().catch(() => undefined);
    const keys = await redis.keys(`${prefix}:*`).catch(() => [] as string[]);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
    await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : 0;
}

/** Runs the child and reports RSS and heap over the orders, beside the warmed-up floor. */
export async function benchOrdersMemory(): Promise<Record<string, number | string>> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const tsx = path.join(here, "..", "node_modules", "tsx", "dist", "esm", "index.mjs");
  const proc = spawn(process.execPath, ["--expose-gc", "--import", tsx, fileURLToPath(import.meta.url), "--child"], {
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? "65536" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const samples: Sample[] = [];
  let accepted = NaN;
  let buf = "";
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let nl = buf.indexOf("\n");
    while (nl >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      nl = buf.indexOf("\n");
      if (!line.startsWith("{")) continue;
      const o = JSON.parse(line) as Sample & { accepted?: number };
      if (o.accepted !== undefined) accepted = o.accepted;
      else {
        samples.push(o);
        if (process.env.BENCH_MEM_VERBOSE) console.error(line);
      }
    }
  });
  const code = await new Promise<number | null>((r) => proc.once("exit", r));
  if (code !== 0 || samples.length < 3) throw new Error(`orders-memory child exited ${code}`);
  const floor = samples[0]!;
  const run = samples.slice(1);
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const at = (n: number) => run.find((s) => s.orders === n) ?? last;
  const per = STEP >= 10_000 ? 10_000 : STEP;
  const rssSlope = slope(
    run.map((s) => s.orders / per),
    run.map((s) => s.rssMiB),
  );
  const heapSlope = slope(
    run.map((s) => s.orders / per),
    run.map((s) => s.heapUsedMiB),
  );
  const label = `PostgreSQL, ${ORDERS.toLocaleString("en")} orders`;
  const k = (n: number) => `${n / 1000}k`;
  const marks = [...new Set([first.orders, Math.round(ORDERS / 2 / STEP) * STEP, last.orders])];
  const spread = (xs: number[]) => Math.round((Math.max(...xs) - Math.min(...xs)) * 10) / 10;
  return {
    [`${label}: orders stored (warm-up ${WARM} + ${ORDERS})`]: accepted,
    [`${label}: after the warm-up, RSS / heap used (MiB)`]: `${floor.rssMiB} / ${floor.heapUsedMiB}`,
    [`${label}: floor, RSS / heap used at the first sample, ${k(first.orders)} (MiB)`]: `${first.rssMiB} / ${first.heapUsedMiB}`,
    [`${label}: RSS at ${marks.map(k).join(", ")} (MiB) (× floor)`]: marks
      .map((n) => `${at(n).rssMiB} (${(at(n).rssMiB / first.rssMiB).toFixed(3)}×)`)
      .join(", "),
    [`${label}: heap used at ${marks.map(k).join(", ")} (MiB) (× floor)`]: marks
      .map((n) => `${at(n).heapUsedMiB} (${(at(n).heapUsedMiB / first.heapUsedMiB).toFixed(3)}×)`)
      .join(", "),
    [`${label}: RSS slope (MiB per ${per.toLocaleString("en")} orders) / spread of the samples (MiB)`]: `${rssSlope.toFixed(2)} / ${spread(run.map((s) => s.rssMiB))}`,
    [`${label}: heap-used slope (MiB per ${per.toLocaleString("en")} orders) / spread (MiB)`]: `${heapSlope.toFixed(2)} / ${spread(run.map((s) => s.heapUsedMiB))}`,
    [`${label}: RSS growth last ÷ first / heap-used growth last ÷ first`]: `${(last.rssMiB / first.rssMiB).toFixed(3)}× / ${(last.heapUsedMiB / first.heapUsedMiB).toFixed(3)}×`,
    [`${label}: orders handled per second over the run`]:
      Math.round((ORDERS / (last.seconds - floor.seconds)) * 10) / 10,
  };
}

if (process.argv.includes("--child")) {
  child().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else runWhenMain(import.meta.url, benchOrdersMemory);
