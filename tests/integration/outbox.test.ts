// A Redis restarted without persistence loses every queued message — the batch list,
// the replies. Each is a row of the outbox table (PostgreSQL), written with the decision
// that made it: the sweep queues again what is still unsent, and nothing goes twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import { sweep } from "../../src/app/sweep";
import type { ChatAdapter, OutboundMessage } from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { makeTestApp, msg, type TestApp } from "../support/app";
import { openTestDatabase } from "../support/db";
import { privateRedis, type PrivateRedis } from "../support/private-redis";
import { sendHooks } from "../../src/app/send-hooks";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let redis: PrivateRedis;
let app: TestApp;
const runtimes: SendRuntime[] = [];
const delivered: OutboundMessage[] = [];
const adapter: ChatAdapter = {
  platform: "sim",
  start: async () => undefined,
  stop: async () => undefined,
  send: async (m) => {
    delivered.push(m);
    return { ok: true, messageId: null };
  },
};

beforeAll(async () => {
  db = await openTestDatabase();
  redis = await privateRedis({ persist: false });
  await redis.start();
  app = await makeTestApp(db, "2026-12-05T08:00:00+08:00");
});
afterAll(async () => {
  for (const r of runtimes) await r.close().catch(() => undefined);
  await redis?.dispose();
  await db?.drop();
});

async function runtime(worker: boolean): Promise<SendRuntime> {
  const r = await startSendRuntime({
    redisUrl: redis.url,
    prefix: "t-outbox",
    adapters: () => new Map([["sim", adapter]]),
    log: silentLogger,
    hooks: sendHooks(() => app.deps as AppDeps),
    worker,
  });
  runtimes.push(r);
  (app.deps as { outbox: AppDeps["outbox"] }).outbox = r.outbox;
  return r;
}

describe("the outbox", () => {
  it("re-sends the batch list and replies a Redis without persistence lost, once each", async () => {
    // Only queued here: the sending process is down.
    await runtime(false);
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T18:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:05+08:00"));
    expect(app.ofType("batch.ready")).toHaveLength(1);
    const recorded = await db.prisma.outboxMessage.findMany({ where: { chatId: "g1" }, orderBy: { createdAt: "asc" } });
    expect(recorded.map((r) => r.text)).toEqual([expect.stringContaining("✅ 已收到"), expect.stringContaining("📋")]);

    // Redis restarts and keeps nothing.
    await redis.kill();
    await redis.start();
    const sending = await runtime(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(delivered).toHaveLength(0); // the jobs are gone

    app.clock.advanceTo(new Date("2026-12-05T20:03:00+08:00"));
    expect((await sweep(app.deps)).resent).toBe(2);
    await sending.drain(15_000);
    // (the batch list goes first: its lane is ahead of answers)
    expect(delivered).toHaveLength(2);
    expect(delivered.map((m) => m.text)).toEqual(
      expect.arrayContaining([expect.stringContaining("✅"), expect.stringContaining("📋")]),
    );
    expect(delivered.find((m) => m.text.includes("📋"))!.buttons?.[0]?.data).toMatch(/^confirm:/);
    expect(await db.prisma.outboxMessage.count({ where: { sentAt: null } })).toBe(0);

    // The next sweeps find nothing unsent: nothing goes twice.
    app.clock.advanceTo(new Date("2026-12-05T20:10:00+08:00"));
    expect((await sweep(app.deps)).resent).toBe(0);
    await sending.drain(5_000);
    expect(delivered).toHaveLength(2);
  }, 60_000);

  it("a message queued again while its job still waits is sent once", async () => {
    const sending = runtimes.at(-1)!;
    const before = delivered.length;
    const m = { platform: "sim" as const, chatId: "g1", text: "同一条 / the same message" };
    await Promise.all([
      app.deps.outbox.send(m, { key: "same-1" }),
      app.deps.outbox.send(m, { key: "same-1" }),
      app.deps.outbox.send(m, { key: "same-1" }),
    ]);
    await sending.drain(5_000);
    app.clock.advanceTo(new Date("2026-12-05T20:30:00+08:00"));
    await sweep(app.deps);
    await sending.drain(5_000);
    expect(delivered.length - before).toBe(1);
  });
});
