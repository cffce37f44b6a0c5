// A district can move to a managed Redis Cluster: the cut-off and the send queue run on a
// local three-node cluster (redis-server processes of this test on private ports under /tmp,
// stopped after), with the default hash-tagged prefix — every queue's keys and every limiter
// script's keys in one slot. Skipped, saying so, where redis-server is not installed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { CatalogCache } from "../../src/app/catalog-cache";
import type { AppDeps, DomainEvent } from "../../src/app/deps";
import { SetupSpecSchema } from "../../src/app/setup-spec";
import { VirtualClock } from "../../src/domain/clock";
import type { ChatAdapter, OutboundMessage, SendResult } from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";
import { DEFAULT_QUEUE_PREFIX, redisClient } from "../../src/infra/redis-connection";
import { startJobRuntime } from "../../src/jobs/bullmq-runtime";
import { worstWindows } from "../support/rate-limit-check";
import { startSendRuntime } from "../../src/jobs/send-queue";
import { openTestDatabase } from "../support/db";

const HAVE_REDIS =
  spawnSync("redis-server", ["--version"]).status === 0 && spawnSync("redis-cli", ["--version"]).status === 0;
if (!HAVE_REDIS)
  console.warn(
    "redis-cluster.test.ts: skipped — redis-server/redis-cli not installed (apt-get install -y redis-server)",
  );

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net
      .createServer()
      .once("error", () => resolve(false))
      .once("listening", () => s.close(() => resolve(true)));
    s.listen(port, "127.0.0.1");
  });

/** Three free ports (and their cluster-bus ports, +10000), from 7101 on. */
async function threePorts(): Promise<number[]> {
  const out: number[] = [];
  for (let p = 7101; out.length < 3 && p < 7400; p++) if ((await free(p)) && (await free(p + 10000))) out.push(p);
  if (out.length < 3) throw new Error("no three free ports for the test cluster");
  return out;
}

