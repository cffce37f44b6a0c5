// Two send runtimes on one queue prefix, as two worker processes would run: both send,
// and together they still keep the global and per-chat limits, each group once.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startBroadcast } from "../../src/app/broadcast";
import type { DomainEvent } from "../../src/app/deps";
import { systemClock } from "../../src/domain/clock";
import type { ChatAdapter, OutboundMessage, SendResult } from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";
import { worstWindows } from "../support/rate-limit-check";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { openTestDatabase, TEST_REDIS_URL, uniqueName } from "../support/db";
import { sendHooks } from "../../src/app/send-hooks";
import { noScheduler, wireApp } from "../../src/cli/wire";

const GLOBAL = { limit: 40, windowMs: 300 };
const PER_CHAT = { limit: 2, windowMs: 600 };
const GROUPS = 400;

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const prefix = uniqueName("t-bc2");
beforeAll(async () => {
  db = await openTestDatabase();
  const v = await db.prisma.village.create({
    data: { name: "双工村", grids: { create: [{ code: "1" }] } },
    include: { grids: true },
  });
  await db.prisma.chatGroup.createMany({
    data: [
      ...Array.from({ length: GROUPS }, (_, i) => ({
        platform: "telegram",
        chatId: `g${i}`,
        villageId: v.id,
        gridId: v.grids[0]!.id,
      })),
      { platform: "telegram", chatId: "gov", isOfficials: true },
    ],
  });
});
afterAll(async () => {
  const r = new Redis(TEST_REDIS_URL);
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
  await db?.drop();
});

describe("two send workers on one prefix", () => {
  it("share the limits: the global and per-chat windows hold, every group gets the notice once", async () => {
    const sent: Array<{ chatId: string; text: string; at: number; by: string }> = [];
    const transport = (by: string): ChatAdapter => ({
      platform: "telegram",
      account: () => "bot",
      async start() {},
      async stop() {},
      async send(m: OutboundMessage): Promise<SendResult> {
        sent.push({ chatId: m.chatId, text: m.text, at: Date.now(), by });
        await new Promise((r) => setTimeout(r, Math.random() * 5)); // a request in flight
        return { ok: true, messageId: null };
      },
    });
    const events: DomainEvent[] = [];
    const runtimes: SendRuntime[] = [];
    const deps = await wireApp({
      db: db.prisma,
      clock: systemClock,
      events: { emit: (e) => events.push(e) },
      scheduler: noScheduler,
      outbox: async (app) => {
        for (const by of ["A", "B"]) {
          runtimes.push(
            await startSendRuntime({
              redisUrl: TEST_REDIS_URL,
              prefix,
              adapters: () => new Map([["telegram", transport(by)]]),
              hooks: sendHooks(app),
              log: silentLogger,
              platforms: ["telegram"],
              limits: { telegram: { global: GLOBAL, perChat: PER_CHAT } },
              concurrency: 8,
            }),
          );
        }
        return runtimes[0]!.outbox;
      },
    });
    try {
      const t0 = Date.now();
      await startBroadcast(deps, {
        kind: "notice",
        text: "两个工人",
        scope: "all",
        issuedBy: "u",
        replyTo: { platform: "telegram", chatId: "gov" },
        noticeId: "N-TWO",
      });
      // a chatty group, from the second runtime's outbox
      for (let i = 0; i < 6; i++)
        await runtimes[1]!.outbox.send({ platform: "telegram", chatId: "g3", text: `回复 ${i}` });
      await vi.waitFor(() => expect(events.some((e) => e.type === "broadcast.report")).toBe(true), {
        timeout: 40_000,
        interval: 25,
      });
      await Promise.all(runtimes.map((rt) => rt.drain(10_000)));
      const elapsed = Date.now() - t0;

      const notices = sent.filter((s) => s.text === "两个工人");
      expect(notices).toHaveLength(GROUPS);
      expect(new Set(notices.map((s) => s.chatId)).size).toBe(GROUPS);
      expect(new Set(sent.map((s) => s.by))).toEqual(new Set(["A", "B"]));
      const worst = worstWindows(sent, GLOBAL.windowMs, PER_CHAT.windowMs);
      expect(worst.global).toBeLessThanOrEqual(GLOBAL.limit);
      expect(worst.perChat).toBeLessThanOrEqual(PER_CHAT.limit);
      expect(sent.filter((s) => s.chatId === "g3")).toHaveLength(7);
      // 400+ messages at 40 per 300 ms: about 3 s; two workers do not add up to twice the rate
      expect(elapsed).toBeGreaterThanOrEqual(((GROUPS + 7) / GLOBAL.limit - 1) * GLOBAL.windowMs);
      expect(events.filter((e) => e.type === "broadcast.report")).toEqual([
        expect.objectContaining({ delivered: GROUPS, total: GROUPS, failed: [] }),
      ]);
    } finally {
      await Promise.all(runtimes.map((rt) => rt.close()));
    }
  }, 60_000);
});
