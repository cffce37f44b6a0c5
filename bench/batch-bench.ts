// Time from the cut-off to the last batch.ready for 10,000 orders over 100 grids,
// on the live path: BullMQ jobs on Redis, the real PostgreSQL, the same handlers.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { CatalogCache } from "../src/app/catalog-cache";
import type { DomainEvent } from "../src/app/deps";
import { applySetup } from "../src/app/apply-setup";
import { SetupSpecSchema } from "../src/app/setup-spec";
import { openDatabase } from "../src/db/database";
import { VirtualClock } from "../src/domain/clock";
import { wireApp } from "../src/cli/wire";
import { startJobRuntime, type JobRuntime } from "../src/jobs/bullmq-runtime";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

export async function benchBatches(opts: { grids?: number; orders?: number; workers?: number } = {}): Promise<Record<string, number | string>> {
  const grids = opts.grids ?? 100;
  const orders = opts.orders ?? 10_000;
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(PG, { schema });
  const db = database.prisma;
  try {
    await applySetup(db, SetupSpecSchema.parse({
      villages: [{ name: "压测村", grids: Array.from({ length: grids }, (_, i) => ({ code: String(i + 1), zone: i % 2 ? "controlled" : "static", groups: [{ platform: "sim", chatId: `g${i + 1}` }], leaders: [{ platform: "sim", userId: `lead${i + 1}` }] })) }],
    }));
    const village = await db.village.findFirstOrThrow();
    const gridRows = await db.grid.findMany({ orderBy: { code: "asc" } });
    // Orders placed during the day (inserted directly: this measures the batching, not the parsing).
    const placedAt = new Date("2026-12-05T10:00:00+08:00");
    const perGrid = Math.ceil(orders / grids);
    const households = gridRows.flatMap((g) => Array.from({ length: perGrid }, (_, j) => ({ id: `h_${g.code}_${j}`, villageId: village.id, gridId: g.id, code: `${g.code}-1-${100 + j}` }))).slice(0, orders);
    await db.household.createMany({ data: households });
    await db.order.createMany({ data: households.map((h, i) => ({ id: `o_${i}`, householdId: h.id, gridId: h.gridId, placedAt, deliveryDate: "2026-12-06", totalCents: 10000, priority: i % 50 === 0 })) });
    await db.orderLine.createMany({ data: households.map((_, i) => ({ orderId: `o_${i}`, sku: i % 3 ? "PKG100" : "PKG50", qty: 1, unitPriceCents: 10000 })) });

    // Officials have reported stock, so each cut-off also checks the day's demand against it.
    await db.stockReport.createMany({ data: ["RICE", "OIL", "EGGS"].map((commodity) => ({ commodity, stock: 50_000, dailyUse: 2000, reportedBy: "bench", at: placedAt })) });
    const catalog = new CatalogCache(db);
    await catalog.load();
    const clock = new VirtualClock(new Date("2026-12-05T20:00:00+08:00"));
    let ready = 0;
    let lastReadyAt = 0;
    let done!: () => void;
    const allReady = new Promise<void>((r) => (done = r));
    const runtimes: JobRuntime[] = [];
    await wireApp({
      db, clock, catalog,
      events: { emit: (e: DomainEvent) => { if (e.type === "batch.ready") ready++; } },
      outbox: { send: async () => undefined },
      scheduler: async (app) => {
        for (let w = 0; w < (opts.workers ?? 1); w++) runtimes.push(await startJobRuntime({ redisUrl: REDIS, prefix, deps: app, concurrency: 8 }));
        return runtimes[0]!.scheduler;
      },
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
    const t0 = performance.now();
    // The cut-off fires: one job per grid, as the job schedulers would add them.
    await runtimes[0]!.queue.addBulk(gridRows.map((g) => ({ name: "cutoff", data: { gridId: g.id }, opts: { jobId: `cutoff_${g.id}_20261205` } })));
    // Done when every cut-off job has completed (its batch committed and announced).
    const queueEvents = runtimes[0]!.queue;
    for (;;) {
      const c = await queueEvents.getJobCounts("completed", "failed");
      if ((c.completed ?? 0) + (c.failed ?? 0) >= grids) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    lastReadyAt = performance.now();
    void allReady; void done;
    clearInterval(sampler);
    const batches = await db.batch.count();
    const attached = await db.order.count({ where: { batchId: { not: null } } });
    for (const r of runtimes) await r.close();
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    return {
      "batch: orders": orders, "batch: grids": grids, "batch: workers": opts.workers ?? 1,
      "batch: cut-off → last batch.ready (ms)": Math.round(lastReadyAt - t0),
      "batch: batches built": batches, "batch: orders attached": attached, "batch: batch.ready events": ready,
      "batch: peak RSS (MB)": Math.round(peakRss / 1048576),
    };
  } finally {
    await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchBatches().then((r) => { for (const [k, v] of Object.entries(r)) console.log(`${k}: ${v}`); process.exit(0); });
}
