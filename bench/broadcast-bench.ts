// A notice to 1,000 groups on the live path: the real PostgreSQL, BullMQ on Redis, the
// shared limiter, and a fast fake transport that records when each message went out.
// Limits are scaled (configuration) so that the run takes seconds: reported are the time
// to schedule the notice, the achieved send rate against the configured global limit,
// and the most sends any one group saw in a per-group window (with a chatty group).
// Run: npx tsx bench/broadcast-bench.ts
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Redis } from "ioredis";
import { startBroadcast } from "../src/app/broadcast";
import type { DomainEvent } from "../src/app/deps";
import { noScheduler, wireApp } from "../src/cli/wire";
import { openDatabase } from "../src/db/database";
import { systemClock } from "../src/domain/clock";
import type { ChatAdapter, OutboundMessage, SendResult } from "../src/domain/messages";
import { silentLogger } from "../src/infra/logger";
import { maxInWindow, maxInWindowPerKey } from "../tests/support/rate-limit-check";
import { startSendRuntime, type SendRuntime } from "../src/jobs/send-queue";
import { sendHooks } from "../src/app/send-hooks";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

export async function benchBroadcast(
  opts: {
    groups?: number;
    globalPerSecond?: number;
    perChat?: { limit: number; windowMs: number };
    workers?: number;
  } = {},
): Promise<Record<string, number | string>> {
  const groups = opts.groups ?? 1000;
  const perSecond = opts.globalPerSecond ?? 100;
  const perChat = opts.perChat ?? { limit: 5, windowMs: 2000 };
  const workers = opts.workers ?? 2;
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(PG, { schema });
  const db = database.prisma;
  const sent: Array<{ chatId: string; at: number; text: string }> = [];
  const transport: ChatAdapter = {
    platform: "telegram",
    account: () => "bot",
    async start() {},
    async stop() {},
    async send(m: OutboundMessage): Promise<SendResult> {
      sent.push({ chatId: m.chatId, at: Date.now(), text: m.text });
      return { ok: true, messageId: String(sent.length) };
    },
  };
  const runtimes: SendRuntime[] = [];
  try {
    const village = await db.village.create({
      data: { name: "压测镇", grids: { create: [{ code: "1" }] } },
      include: { grids: true },
    });
    await db.chatGroup.createMany({
      data: [
        ...Array.from({ length: groups }, (_, i) => ({
          platform: "telegram",
          chatId: `g${i}`,
          villageId: village.id,
          gridId: village.grids[0]!.id,
        })),
        { platform: "telegram", chatId: "gov", isOfficials: true },
      ],
    });
    const events: DomainEvent[] = [];
    let report!: () => void;
    const reported = new Promise<void>((r) => (report = r));
    const deps = await wireApp({
      db,
      clock: systemClock,
      scheduler: noScheduler,
      events: {
        emit: (e) => {
          events.push(e);
          if (e.type === "broadcast.report") report();
        },
      },
      outbox: async (app) => {
        // Two send workers sharing the limits, as two processes would.
        for (let i = 0; i < workers; i++) {
          runtimes.push(
            await startSendRuntime({
              redisUrl: REDIS,
              prefix,
              adapters: () => new Map([["telegram", transport]]),
              hooks: sendHooks(app),
              log: silentLogger,
              platforms: ["telegram"],
              limits: { telegram: { global: { limit: perSecond, windowMs: 1000 }, perChat } },
            }),
          );
        }
        return runtimes[0]!.outbox;
      },
    });

    const t0 = performance.now();
    await startBroadcast(deps, {
      kind: "notice",
      text: "压测通知",
      scope: "all",
      issuedBy: "bench",
      replyTo: { platform: "telegram", chatId: "gov" },
      noticeId: "N-BENCH",
    });
    const scheduleMs = performance.now() - t0;
    // A chatty group: 20 replies while the broadcast runs.
    for (let i = 0; i < 20; i++)
      await runtimes[0]!.outbox.send({ platform: "telegram", chatId: "g7", text: `回复 ${i}` });
    await reported;
    const doneMs = performance.now() - t0;
    for (const rt of runtimes) await rt.drain(30_000);

    const notices = sent.filter((s) => s.text === "压测通知");
    const times = sent.map((s) => s.at);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    const perGroup = maxInWindowPerKey(
      sent.map((s) => ({ key: s.chatId, at: s.at })),
      perChat.windowMs,
    );
    return {
      groups,
      schedule_ms: Math.round(scheduleMs),
      all_delivered_ms: Math.round(doneMs),
      notices_sent: notices.length,
      duplicate_notices: notices.length - new Set(notices.map((s) => s.chatId)).size,
      messages_sent: sent.length,
      send_rate_per_s: Math.round((sent.length / span) * 10) / 10,
      global_limit_per_s: perSecond,
      rate_vs_limit_pct: Math.round((sent.length / span / perSecond) * 1000) / 10,
      max_global_in_1s_window: maxInWindow(times, 1000),
      per_group_limit: `${perChat.limit}/${perChat.windowMs}ms`,
      max_per_group_in_window: perGroup.max,
      send_workers: workers,
    };
  } finally {
    for (const rt of runtimes) await rt.close().catch(() => undefined);
    const r = new Redis(REDIS);
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
    await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchBroadcast().then(
    (r) => {
      console.table(r);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
