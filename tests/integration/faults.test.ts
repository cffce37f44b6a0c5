// Fault injection: PostgreSQL behind a TCP proxy the test cuts and restores, Redis a
// private redis-server the test kills — the machine's shared servers are never touched.
// Every order a household sends is stored once and answered, whatever goes away meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { AppDeps } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import { Intake, isTransientError } from "../../src/app/intake";
import { openDatabase, type Database } from "../../src/db/database";
import { systemClock } from "../../src/domain/clock";
import type { ChatAdapter, InboundMessage, OutboundMessage } from "../../src/domain/messages";
import { texts } from "../../src/flows/texts";
import { silentLogger } from "../../src/infra/logger";
import { RedisInboundJournal } from "../../src/infra/inbound-journal";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { makeTestApp, msg, type TestApp } from "../support/app";
import { TEST_DATABASE_URL, uniqueName } from "../support/db";
import { privateRedis, type PrivateRedis } from "../support/private-redis";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

let proxy: TcpProxy;
let database: Database;
let schema: string;
let redis: PrivateRedis;
let app: TestApp;
let sends: SendRuntime;
const delivered: OutboundMessage[] = [];

beforeAll(async () => {
  const target = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  schema = uniqueName("faults");
  database = await openDatabase(proxy.url("postgresql", `/${target.pathname.slice(1)}`).replace("postgresql://", `postgresql://${target.username}@`), { schema });
  redis = await privateRedis({ persist: true });
  await redis.start();
  app = await makeTestApp(database.prisma, "2026-12-05T08:00:00+08:00");
  const adapter: ChatAdapter = {
    platform: "sim", start: async () => undefined, stop: async () => undefined,
    send: async (m) => { delivered.push(m); return { ok: true, messageId: null }; },
  };
  sends = await startSendRuntime({ redisUrl: redis.url, prefix: "t-faults", adapters: () => new Map([["sim", adapter]]), log: silentLogger, deps: () => app.deps as AppDeps });
  (app.deps as { outbox: AppDeps["outbox"] }).outbox = sends.outbox;
}, 60_000);

afterAll(async () => {
  proxy?.restore();
  await sends?.close().catch(() => undefined);
  await database?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
  await database?.close().catch(() => undefined);
  await proxy?.close();
  await redis?.dispose();
});

function newIntake(r: Redis, o: { instance?: string; waitNoticeMs?: number } = {}) {
  const waiting: Array<{ chat: string; names: string[] }> = [];
  const intake = new Intake({
    handle: (m) => handleMessage(app.deps, m), clock: systemClock, log: silentLogger,
    journal: new RedisInboundJournal({ redis: r, prefix: "t-faults", aliveMs: 1000, ...(o.instance ? { instance: o.instance } : {}) }),
    waitNoticeMs: o.waitNoticeMs ?? 400, retryMs: 50, maxRetryMs: 300, concurrency: 4,
    onWaiting: async (m, names) => {
      waiting.push({ chat: m.chatId, names });
      await app.deps.outbox.send({ platform: m.platform, chatId: m.chatId, text: texts.waiting(names) }, { key: `waiting:${m.chatId}:${waiting.length}`, ephemeral: true });
    },
  });
  return { intake, waiting };
}

const orderMsg = (i: number, chat = "g1"): InboundMessage => ({ ...msg(app, chat, `r${i}`, `2-1-${100 + i} 50元套餐1份`, { id: `o${i}` }) });

describe("PostgreSQL unreachable", () => {
  it("orders arriving while it is down are kept, handled in arrival order when it is back, each answered; the group is told they wait", async () => {
    const r = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const { intake, waiting } = newIntake(r);
    await intake.start();
    proxy.cut();
    const accepted: number[] = [];
    for (let i = 1; i <= 30; i++) {
      await intake.accept(orderMsg(i));
      accepted.push(i);
    }
    expect(accepted).toHaveLength(30); // every message safe in the journal at once
    await new Promise((res) => setTimeout(res, 1200));
    expect(await database.prisma.order.count().catch(() => -1)).toBe(-1); // still unreachable
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.names.length).toBeGreaterThan(1);

    proxy.restore();
    expect(await intake.drain(60_000)).toBe(true);
    const handled = await database.prisma.inboundMessage.findMany({ orderBy: { receivedAt: "asc" }, select: { key: true } });
    expect(handled.map((h) => h.key)).toEqual(Array.from({ length: 30 }, (_, i) => `sim:g1:o${i + 1}`));
    expect(await database.prisma.order.count()).toBe(30);
    await sends.drain(20_000);
    const acks = delivered.filter((m) => m.text.startsWith("✅ 已收到"));
    expect(acks).toHaveLength(30);
    expect(delivered.some((m) => m.text.startsWith("⏳"))).toBe(true);
    await intake.stop();
    r.disconnect();
  }, 90_000);

  it("a bot stopped 45 s before the cut-off with 60 messages waiting, back 24 s after it: every order ends in that batch", async () => {
    await database.exec(`TRUNCATE "Order", "OrderLine", "Batch", "InboundMessage", "Household", "OutboxMessage" CASCADE`);
    app.clock.advanceTo(new Date("2026-12-05T19:59:00+08:00"));
    const r1 = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const first = newIntake(r1, { instance: "bot-a" });
    await first.intake.start();
    proxy.cut(); // the database away: nothing gets handled before the stop
    for (let i = 1; i <= 60; i++) await first.intake.accept({ ...orderMsg(i, "g1"), id: undefined, messageId: `late${i}`, at: new Date("2026-12-05T19:59:15+08:00") } as InboundMessage);
    await first.intake.stop(500);
    r1.disconnect();
    proxy.restore();

    // The cut-off runs while the bot is down.
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:00+08:00"));
    app.clock.advanceTo(new Date("2026-12-05T20:00:24+08:00"));
    const r2 = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const second = newIntake(r2, { instance: "bot-b" }); // another process takes over bot-a's journal
    expect(await second.intake.start()).toBe(60);
    expect(await second.intake.drain(60_000)).toBe(true);
    await app.scheduler.runUntil(new Date("2026-12-05T20:01:00+08:00"));
    const orders = await database.prisma.order.findMany({ select: { deliveryDate: true, batchId: true } });
    expect(orders).toHaveLength(60);
    expect(orders.every((o) => o.deliveryDate === "2026-12-06" && o.batchId !== null)).toBe(true);
    expect(new Set(orders.map((o) => o.batchId)).size).toBe(1);
    await second.intake.stop();
    r2.disconnect();
  }, 90_000);
});

describe("errors", () => {
  it("tells the infrastructure's failures from the message's", () => {
    expect(isTransientError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientError({ code: "P2024", message: "Timed out fetching a new connection from the connection pool" })).toBe(true);
    expect(isTransientError(new Error("outer", { cause: { code: "57P01" } }))).toBe(true);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'sku')"))).toBe(false);
  });
});
