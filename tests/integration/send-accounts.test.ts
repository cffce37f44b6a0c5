// Two bot processes with different chat accounts on one platform (two Telegram bots, two
// WeChat accounts), each in its own groups, on one queue prefix: every message goes out
// through the account that is in its group — replies, a broadcast, a message queued before
// the account was known — each once, the limits kept per account; a message for an account
// that no process holds waits (the outbox keeps it) until one does.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { startBroadcast } from "../../src/app/broadcast";
import type { AppDeps, DomainEvent } from "../../src/app/deps";
import { handleChatEvent } from "../../src/app/chat-events";
import { handleMessage } from "../../src/app/handle-message";
import { sendHooks } from "../../src/app/send-hooks";
import { SetupSpecSchema } from "../../src/app/setup-spec";
import { noScheduler, wireApp } from "../../src/cli/wire";
import { systemClock } from "../../src/domain/clock";
import {
  InboundMessageSchema,
  type ChatAdapter,
  type OutboundMessage,
  type SendResult,
} from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { worstWindows } from "../support/rate-limit-check";
import { openTestDatabase, TEST_REDIS_URL, uniqueName } from "../support/db";

const GLOBAL = { limit: 6, windowMs: 300 };
const PER_CHAT = { limit: 3, windowMs: 400 };
const GRIDS = 12;
/** Grid k's group is served by account a1 (k odd) or a2 (k even); grid 13's by a3, which no process holds at first. */
const accountOf = (k: number) => (k % 2 ? "a1" : "a2");

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const prefix = uniqueName("{t-acc}");
const sent: Array<{ chatId: string; text: string; at: number; by: string }> = [];
const runtimes: SendRuntime[] = [];
const events: DomainEvent[] = [];
/** `account:chatId` pairs the platform refuses (that account was removed from the chat). */
const refused = new Set<string>();

/** A Telegram bot account: what it sends is recorded with the account it went through. */
function account(id: string): ChatAdapter {
  return {
    platform: "telegram",
    account: () => id,
    async start() {},
    async stop() {},
    async send(m: OutboundMessage): Promise<SendResult> {
      if (refused.has(`${id}:${m.chatId}`)) return { ok: false, reason: "FORBIDDEN", detail: "kicked" };
      sent.push({ chatId: m.chatId, text: m.text, at: Date.now(), by: id });
      await new Promise((r) => setTimeout(r, Math.random() * 4)); // a request in flight
      return { ok: true, messageId: null };
    },
  };
}

/** One bot process: its app, and a send runtime holding one account (as `bin/baogong start` does). */
async function botProcess(id: string): Promise<AppDeps> {
  return wireApp({
    db: db.prisma,
    clock: systemClock,
    events: { emit: (e) => events.push(e) },
    scheduler: noScheduler,
    outbox: async (app) => {
      const adapter = account(id);
      const rt = await startSendRuntime({
        redisUrl: TEST_REDIS_URL,
        prefix,
        adapters: () => new Map([["telegram", adapter]]),
        hooks: sendHooks(app),
        log: silentLogger,
        platforms: ["telegram"],
        limits: { telegram: { global: GLOBAL, perChat: PER_CHAT } },
        concurrency: 8,
        backoffMs: 50,
      });
      runtimes.push(rt);
      return rt.outbox;
    },
  });
}

let seq = 0;
/** A resident's order in grid k's group, as account `via` received it. */
const order = (k: number, via: string, i: number) =>
  InboundMessageSchema.parse({
    platform: "telegram",
    chatId: `tg${k}`,
    messageId: `tg${k}:${++seq}`,
    senderId: `u${k}_${i}`,
    senderName: `${k}-1-${101 + i} 住户`,
    text: `${k}-1-${101 + i} 100元套餐1份`,
    at: new Date(),
    account: via,
  });

beforeAll(async () => {
  db = await openTestDatabase();
  await applySetup(
    db.prisma,
    SetupSpecSchema.parse({
      villages: [
        {
          name: "双号村",
          cutoff: "20:00",
          digestMinutes: 0,
          grids: Array.from({ length: GRIDS + 1 }, (_, i) => ({
            code: String(i + 1),
            // Grid 13's group is a3's, as the village file says (nothing is heard from it here).
            groups: [{ platform: "telegram", chatId: `tg${i + 1}`, ...(i === GRIDS ? { account: "a3" } : {}) }],
            leaders: [{ platform: "telegram", userId: `lead${i + 1}` }],
            // Grid 2's supplier has a chat of its own, no group of ours.
            ...(i === 1 ? { supplier: { platform: "telegram", chatId: "sup2" } } : {}),
          })),
        },
      ],
      officials: { groups: [{ platform: "telegram", chatId: "gov", account: "a1" }] },
    }),
  );
});
afterAll(async () => {
  await Promise.all(runtimes.map((rt) => rt.close().catch(() => undefined)));
  const r = new Redis(TEST_REDIS_URL);
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
  await db?.drop();
});

