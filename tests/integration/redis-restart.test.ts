// A Redis restart in the middle of the day loses no order and doubles none: orders
// live in PostgreSQL, replies wait for Redis to come back and are then sent once.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import type { ChatAdapter, OutboundMessage } from "../../src/domain/messages";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg, type TestApp } from "../support/app";

const PORT = 16_379 + Math.floor(Math.random() * 1000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-redis-"));
let redis: ChildProcess | null = null;

async function startRedis(): Promise<void> {
  redis = spawn("redis-server", ["--port", String(PORT), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", ""], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(PORT, "127.0.0.1");
      s.once("connect", () => { s.destroy(); r(true); });
      s.once("error", () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("redis did not start");
}
async function killRedis(): Promise<void> {
  const r = redis!;
  r.kill("SIGKILL");
  await new Promise((res) => r.once("exit", res));
}

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
let sends: SendRuntime;
const delivered: OutboundMessage[] = [];
beforeAll(async () => {
  await startRedis();
  db = await openTestDatabase();
  app = await makeTestApp(db.prisma, "2026-12-05T08:00:00+08:00");
  const adapter: ChatAdapter = {
    platform: "sim", start: async () => undefined, stop: async () => undefined,
    send: async (m) => { delivered.push(m); return { ok: true, messageId: null }; },
  };
  sends = await startSendRuntime({
    redisUrl: `redis://127.0.0.1:${PORT}`, prefix: "t-restart", adapters: () => new Map([["sim", adapter]]),
    log: { warn: () => undefined }, deps: () => app.deps as AppDeps,
  });
  // The live outbox from here on.
  (app.deps as { outbox: AppDeps["outbox"] }).outbox = sends.outbox;
});
afterAll(async () => {
  await sends?.close().catch(() => undefined);
  if (redis && redis.exitCode === null) await killRedis();
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("Redis restarts", () => {
  it("an order taken while Redis is down is stored at once and answered once Redis is back; nothing doubles", async () => {
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { id: "a1" }));
    await until(() => delivered.length === 1);

    await killRedis();
    const m2 = msg(app, "g1", "r2", "2-1-102 100元套餐1份", { id: "a2" });
    const handling = handleMessage(app.deps, m2);
    // The order is in PostgreSQL although its reply cannot be queued yet.
    await until(async () => (await db.prisma.order.count()) === 2);
    expect(delivered).toHaveLength(1);

    await startRedis();
    await handling;
    await until(() => delivered.length === 2);
    expect(delivered[1]!.text).toContain("已收到 2-1-102");

    // The platform delivers the message again after the outage: handled once.
    await handleMessage(app.deps, m2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.prisma.order.count()).toBe(2);
    expect(delivered).toHaveLength(2);
  }, 60_000);
});
