// The cut-off, on the live path: BullMQ jobs on Redis, the real PostgreSQL, the same
// handlers, in job-worker processes of their own (bench/cutoff-worker.ts). Each row is the
// time from the cut-off (one job per grid queued) to the last grid's batch built and posted,
// beside a floor measured in the same run on the same data: one plain SELECT of those
// orders with their lines. Rows (issue 14): 10,000 orders over 100 grids; 1,000 over 1,000
// grids (the fixed cost per grid); 100,000 over 1,000 grids (cost per grid against the town's
// size); two worker processes against one on 10,000 / 100.
// `BENCH_CUTOFF_ROWS=small,grids,town,workers` picks rows.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { applySetup } from "../src/app/apply-setup";
import { SetupSpecSchema } from "../src/app/setup-spec";
import { openDatabase, type Database } from "../src/db/database";
import { connectionFor, JOBS_QUEUE } from "../src/jobs/bullmq-runtime";
import { runWhenMain } from "./standalone";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CUTOFF_AT = "2026-12-05T20:00:00+08:00";
export const DELIVERY = "2026-12-06";

export interface CutoffRun {
  ms: number;
  floorMs: number;
  batches: number;
  posted: number;
  attached: number;
  outbox: number;
  /** What the worker processes sent to PostgreSQL and Redis and their CPU time, from the cut-off on. */
  statements: number;
  redis: number;
  cpuMs: number;
  /** CPU time of the PostgreSQL backends serving the workers, from the cut-off on (this machine's server only; else NaN). */
  pgCpuMs: number;
  /** The date's demand-check jobs the cut-offs queued (after the last cut-off, not in `ms`), and the longest one's run. */
  demand: { jobs: number; ms: number };
}

/** CPU time so far of the PostgreSQL backends whose application is `app` (read from /proc: the server runs here), by pid. */
async function backendCpu(db: Database["prisma"], app: string): Promise<Map<number, number>> {
  const rows = await db.$queryRawUnsafe<Array<{ pid: number }>>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
    app,
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    } catch {
      return new Map([[-1, Number.NaN]]);
    }
  }
  return out;
}

type WorkerStats = Pick<CutoffRun, "statements" | "redis" | "cpuMs">;

/** Stops a bench worker and reads what it counted. */
async function stopWorker(child: ChildProcess): Promise<WorkerStats | null> {
  if (child.exitCode !== null) return null;
  let out = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  const line = out.split("\n").find((l) => l.startsWith("stats "));
  return line ? (JSON.parse(line.slice(6)) as WorkerStats) : null;
}

async function startWorker(url: string, schema: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_WORKER_NODE_FLAGS: flags for the worker processes (--cpu-prof to profile them).
      ...(process.env.BENCH_WORKER_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
      "--import",
      "tsx",
      path.join(HERE, "cutoff-worker.ts"),
      url,
      schema,
      REDIS,
      prefix,
      CUTOFF_AT,
    ],
    // Named, so that the run can find the PostgreSQL backends serving them (pg reads PGAPPNAME).
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PGAPPNAME: prefix } },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`bench worker exited (${code})`)));
  });
  return child;
}