describe("two chat accounts on one platform, one queue prefix", () => {
  it("sends every reply and notice through the account in that group, once, within each account's limits", async () => {
    const a1 = await botProcess("a1");
    const a2 = await botProcess("a2");
    const procs: Record<string, AppDeps> = { a1, a2 };
    // A burst of orders: each group's messages reach only the process holding its account.
    await Promise.all(
      Array.from({ length: GRIDS }, async (_, j) => {
        const k = j + 1;
        for (let i = 0; i < 3; i++) await handleMessage(procs[accountOf(k)]!, order(k, accountOf(k), i));
      }),
    );
    for (let k = 1; k <= GRIDS; k++)
      expect((await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: `tg${k}` } })).account).toBe(accountOf(k));
    // A notice to every group, issued in a1's process.
    await startBroadcast(a1, {
      kind: "notice",
      text: "全体通知",
      scope: "all",
      issuedBy: "off",
      replyTo: { platform: "telegram", chatId: "gov" },
      noticeId: "N-ACC",
    });
    // What is said to grid 2's supplier goes through the account of grid 2's group; to the officials, a1's.
    await a1.outbox.send({ platform: "telegram", chatId: "sup2", text: "供应商单" });
    await a2.outbox.send({ platform: "telegram", chatId: "gov", text: "给专班" });
    await vi.waitFor(
      async () =>
        expect(
          await db.prisma.outboxMessage.count({ where: { status: "pending", chatId: { not: `tg${GRIDS + 1}` } } }),
        ).toBe(0),
      { timeout: 40_000, interval: 50 },
    );

    const home = (chatId: string) =>
      chatId === "gov" ? "a1" : chatId === "sup2" ? accountOf(2) : accountOf(Number(chatId.slice(2)));
    expect(sent.filter((s) => s.by !== home(s.chatId))).toEqual([]);
    expect(
      sent.filter((s) => s.chatId === "sup2" || s.chatId === "gov").sort((x, y) => x.chatId.localeCompare(y.chatId)),
    ).toEqual([
      expect.objectContaining({ chatId: "gov", by: "a1" }),
      expect.objectContaining({ chatId: "sup2", by: "a2" }),
    ]);
    const notices = sent.filter((s) => s.text === "全体通知");
    expect(notices.map((s) => s.chatId).sort()).toEqual(Array.from({ length: GRIDS }, (_, j) => `tg${j + 1}`).sort());
    for (let k = 1; k <= GRIDS; k++) expect(sent.filter((s) => s.chatId === `tg${k}`).length).toBeGreaterThanOrEqual(4);
    // Each message once: as many sends as outbox rows sent.
    expect(sent).toHaveLength(await db.prisma.outboxMessage.count({ where: { status: "sent" } }));
    for (const by of ["a1", "a2"]) {
      const mine = sent.filter((s) => s.by === by);
      const worst = worstWindows(mine, GLOBAL.windowMs, PER_CHAT.windowMs);
      expect(worst.global).toBeLessThanOrEqual(GLOBAL.limit);
      expect(worst.perChat).toBeLessThanOrEqual(PER_CHAT.limit);
    }

    // a3's group: no process holds a3, so its notice waits — not sent through a1 or a2.
    expect(sent.filter((s) => s.chatId === `tg${GRIDS + 1}`)).toEqual([]);
    expect(await db.prisma.outboxMessage.count({ where: { chatId: `tg${GRIDS + 1}`, status: "pending" } })).toBe(1);
    expect(events.some((e) => e.type === "broadcast.report")).toBe(false);
    // A process with a3 comes: it sends it, and the broadcast is reported done.
    await botProcess("a3");
    await vi.waitFor(() => expect(events.some((e) => e.type === "broadcast.report")).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    expect(sent.filter((s) => s.chatId === `tg${GRIDS + 1}`)).toEqual([
      expect.objectContaining({ by: "a3", text: "全体通知" }),
    ]);
  }, 90_000);

  it("delivers a message queued before accounts were kept (the old per-platform queue, an old outbox row) through its group's account", async () => {
    const before = sent.length;
    // A job as the previous version queued it: on `baogong-send-telegram`, no account.
    const legacy = new Queue("baogong-send-telegram", {
      connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }),
      prefix,
    });
    await legacy.add(
      "send",
      { msg: { platform: "telegram", chatId: "tg4", text: "旧队列里的消息", buttons: [] }, key: "old:1", limited: 0 },
      { jobId: "send_old_1" },
    );
    await legacy.close();
    // A row of the outbox table recorded by the previous version, its job lost: the sweep queues it.
    await db.prisma.outboxMessage.create({
      data: {
        key: "old:2",
        platform: "telegram",
        chatId: "tg5",
        text: "旧表里的消息",
        buttons: [],
        createdAt: new Date(Date.now() - 10 * 60_000),
        lane: "answer",
      },
    });
    const { resendPending } = await import("../../src/app/sweep");
    const deps = await botProcess("a1");
    await resendPending(deps);
    await vi.waitFor(() => expect(sent.length - before).toBe(2), { timeout: 20_000, interval: 50 });
    await new Promise((r) => setTimeout(r, 300)); // nothing more goes
    expect(sent.slice(before).sort((x, y) => x.chatId.localeCompare(y.chatId))).toEqual([
      expect.objectContaining({ chatId: "tg4", by: accountOf(4), text: "旧队列里的消息" }),
      expect.objectContaining({ chatId: "tg5", by: accountOf(5), text: "旧表里的消息" }),
    ]);
  }, 60_000);

  it("learns a group's account from the events our accounts see there, and keeps a group one of them still is in", async () => {
    const deps = await botProcess("a1");
    const at = new Date();
    const group = () => db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "tg6" } });
    await handleChatEvent(deps, {
      type: "member_joined",
      platform: "telegram",
      account: "a7",
      chatId: "tg6",
      userIds: ["x"],
      at,
    });
    expect((await group()).account).toBe("a7");
    await handleChatEvent(deps, {
      type: "bot_added",
      platform: "telegram",
      account: "a2",
      chatId: "tg6",
      chatTitle: null,
      by: null,
      at,
    });
    expect((await group()).account).toBe("a2");
    // a7 leaves; a2, the group's, is still there.
    await handleChatEvent(deps, {
      type: "bot_removed",
      platform: "telegram",
      account: "a7",
      chatId: "tg6",
      by: null,
      at,
    });
    expect(await group()).toMatchObject({ account: "a2", active: true });
    await handleChatEvent(deps, {
      type: "bot_removed",
      platform: "telegram",
      account: "a2",
      chatId: "tg6",
      by: null,
      at,
    });
    expect((await group()).active).toBe(false);
  }, 30_000);

  it("sends a message queued for an account that has since left the group through the group's account now, and keeps the group", async () => {
    // tg8 is a2's; a1 was there too and has just been removed, a message for it still queued.
    refused.add("a1:tg8");
    const deps = await botProcess("a1");
    const before = sent.length;
    await deps.outbox.send(
      { platform: "telegram", chatId: "tg8", text: "交接时的消息", account: "a1" },
      { key: "handover:1" },
    );
    await vi.waitFor(
      async () =>
        expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "handover:1" } })).toMatchObject({
          status: "sent",
        }),
      { timeout: 20_000, interval: 50 },
    );
    expect(sent.slice(before)).toEqual([expect.objectContaining({ chatId: "tg8", by: "a2", text: "交接时的消息" })]);
    expect(await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "tg8" } })).toMatchObject({
      account: "a2",
      active: true,
    });
  }, 40_000);

  it("keeps the account a message was said through in its outbox row: one whose job was lost goes through it, though its chat has no group row", async () => {
    // A reply to a /bind in a chat that is no group of ours, said through the account that
    // received it; Redis lost its job, the sweep queues it again from the outbox table.
    const deps = await botProcess("a1");
    const { recordOutbox } = await import("../../src/app/outbox-store");
    await recordOutbox(
      db.prisma,
      [{ key: "lost:1", msg: { platform: "telegram", chatId: "stray1", text: "无群的回复", account: "a2" } }],
      new Date(Date.now() - 10 * 60_000),
    );
    const { resendPending } = await import("../../src/app/sweep");
    await resendPending(deps);
    await vi.waitFor(
      () => expect(sent.filter((s) => s.chatId === "stray1")).toEqual([expect.objectContaining({ by: "a2" })]),
      { timeout: 20_000, interval: 50 },
    );
  }, 40_000);

  it("sends nothing through an adapter that is no longer the account (a WeChat login as another user): the messages wait for it", async () => {
    let current: string | null = "a8";
    const got: string[] = [];
    const rt = await startSendRuntime({
      redisUrl: TEST_REDIS_URL,
      prefix,
      adapters: () =>
        new Map([
          [
            "wechat",
            {
              platform: "wechat",
              account: () => current,
              async start() {},
              async stop() {},
              async send(m: OutboundMessage): Promise<SendResult> {
                got.push(`${current}:${m.text}`);
                return { ok: true, messageId: null };
              },
            } satisfies ChatAdapter,
          ],
        ]),
      log: silentLogger,
      platforms: ["wechat"],
      limits: { wechat: { minIntervalMs: 0, jitterMs: 0 } },
    });
    runtimes.push(rt);
    await rt.outbox.send({ platform: "wechat", chatId: "w1", text: "一", account: "a8" }, { key: "w:1" });
    await vi.waitFor(() => expect(got).toEqual(["a8:一"]), { timeout: 10_000, interval: 25 });
    current = "a9"; // logged in again, as another user
    await rt.outbox.send({ platform: "wechat", chatId: "w1", text: "二", account: "a8" }, { key: "w:2" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(got).toEqual(["a8:一"]);
    current = "a8"; // the account is back
    await vi.waitFor(() => expect(got).toEqual(["a8:一", "a8:二"]), { timeout: 20_000, interval: 25 });
  }, 40_000);
});
