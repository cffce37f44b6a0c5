// The live path on real BullMQ, Redis and PostgreSQL: the cut-off scheduler, a worker
// killed in the middle of a batch and another taking over, two workers at once.
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { SetupSpecSchema } from "../../src/app/setup-spec";
import { startJobRuntime, cutoffPattern } from "../../src/jobs/bullmq-runtime";
import { openTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueName } from "../support/db";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const prefixes: string[] = [];
beforeAll(async () => {
  db = await openTestDatabase();
  await applySetup(
    db.prisma,
    SetupSpecSchema.parse({
      villages: [
        {
          name: "测试村",
          cutoff: "20:00",
          grids: [1, 2, 3].map((i) => ({
            code: String(i),
            groups: [{ platform: "sim", chatId: `g${i}` }],
            leaders: [{ platform: "sim", userId: `l${i}` }],
          })),
        },
      ],
    }),
  );
});
afterAll(async () => {
  const r = new Redis(TEST_REDIS_URL);
  for (const p of prefixes) {
    const keys = await r.keys(`${p}:*`);
    if (keys.length) await r.del(...keys);
  }
  r.disconnect();
  await db?.drop();
});

async function seedOrders(gridCode: string, n: number, deliveryDate: string): Promise<void> {
  const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: gridCode } });
  const tag = uniqueName("o");
  await db.prisma.household.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `${tag}_h${i}`,
      villageId: grid.villageId,
      gridId: grid.id,
      code: `${gridCode}-${tag.slice(-4)}-${i}`,
    })),
  });
  await db.prisma.order.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      id: `${tag}_${i}`,
      householdId: `${tag}_h${i}`,
      gridId: grid.id,
      placedAt: new Date("2026-12-05T10:00:00+08:00"),
      deliveryDate,
      totalCents: 5000,
    })),
  });
  await db.prisma.orderLine.createMany({
    data: Array.from({ length: n }, (_, i) => ({ orderId: `${tag}_${i}`, sku: "PKG50", qty: 1, unitPriceCents: 5000 })),
  });
}

function startWorker(prefix: string): {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  ready: Promise<void>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/job-worker-process.ts"], {
    env: {
      ...process.env,
      PG_URL: TEST_DATABASE_URL,
      PG_SCHEMA: db.schema,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      CLOCK: "2026-12-05T20:00:05+08:00",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buf = "";
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      const l = JSON.parse(buf.slice(0, i)) as Record<string, unknown>;
      buf = buf.slice(i + 1);
      lines.push(l);
      if (l.ready) readyResolve();
    }
  });
  return { child, lines, ready };
}

describe("live jobs", () => {
  it("schedules each grid's cut-off at 20:00 in the village's time zone", async () => {
    const prefix = uniqueName("tq");
    prefixes.push(prefix);
    const rt = await startJobRuntime({
      redisUrl: TEST_REDIS_URL,
      prefix,
      deps: () => {
        throw new Error("unused");
      },
      worker: false,
    });
    try {
      expect(await rt.syncCutoffs({ db: db.prisma })).toBe(3);
      expect(await rt.syncCutoffs({ db: db.prisma })).toBe(3); // idempotent
      const schedulers = await rt.queue.getJobSchedulers();
      expect(schedulers).toHaveLength(3);
      for (const s of schedulers) {
        expect(s.pattern).toBe(cutoffPattern("20:00"));
        expect(s.tz).toBe("Asia/Shanghai");
        const next = new Date(Number(s.next));
        // 20:00 in Shanghai is 12:00 UTC
        expect(next.getUTCHours()).toBe(12);
        expect(next.getUTCMinutes()).toBe(0);
      }
    } finally {
      await rt.close();
    }
  });

  it("a worker killed in the middle of a batch: another finishes it, exactly once", async () => {
    const prefix = uniqueName("tq");
    prefixes.push(prefix);
    await seedOrders("1", 4000, "2026-12-06");
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "1" } });
    const w1 = startWorker(prefix);
    await w1.ready;
    const rt = await startJobRuntime({
      redisUrl: TEST_REDIS_URL,
      prefix,
      deps: () => {
        throw new Error("unused");
      },
      worker: false,
    });
    await rt.queue.add("cutoff", { gridId: grid.id }, { jobId: `cutoff_${grid.id}_kill`, attempts: 5 });
    await vi.waitFor(() => expect(w1.lines.some((l) => l.active)).toBe(true), { timeout: 15_000, interval: 25 });
    w1.child.kill("SIGKILL");
    await new Promise((r) => w1.child.once("exit", r));
    const readyBeforeRestart = w1.lines.filter((l) => l.event === "batch.ready").length;
    const w2 = startWorker(prefix);
    await w2.ready;
    await vi.waitFor(
      async () =>
        expect(await db.prisma.batch.findFirst({ where: { gridId: grid.id, postedAt: { not: null } } })).not.toBeNull(),
      { timeout: 30_000, interval: 25 },
    );
    const batches = await db.prisma.batch.findMany({ where: { gridId: grid.id } });
    expect(batches).toHaveLength(1);
    expect(await db.prisma.order.count({ where: { gridId: grid.id, batchId: batches[0]!.id } })).toBe(4000);
    expect((batches[0]!.summary as { orders: number }).orders).toBe(4000);
    const readyEvents = readyBeforeRestart + w2.lines.filter((l) => l.event === "batch.ready").length;
    expect(readyEvents).toBe(1);
    w2.child.kill("SIGTERM");
    await new Promise((r) => w2.child.once("exit", r));
    await rt.close();
  }, 60_000);

  it("two workers at once, the cut-off job delivered twice: one batch, announced once", async () => {
    const prefix = uniqueName("tq");
    prefixes.push(prefix);
    await seedOrders("2", 500, "2026-12-06");
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "2" } });
    const a = startWorker(prefix);
    const b = startWorker(prefix);
    await Promise.all([a.ready, b.ready]);
    const rt = await startJobRuntime({
      redisUrl: TEST_REDIS_URL,
      prefix,
      deps: () => {
        throw new Error("unused");
      },
      worker: false,
    });
    await rt.queue.addBulk(
      [1, 2, 3, 4].map((i) => ({
        name: "cutoff",
        data: { gridId: grid.id },
        opts: { jobId: `cutoff_${grid.id}_dup${i}` },
      })),
    );
    await vi.waitFor(async () => expect((await rt.queue.getJobCounts("completed")).completed).toBe(4), {
      timeout: 30_000,
      interval: 25,
    });
    expect(await db.prisma.batch.count({ where: { gridId: grid.id } })).toBe(1);
    expect(await db.prisma.order.count({ where: { gridId: grid.id, batchId: { not: null } } })).toBe(500);
    const ready = [...a.lines, ...b.lines].filter((l) => l.event === "batch.ready");
    expect(ready).toHaveLength(1);
    for (const w of [a, b]) {
      w.child.kill("SIGTERM");
      await new Promise((r) => w.child.once("exit", r));
    }
    await rt.close();
  }, 60_000);
});