/** The bench's town in `database`: one village of `grids` grids (a group and a leader each) and `orders` orders of the delivery date, one line each, placed before the cut-off; stock reported. */
export async function seedTown(database: Database, o: { grids: number; orders: number }): Promise<void> {
  const db = database.prisma;
  // The village (and catalog) through the setup import; its grids, groups and leaders in
  // SQL — 1,000 grids through the import's upserts take minutes on a busy machine.
  await applySetup(
    db,
    SetupSpecSchema.parse({
      villages: [
        {
          name: "压测村",
          grids: [
            {
              code: "1",
              groups: [{ platform: "telegram", chatId: "g1" }],
              leaders: [{ platform: "telegram", userId: "lead1" }],
            },
          ],
        },
      ],
      officials: { groups: [{ platform: "telegram", chatId: "gov" }] },
    }),
  );
  await database.exec(`
    INSERT INTO "Grid"(id, "villageId", code, zone) SELECT 'g_' || i, v.id, i::text, CASE WHEN i % 2 = 0 THEN 'controlled' ELSE 'static' END::"Zone" FROM "Village" v, generate_series(2, ${o.grids}) i;
    INSERT INTO "ChatGroup"(id, platform, "chatId", "villageId", "gridId") SELECT 'c_' || g.code, 'telegram', 'g' || g.code, g."villageId", g.id FROM "Grid" g WHERE g.code <> '1';
    INSERT INTO "Member"(id, platform, "userId", "displayName") SELECT 'm_' || g.code, 'telegram', 'lead' || g.code, g.code || '号团长' FROM "Grid" g WHERE g.code <> '1';
    INSERT INTO "MemberRole"(id, "memberId", role, scope) SELECT 'r_' || g.code, 'm_' || g.code, 'leader', g.id FROM "Grid" g WHERE g.code <> '1';`);
  // Orders placed during the day, inserted directly: this measures the batching, not the parsing.
  const per = Math.ceil(o.orders / o.grids);
  await database.exec(`
    INSERT INTO "Household"(id, "villageId", "gridId", code)
      SELECT 'h_' || g.code || '_' || j, g."villageId", g.id, g.code || '-1-' || (100 + j) FROM "Grid" g, generate_series(0, ${per - 1}) j;
    INSERT INTO "Order"(id, "householdId", "gridId", "placedAt", "deliveryDate", "totalCents", priority, "updatedAt")
      SELECT 'o_' || h.id, h.id, h."gridId", '2026-12-05T02:00:00Z', '${DELIVERY}', 10000, (hashtext(h.id) % 50 = 0), now() FROM "Household" h;
    INSERT INTO "OrderLine"(id, "orderId", sku, qty, "unitPriceCents")
      SELECT 'l_' || o.id, o.id, CASE WHEN hashtext(o.id) % 3 = 0 THEN 'PKG50' ELSE 'PKG100' END, 1, 10000 FROM "Order" o;
    -- Officials have reported stock, so the cut-off also checks the day's demand against it.
    INSERT INTO "StockReport"(id, commodity, stock, "dailyUse", "reportedBy", at)
      SELECT 's_' || c, c, 50000, 2000, 'bench', '2026-12-05T02:00:00Z' FROM unnest(ARRAY['RICE','OIL','EGGS','PKG100']) c;
    ANALYZE;`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One cut-off over `orders` orders in `grids` grids (one household and one order line each), run by `workers` processes. */
export async function cutoffRun(o: { grids: number; orders: number; workers: number }): Promise<CutoffRun> {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(PG, { schema });
  const db = database.prisma;
  const children: ChildProcess[] = [];
  try {
    await seedTown(database, o);
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await db.$queryRawUnsafe(
        `SELECT o.*, l.* FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id WHERE o."deliveryDate" = $1`,
        DELIVERY,
      );
      floors.push(performance.now() - t);
    }
    const url = `${PG}`;
    for (let w = 0; w < o.workers; w++) children.push(await startWorker(url, schema, prefix));
    const queue = new Queue(JOBS_QUEUE, { connection: connectionFor(REDIS), prefix });
    const gridRows = await db.grid.findMany({ select: { id: true } });
    const pg0 = await backendCpu(db, prefix);
    const t0 = performance.now();
    // The cut-off fires: one job per grid, as the job schedulers add them.
    await queue.addBulk(
      gridRows.map((g) => ({ name: "cutoff", data: { gridId: g.id }, opts: { jobId: `cutoff_${g.id}_20261205` } })),
    );
    // Done when every cut-off job is: the counts include the demand check the cut-offs queue.
    const cutoffIds = gridRows.map((g) => `cutoff_${g.id}_20261205`);
    for (;;) {
      const c = await queue.getJobCounts("completed", "failed");
      if (c.failed) throw new Error(`${c.failed} jobs failed`);
      if ((c.completed ?? 0) >= o.grids) {
        const states = await Promise.all(cutoffIds.map((id) => queue.getJobState(id)));
        if (states.every((st) => st === "completed")) break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - t0;
    // Read now: the workers' connections close when idle, and their CPU with them.
    let pgCpuMs = 0;
    for (const [pid, cpu] of await backendCpu(db, prefix)) pgCpuMs += cpu - (pg0.get(pid) ?? 0);
    // The date's demand check: one job for the cut-offs of each 10-second window, the last
    // of which finds every order batched and sums the date's demand (town-wide, once).
    const demand = { jobs: 0, ms: 0 };
    for (const until = Date.now() + 60_000; ; ) {
      const jobs = (await queue.getJobs(["delayed", "waiting", "active", "completed", "failed"])).filter(
        (j) => j.name === "demand-check",
      );
      if (jobs.some((j) => j.failedReason)) throw new Error("the demand check failed");
      if (jobs.length && jobs.every((j) => j.finishedOn)) {
        demand.jobs = jobs.length;
        demand.ms = Math.max(...jobs.map((j) => j.finishedOn! - j.processedOn!));
        break;
      }
      if (Date.now() > until) throw new Error("the demand check did not run within 60 s of the cut-off");
      await new Promise((r) => setTimeout(r, 100));
    }
    await queue.close();
    const stats = { statements: 0, redis: 0, cpuMs: 0 };
    for (const s of await Promise.all(children.splice(0).map(stopWorker))) {
      stats.statements += s?.statements ?? 0;
      stats.redis += s?.redis ?? 0;
      stats.cpuMs += s?.cpuMs ?? 0;
    }
    const [batches, posted, attached, outbox] = await Promise.all([
      db.batch.count(),
      db.batch.count({ where: { postedAt: { not: null } } }),
      db.order.count({ where: { batchId: { not: null } } }),
      db.outboxMessage.count(),
    ]);
    return { ms, floorMs: median(floors), batches, posted, attached, outbox, ...stats, pgCpuMs, demand };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
}

const ROWS = {
  small: { label: "cut-off, 10,000 orders / 100 grids", grids: 100, orders: 10_000 },
  grids: { label: "cut-off, 1,000 orders / 1,000 grids", grids: 1000, orders: 1000 },
  town: { label: "cut-off, 100,000 orders / 1,000 grids", grids: 1000, orders: 100_000 },
} as const;

export async function benchBatches(): Promise<Record<string, number | string>> {
  const wanted = (process.env.BENCH_CUTOFF_ROWS ?? "small,grids,town,workers").split(",");
  const out: Record<string, number | string> = {};
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  let one: CutoffRun | null = null;
  for (const [key, row] of Object.entries(ROWS)) {
    if (!wanted.includes(key)) continue;
    const r = await cutoffRun({ grids: row.grids, orders: row.orders, workers: 1 });
    if (key === "small") one = r;
    const ok = r.posted === r.batches && r.batches === row.grids && r.attached === row.orders;
    const per = (x: number) => (x / row.grids).toFixed(1);
    out[row.label] =
      `${s(r.ms)} (${per(r.ms)} ms a grid) · floor, SELECT of the orders with lines: ${s(r.floorMs)} · ratio ${(r.ms / r.floorMs).toFixed(1)}× · ${r.posted}/${row.grids} batches posted, ${r.attached} orders${ok ? "" : " · INCOMPLETE"} · a grid: ${per(r.statements)} SQL statements, ${per(r.redis)} Redis commands, CPU ${per(r.cpuMs)} ms in the worker and ${per(r.pgCpuMs)} ms in PostgreSQL · the date's demand check after it: ${r.demand.jobs} job(s), the longest ${s(r.demand.ms)}`;
  }
  if (wanted.includes("workers")) {
    one ??= await cutoffRun({ grids: 100, orders: 10_000, workers: 1 });
    const two = await cutoffRun({ grids: 100, orders: 10_000, workers: 2 });
    const ok = two.posted === 100 && two.batches === 100 && two.attached === 10_000 && two.outbox === one.outbox;
    out["two worker processes vs one, 10,000 / 100"] =
      `${s(two.ms)} vs ${s(one.ms)} · ratio ${(two.ms / one.ms).toFixed(2)}× · ${two.batches} batches, ${two.outbox} messages recorded (one worker: ${one.outbox})${ok ? ", each once" : " · MISMATCH"}`;
  }
  return out;
}

runWhenMain(import.meta.url, benchBatches);
