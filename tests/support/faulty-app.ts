// The app over real services that a test (or the bench) can break: PostgreSQL behind a
// TCP proxy it can cut, Redis a private redis-server it can kill, the real send queue
// and the intake with its Redis journal, and a chat adapter that records what it is sent.
import type { AppDeps } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import { Intake } from "../../src/app/intake";
import { openDatabase, type Database } from "../../src/db/database";
import { systemClock } from "../../src/domain/clock";
import type { ChatAdapter, InboundMessage, OutboundMessage } from "../../src/domain/messages";
import { render, residentTexts } from "../../src/texts";
import { silentLogger } from "../../src/infra/logger";
import { journalClient, RedisInboundJournal } from "../../src/infra/inbound-journal";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { makeTestApp, msg, type TestApp } from "./app";
import { TEST_DATABASE_URL, uniqueName } from "./db";
import { privateRedis, type PrivateRedis } from "./private-redis";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";
import { sendHooks } from "../../src/app/send-hooks";

export interface FaultyApp {
  app: TestApp;
  database: Database;
  proxy: TcpProxy;
  redis: PrivateRedis;
  sends: SendRuntime;
  /** What the chat platform was sent, in order. */
  delivered: OutboundMessage[];
  /** An intake as `npm start` makes one, with short waits; `waiting` records the wait notices. */
  intake(o?: { instance?: string; waitNoticeMs?: number }): {
    intake: Intake;
    waiting: Array<{ chat: string; names: string[] }>;
    close(): Promise<void>;
  };
  order(i: number, chat?: string, at?: Date): InboundMessage;
  close(): Promise<void>;
}

export async function startFaultyApp(o: { prefix: string; start?: string }): Promise<FaultyApp> {
  const target = new URL(TEST_DATABASE_URL);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const schema = uniqueName("faults");
  const database = await openDatabase(`postgresql://${target.username}@127.0.0.1:${proxy.port}${target.pathname}`, {
    schema,
  });
  const redis = await privateRedis({ persist: true });
  await redis.start();
  const app = await makeTestApp(database, o.start ?? "2026-12-05T08:00:00+08:00");
  const delivered: OutboundMessage[] = [];
  const adapter: ChatAdapter = {
    platform: "sim",
    account: () => "bot",
    start: async () => undefined,
    stop: async () => undefined,
    send: async (m) => {
      delivered.push(m);
      return { ok: true, messageId: null };
    },
  };
  const sends = await startSendRuntime({
    redisUrl: redis.url,
    prefix: o.prefix,
    adapters: () => new Map([["sim", adapter]]),
    log: silentLogger,
    hooks: sendHooks(() => app.deps as AppDeps),
  });
  (app.deps as { outbox: AppDeps["outbox"] }).outbox = sends.outbox;
  return {
    app,
    database,
    proxy,
    redis,
    sends,
    delivered,
    intake(io = {}) {
      const r = journalClient(redis.url); // as the live bot makes it (auto-pipelined)
      const waiting: Array<{ chat: string; names: string[] }> = [];
      const intake = new Intake({
        handle: (m) => handleMessage(app.deps, m),
        clock: systemClock,
        log: silentLogger,
        journal: new RedisInboundJournal({
          redis: r,
          prefix: o.prefix,
          aliveMs: 1000,
          ...(io.instance ? { instance: io.instance } : {}),
        }),
        waitNoticeMs: io.waitNoticeMs ?? 400,
        retryMs: 50,
        maxRetryMs: 300,
        concurrency: 4,
        onWaiting: async (m, names) => {
          waiting.push({ chat: m.chatId, names });
          await app.deps.outbox.send(
            { platform: m.platform, chatId: m.chatId, text: render(residentTexts.waiting(names), "zh") },
            { key: `waiting:${m.chatId}:${waiting.length}`, ephemeral: true },
          );
        },
      });
      return {
        intake,
        waiting,
        close: async () => {
          await intake.stop(500);
          r.disconnect();
        },
      };
    },
    order: (i, chat = "g1", at) => ({
      ...msg(app, chat, `r${i}`, `2-1-${100 + i} 50元套餐1份`, { id: `o${i}` }),
      ...(at ? { at } : {}),
    }),
    async close() {
      proxy.restore();
      await sends.close().catch(() => undefined);
      await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await database.close().catch(() => undefined);
      await proxy.close();
      await redis.dispose();
    },
  };
}