let dir = "";
let ports: number[] = [];
const servers: ChildProcess[] = [];
let url = "";
let db: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  if (!HAVE_REDIS) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "baogong-cluster-"));
  ports = await threePorts();
  for (const p of ports) {
    // A directory each: servers sharing one race on their AOF manifest's rename and one exits.
    fs.mkdirSync(path.join(dir, String(p)));
    servers.push(
      spawn(
        "redis-server",
        [
          "--port",
          String(p),
          "--bind",
          "127.0.0.1",
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          `nodes-${p}.conf`,
          "--dir",
          path.join(dir, String(p)),
          "--appendonly",
          "yes",
          "--save",
          "",
          "--logfile",
          path.join(dir, `${p}.log`),
        ],
        { stdio: "ignore" },
      ),
    );
  }
  // Each server answers PING once up; one that exited says why in its log. On a loaded 2-core
  // machine (the rest of the suite running beside it) start-up may take seconds: wait up to 30 s.
  for (const [k, p] of ports.entries()) {
    for (
      let i = 0;
      spawnSync("redis-cli", ["-p", String(p), "ping"])
        .stdout?.toString()
        .trim() !== "PONG";
      i++
    ) {
      const log = () => {
        const file = path.join(dir, `${p}.log`);
        return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-5).join("\n") : "(no log)";
      };
      if (servers[k]!.exitCode !== null)
        throw new Error(`redis-server on ${p} exited (${servers[k]!.exitCode}):\n${log()}`);
      if (i > 300) throw new Error(`redis-server on ${p} did not answer within 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const made = spawnSync("redis-cli", [
    "--cluster",
    "create",
    ...ports.map((p) => `127.0.0.1:${p}`),
    "--cluster-replicas",
    "0",
    "--cluster-yes",
  ]);
  if (made.status !== 0) throw new Error(`redis-cli --cluster create: ${made.stderr.toString()}`);
  for (
    let i = 0;
    !/cluster_state:ok/.test(spawnSync("redis-cli", ["-p", String(ports[0]), "cluster", "info"]).stdout.toString());
    i++
  ) {
    if (i > 200) throw new Error("the test cluster did not come up");
    await new Promise((r) => setTimeout(r, 50));
  }
  url = `redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(",")}`;
  db = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  await db?.drop();
  for (const s of servers) s.kill("SIGTERM");
  await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once("exit", r)) : null)));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAVE_REDIS)("on a three-node Redis Cluster", () => {
  it("the default prefix is hash-tagged", () => {
    expect(DEFAULT_QUEUE_PREFIX).toMatch(/^\{[\w-]+\}$/);
  });

  it("one grid's cut-off through BullMQ: its batch once, the job delivered twice", async () => {
    await applySetup(
      db.prisma,
      SetupSpecSchema.parse({
        villages: [
          {
            name: "集群村",
            grids: [
              { code: "1", groups: [{ platform: "sim", chatId: "c1" }], leaders: [{ platform: "sim", userId: "l1" }] },
            ],
          },
        ],
      }),
    );
    const grid = await db.prisma.grid.findFirstOrThrow();
    await db.prisma.household.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        id: `ch${i}`,
        villageId: grid.villageId,
        gridId: grid.id,
        code: `1-1-${101 + i}`,
      })),
    });
    await db.prisma.order.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        id: `co${i}`,
        householdId: `ch${i}`,
        gridId: grid.id,
        placedAt: new Date("2026-12-05T10:00:00+08:00"),
        deliveryDate: "2026-12-06",
        totalCents: 5000,
      })),
    });
    await db.prisma.orderLine.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ orderId: `co${i}`, sku: "PKG50", qty: 1, unitPriceCents: 5000 })),
    });
    const catalog = new CatalogCache(db.prisma);
    await catalog.load();
    const events: DomainEvent[] = [];
    let deps!: AppDeps;
    // Two job runtimes (two worker processes would be the same) on the cluster, default prefix.
    const runtimes = [
      await startJobRuntime({ redisUrl: url, deps: () => deps, concurrency: 4 }),
      await startJobRuntime({ redisUrl: url, deps: () => deps, concurrency: 4 }),
    ];
    deps = {
      db: db.prisma,
      sql: db.sql,
      clock: new VirtualClock(new Date("2026-12-05T20:00:05+08:00")),
      catalog,
      log: silentLogger,
      timezone: "Asia/Shanghai",
      events: { emit: (e) => events.push(e) },
      outbox: { send: async () => undefined },
      scheduler: runtimes[0]!.scheduler,
    };
    try {
      await runtimes[0]!.queue.add("cutoff", { gridId: grid.id }, { jobId: "cutoff_cluster_a" });
      await runtimes[1]!.queue.add("cutoff", { gridId: grid.id }, { jobId: "cutoff_cluster_b" }); // delivered twice
      for (let i = 0; ; i++) {
        const c = await runtimes[0]!.queue.getJobCounts("completed", "failed");
        if ((c.completed ?? 0) + (c.failed ?? 0) >= 2) {
          expect(c.failed).toBe(0);
          break;
        }
        if (i > 1200) throw new Error("cut-off jobs did not finish");
        await new Promise((r) => setTimeout(r, 25));
      }
      const batches = await db.prisma.batch.findMany({ where: { gridId: grid.id } });
      expect(batches).toHaveLength(1);
      expect(await db.prisma.order.count({ where: { batchId: batches[0]!.id } })).toBe(50);
      expect(events.filter((e) => e.type === "batch.ready")).toHaveLength(1);
      // Its reminder and escalation were queued on the cluster, under the hash-tagged prefix.
      expect(await runtimes[0]!.queue.getJob(`remind_${batches[0]!.id}`)).toBeTruthy();
      const probe = redisClient(url);
      const keys = await probe.cluster("KEYSLOT", `${DEFAULT_QUEUE_PREFIX}:baogong-jobs:meta`);
      expect(keys).toBe(await probe.cluster("KEYSLOT", DEFAULT_QUEUE_PREFIX.slice(1, -1)));
      probe.disconnect();
    } finally {
      for (const r of runtimes) await r.close();
    }
  }, 90_000);

  it("a burst through the send queue from two runtimes: each message once, the limits held", async () => {
    const GLOBAL = { limit: 20, windowMs: 300 };
    const PER_CHAT = { limit: 2, windowMs: 500 };
    const sent: Array<{ chatId: string; text: string; at: number }> = [];
    const transport: ChatAdapter = {
      platform: "telegram",
      account: () => "bot",
      async start() {},
      async stop() {},
      async send(m: OutboundMessage): Promise<SendResult> {
        sent.push({ chatId: m.chatId, text: m.text, at: Date.now() });
        return { ok: true, messageId: null };
      },
    };
    const runtimes = await Promise.all(
      [0, 1].map(() =>
        startSendRuntime({
          redisUrl: url,
          adapters: () => new Map([["telegram", transport]]),
          log: silentLogger,
          platforms: ["telegram"],
          limits: { telegram: { global: GLOBAL, perChat: PER_CHAT } },
          concurrency: 8,
        }),
      ),
    );
    try {
      const items = Array.from({ length: 120 }, (_, i) => ({
        msg: { platform: "telegram" as const, chatId: `k${i % 30}`, text: `消息 ${i}` },
        opts: { key: `burst:${i}` },
      }));
      // Every message queued by both runtimes (a retry, a sweep): sent once.
      await Promise.all(runtimes.map((rt) => Promise.all(items.map((it) => rt.outbox.send(it.msg, it.opts)))));
      const end = Date.now() + 40_000;
      while (sent.length < items.length && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
      await Promise.all(runtimes.map((rt) => rt.drain(5000)));
      expect(sent).toHaveLength(120);
      expect(new Set(sent.map((s) => s.text)).size).toBe(120);
      const worst = worstWindows(sent, GLOBAL.windowMs, PER_CHAT.windowMs);
      expect(worst.global).toBeLessThanOrEqual(GLOBAL.limit);
      expect(worst.perChat).toBeLessThanOrEqual(PER_CHAT.limit);
    } finally {
      await Promise.all(runtimes.map((rt) => rt.close()));
    }
  }, 90_000);
});
