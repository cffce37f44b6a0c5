// A Redis restart in the middle of the day loses no order and doubles none: orders
// live in PostgreSQL, replies wait for Redis to come back and are then sent once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppDeps } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import type { ChatAdapter, OutboundMessage } from "../../src/domain/messages";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg, type TestApp } from "../support/app";
import { privateRedis, type PrivateRedis } from "../support/private-redis";
import { sendHooks } from "../../src/app/send-hooks";

let server: PrivateRedis;
const startRedis = () => server.start();
const killRedis = () => server.kill();

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
let sends: SendRuntime;
const delivered: OutboundMessage[] = [];
beforeAll(async () => {
  server = await privateRedis({ persist: true });
  await startRedis();
  db = await openTestDatabase();
  app = await makeTestApp(db, "2026-12-05T08:00:00+08:00");
  const adapter: ChatAdapter = {
    platform: "sim",
    start: async () => undefined,
    stop: async () => undefined,
    send: async (m) => {
      delivered.push(m);
      return { ok: true, messageId: null };
    },
  };
  sends = await startSendRuntime({
    redisUrl: server.url,
    prefix: "t-restart",
    adapters: () => new Map([["sim", adapter]]),
    log: { warn: () => undefined },
    hooks: sendHooks(() => app.deps as AppDeps),
  });
  // The live outbox from here on.
  (app.deps as { outbox: AppDeps["outbox"] }).outbox = sends.outbox;
});
afterAll(async () => {
  await sends?.close().catch(() => undefined);
  await server?.dispose();
  await db?.drop();
});

const WAIT = { timeout: 15_000, interval: 20 };

describe("Redis restarts", () => {
  it("an order taken while Redis is down is stored at once and answered once Redis is back; nothing doubles", async () => {
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { id: "a1" }));
    await vi.waitFor(() => expect(delivered).toHaveLength(1), WAIT);

    await killRedis();
    const m2 = msg(app, "g1", "r2", "2-1-102 100元套餐1份", { id: "a2" });
    const handling = handleMessage(app.deps, m2);
    // The order is in PostgreSQL although its reply cannot be queued yet.
    await vi.waitFor(async () => expect(await db.prisma.order.count()).toBe(2), WAIT);
    expect(delivered).toHaveLength(1);

    await startRedis();
    await handling;
    await vi.waitFor(() => expect(delivered).toHaveLength(2), WAIT);
    expect(delivered[1]!.text).toContain("已收到 2-1-102");

    // The platform delivers the message again after the outage: handled once.
    await handleMessage(app.deps, m2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.prisma.order.count()).toBe(2);
    expect(delivered).toHaveLength(2);
  }, 60_000);
});
