// Issue 5 (broadcast): a notice to 1,000 groups through the real send queue (BullMQ,
// Redis, PostgreSQL) and a fake transport that records every send and its time.
// Limits are configuration: scaled down here so that the test runs in seconds.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordDelivery, startBroadcast } from "../../src/app/broadcast";
import type { AppDeps, DomainEvent, Outbox } from "../../src/app/deps";
import { systemClock } from "../../src/domain/clock";
import type { ChatAdapter, OutboundMessage, Platform, SendResult } from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";
import { maxInWindow, maxInWindowPerKey, minGap } from "../support/rate-limit-check";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { openTestDatabase, TEST_REDIS_URL, uniqueName } from "../support/db";
import { sendHooks } from "../../src/app/send-hooks";
import { noScheduler, wireApp, type Part } from "../../src/cli/wire";

/** A transport that records (chat, text, time) and answers as told per chat (n = that chat's nth call). */
class RecordingAdapter implements ChatAdapter {
  readonly calls: Array<{ chatId: string; text: string; at: number; ok: boolean }> = [];
  readonly script = new Map<string, (n: number) => SendResult>();
  private readonly perChat = new Map<string, number>();
  constructor(readonly platform: Platform) {}
  account(): string {
    return "bot";
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(msg: OutboundMessage): Promise<SendResult> {
    const at = Date.now();
    const n = (this.perChat.get(msg.chatId) ?? 0) + 1;
    this.perChat.set(msg.chatId, n);
    const r = this.script.get(msg.chatId)?.(n) ?? { ok: true, messageId: `${msg.chatId}/${n}` };
    this.calls.push({ chatId: msg.chatId, text: msg.text, at, ok: r.ok });
    return r;
  }
}

const TG = { global: { limit: 50, windowMs: 500 }, perChat: { limit: 3, windowMs: 1000 } };
const WX = { minIntervalMs: 15, jitterMs: 10 };

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const prefixes: string[] = [];
const tgName = (i: number) => `tg-${String(i).padStart(4, "0")}`;
const wxName = (i: number) => `wx-${String(i).padStart(4, "0")}`;

beforeAll(async () => {
  db = await openTestDatabase();
  const east = await db.prisma.village.create({
    data: { name: "东村", grids: { create: [1, 2, 3, 4].map((i) => ({ code: String(i) })) } },
    include: { grids: true },
  });
  const west = await db.prisma.village.create({
    data: { name: "西村", grids: { create: [{ code: "1" }, { code: "2" }] } },
    include: { grids: true },
  });
  const eastGrids = east.grids.sort((a, b) => a.code.localeCompare(b.code));
  const westGrid = (code: string) => west.grids.find((g) => g.code === code)!;
  await db.prisma.chatGroup.createMany({
    data: [
      ...Array.from({ length: 950 }, (_, i) => ({
        platform: "telegram",
        chatId: tgName(i),
        title: `东村群${i}`,
        villageId: east.id,
        gridId: eastGrids[i % 4]!.id,
      })),
      ...Array.from({ length: 50 }, (_, i) => ({
        platform: "wechat",
        chatId: wxName(i),
        title: `西村群${i}`,
        villageId: west.id,
        gridId: westGrid(i < 40 ? "1" : "2").id,
      })),
      { platform: "telegram", chatId: "gov", title: "镇保供专班", isOfficials: true },
      { platform: "telegram", chatId: "tg-old", title: "已停用", villageId: east.id, active: false },
    ],
  });
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

function app(outbox: Part<Outbox>, events: DomainEvent[]): Promise<AppDeps> {
  return wireApp({
    db: db.prisma,
    clock: systemClock,
    outbox,
    events: { emit: (e) => events.push(e) },
    scheduler: noScheduler,
  });
}

/** The app over a real send runtime (its own queue prefix) sending through two recording adapters. */
async function liveApp(
  tg: ChatAdapter,
  wx: ChatAdapter,
  opts: Pick<Parameters<typeof startSendRuntime>[0], "limits" | "attempts" | "backoffMs">,
) {
  const prefix = uniqueName("t-bc");
  prefixes.push(prefix);
  const events: DomainEvent[] = [];
  let rt!: SendRuntime;
  const deps = await app(async (a) => {
    rt = await startSendRuntime({
      redisUrl: TEST_REDIS_URL,
      prefix,
      adapters: () =>
        new Map<string, ChatAdapter>([
          ["telegram", tg],
          ["wechat", wx],
        ]),
      hooks: sendHooks(a),
      log: silentLogger,
      platforms: ["telegram", "wechat"],
      ...opts,
    });
    return rt.outbox;
  }, events);
  return { events, deps, rt };
}

describe("broadcast through the real send queue", () => {
  it("sends a notice to 1,000 groups once each, within every limit, and reports once", async () => {
    const tg = new RecordingAdapter("telegram");
    const wx = new RecordingAdapter("wechat");
    tg.script.set(tgName(5), () => ({
      ok: false,
      reason: "FORBIDDEN",
      detail: "Forbidden: bot was kicked from the group chat",
    }));
    tg.script.set(tgName(10), (n) =>
      n === 1
        ? { ok: false, reason: "RATE_LIMITED", retryAfterMs: 300, detail: "Too Many Requests: retry after 1" }
        : { ok: true, messageId: "x" },
    );
    tg.script.set(tgName(15), (n) =>
      n <= 2 ? { ok: false, reason: "FAILED", detail: "Bad Gateway" } : { ok: true, messageId: "x" },
    );
    tg.script.set(tgName(20), () => ({ ok: false, reason: "FAILED", detail: "chat not found" }));
    tg.script.set(tgName(25), () => ({
      ok: false,
      reason: "MIGRATED",
      newChatId: "tg-0025-super",
      detail: "group upgraded to a supergroup",
    }));
    const { events, deps, rt } = await liveApp(tg, wx, {
      limits: { telegram: TG, wechat: WX },
      attempts: 3,
      backoffMs: 50,
    });
    try {
      const req = {
        kind: "notice" as const,
        text: "明日起全镇静默管理，请勿外出。",
        scope: "all" as const,
        issuedBy: "u_off",
        replyTo: { platform: "telegram", chatId: "gov" },
        noticeId: "N-TEST-1",
      };
      const first = await startBroadcast(deps, req);
      expect(first).toEqual({ noticeId: "N-TEST-1", groups: 1000 }); // how fast: npm run bench -- broadcast
      expect(await startBroadcast(deps, req)).toEqual({ noticeId: "N-TEST-1", groups: 1000 }); // the command delivered twice

      // Replies share the limits: a chatty group, and a late group whose reply must not wait for the broadcast.
      for (let i = 0; i < 8; i++) await rt.outbox.send({ platform: "telegram", chatId: tgName(1), text: `回复 ${i}` });
      await rt.outbox.send({ platform: "telegram", chatId: tgName(900), text: "您的订单已收到" });

      await vi.waitFor(() => expect(events.some((e) => e.type === "broadcast.report")).toBe(true), {
        timeout: 40_000,
        interval: 25,
      });
      await rt.drain(10_000);

      const notice = (c: { text: string }) => c.text === req.text;
      const all = [...tg.calls, ...wx.calls];
      const delivered = new Map<string, number>();
      for (const c of all) if (c.ok && notice(c)) delivered.set(c.chatId, (delivered.get(c.chatId) ?? 0) + 1);
      // each group exactly once, none missed (but the removed one and the broken one)
      const expected = [
        ...Array.from({ length: 950 }, (_, i) => tgName(i)),
        ...Array.from({ length: 50 }, (_, i) => wxName(i)),
      ]
        .filter((c) => c !== tgName(5) && c !== tgName(20))
        .map((c) => (c === tgName(25) ? "tg-0025-super" : c));
      expect(delivered.size).toBe(998);
      for (const c of expected) expect(delivered.get(c), c).toBe(1);
      expect(all.some((c) => c.chatId === "tg-old")).toBe(false);

      // limits, from the recorded times of every request (refused ones count too)
      const busiest = maxInWindow(
        tg.calls.map((c) => c.at),
        TG.global.windowMs,
      );
      expect(busiest).toBeLessThanOrEqual(TG.global.limit);
      expect(
        maxInWindowPerKey(
          tg.calls.map((c) => ({ key: c.chatId, at: c.at })),
          TG.perChat.windowMs,
        ).max,
      ).toBeLessThanOrEqual(TG.perChat.limit);
      expect(minGap(wx.calls.map((c) => c.at))).toBeGreaterThanOrEqual(WX.minIntervalMs);
      // the global limit bound the pace: 960-odd Telegram requests at 50 per 500 ms take at least 9 s
      const span = Math.max(...tg.calls.map((c) => c.at)) - Math.min(...tg.calls.map((c) => c.at));
      expect(span).toBeGreaterThanOrEqual((tg.calls.length / TG.global.limit - 1) * TG.global.windowMs);

      // the chatty group: all 8 replies and the notice, 3 a second
      expect(tg.calls.filter((c) => c.chatId === tgName(1) && c.ok)).toHaveLength(9);
      // a reply is not queued behind a 1,000-group broadcast
      const late = tg.calls.filter((c) => c.chatId === tgName(900));
      expect(late.map((c) => c.text)).toEqual(["您的订单已收到", req.text]);
      const noticesAfter = tg.calls.filter((c) => notice(c) && c.at > late[0]!.at).length;
      expect(noticesAfter).toBeGreaterThan(tg.calls.filter(notice).length / 2);

      // 429: retried after retry_after, no attempt used; flaky: retried with backoff; broken: given up after 3
      const limited = tg.calls.filter((c) => c.chatId === tgName(10));
      expect(limited).toHaveLength(2);
      expect(limited[1]!.at - limited[0]!.at).toBeGreaterThanOrEqual(300);
      const flaky = tg.calls.filter((c) => c.chatId === tgName(15));
      expect(flaky.map((c) => c.ok)).toEqual([false, false, true]);
      expect(flaky[1]!.at - flaky[0]!.at).toBeGreaterThanOrEqual(50);
      expect(tg.calls.filter((c) => c.chatId === tgName(20))).toHaveLength(3);

      // a group that became a supergroup: rebound, and the notice sent to its new id
      expect(await db.prisma.chatGroup.count({ where: { chatId: "tg-0025-super" } })).toBe(1);
      expect(tg.calls.filter((c) => c.chatId === tgName(25))).toHaveLength(1);

      // the removed group: inactive, reported failed, not retried
      expect(tg.calls.filter((c) => c.chatId === tgName(5))).toHaveLength(1);
      expect((await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: tgName(5) } })).active).toBe(false);
      const rows = await db.prisma.noticeDelivery.groupBy({
        by: ["status"],
        where: { noticeId: "N-TEST-1" },
        _count: true,
      });
      expect(Object.fromEntries(rows.map((r) => [r.status, r._count]))).toEqual({ sent: 998, failed: 2 });

      // events: one `broadcast` per delivered group, one report with the right counts
      const bc = events.filter((e) => e.type === "broadcast");
      expect(bc).toHaveLength(998);
      expect(new Set(bc.map((e) => e.chat)).size).toBe(998);
      expect(bc[0]).toMatchObject({ kind: "notice", noticeId: "N-TEST-1", text: req.text });
      const reports = events.filter((e) => e.type === "broadcast.report");
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ chat: "gov", noticeId: "N-TEST-1", delivered: 998, total: 1000 });
      expect(reports[0]!.failed).toEqual(
        expect.arrayContaining([
          { chat: tgName(5), reason: "bot removed" },
          { chat: tgName(20), reason: "chat not found" },
        ]),
      );
      const reportSends = tg.calls.filter((c) => c.chatId === "gov" && c.text.startsWith("通知 N-TEST-1"));
      expect(reportSends).toHaveLength(1);
      expect(reportSends[0]!.text).toContain("已送达 998/1000 个群；失败 2 个：东村群5：机器人已被移出群");
      expect(reportSends[0]!.text).toContain("通知 N-TEST-1 已送达 998/1000 个群；失败 2 个");

      // the broadcast job run again afterwards: nothing sent twice, no second report
      const before = all.length;
      await startBroadcast(deps, req);
      await rt.drain(5000);
      await new Promise((r) => setTimeout(r, 200));
      expect(tg.calls.length + wx.calls.length).toBe(before);
      expect(events.filter((e) => e.type === "broadcast.report")).toHaveLength(1);
    } finally {
      await rt.close();
    }
  }, 60_000);

  it("sends an anti-rumour message with its header and office to one village's grid only", async () => {
    const tg = new RecordingAdapter("telegram");
    const wx = new RecordingAdapter("wechat");
    const { events, deps, rt } = await liveApp(tg, wx, { limits: { wechat: { minIntervalMs: 5, jitterMs: 5 } } });
    try {
      await db.prisma.setting.upsert({
        where: { key: "broadcast.office" },
        create: { key: "broadcast.office", value: "西村防疫办" },
        update: { value: "西村防疫办" },
      });
      const r = await startBroadcast(deps, {
        kind: "rumour",
        text: "网传明天封路断水断电，不实。",
        scope: { village: "西村", grid: "2" },
        issuedBy: "u_off",
        replyTo: { platform: "telegram", chatId: "gov" },
      });
      expect(r.groups).toBe(10);
      expect(r.noticeId).toMatch(/^N[0-9A-F]{8}$/);
      await vi.waitFor(() => expect(events.some((e) => e.type === "broadcast.report")).toBe(true), {
        timeout: 20_000,
        interval: 25,
      });
      expect(wx.calls.map((c) => c.chatId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => wxName(40 + i)));
      expect(wx.calls[0]!.text).toBe("【辟谣】\n网传明天封路断水断电，不实。\n——西村防疫办");
      expect(events.filter((e) => e.type === "broadcast").every((e) => e.kind === "rumour")).toBe(true);
      await vi.waitFor(() => expect(tg.calls.some((c) => c.chatId === "gov")).toBe(true), {
        timeout: 5000,
        interval: 25,
      });
      expect(tg.calls.map((c) => c.chatId)).toEqual(["gov"]);
      expect(tg.calls[0]!.text).toContain("已送达 10/10 个群；失败 0 个");
    } finally {
      await db.prisma.setting.deleteMany({ where: { key: "broadcast.office" } });
      await rt.close();
    }
  });

  it("records each outcome once and reports once, with an outbox that sends at once (as in simulate)", async () => {
    const events: DomainEvent[] = [];
    const said: Array<{ chat: string; text: string }> = [];
    const deps = await app(
      (a) => ({
        async send(m, o) {
          said.push({ chat: m.chatId, text: m.text });
          if (o?.notice)
            await recordDelivery(
              a(),
              o.notice.id,
              o.notice.chatGroupId,
              m.chatId === wxName(41) ? { ok: false, reason: "bot removed" } : { ok: true },
            );
        },
      }),
      events,
    );
    const r = await startBroadcast(deps, {
      kind: "notice",
      text: "今晚8点核酸检测",
      scope: { village: "西村", grid: "2" },
      issuedBy: "u_off",
      replyTo: { platform: "telegram", chatId: "gov" },
      noticeId: "N-SIM",
    });
    expect(r).toEqual({ noticeId: "N-SIM", groups: 10 });
    expect(events.map((e) => e.type)).toEqual([...Array(9).fill("broadcast"), "broadcast.report"]);
    expect(events.at(-1)).toMatchObject({
      delivered: 9,
      total: 10,
      failed: [{ chat: wxName(41), reason: "bot removed" }],
    });
    expect(said.at(-1)).toEqual({
      chat: "gov",
      text: expect.stringContaining("通知 N-SIM 已送达 9/10 个群；失败 1 个：西村群41：机器人已被移出群"),
    });

    const row = await db.prisma.noticeDelivery.findFirstOrThrow({ where: { noticeId: "N-SIM", status: "sent" } });
    await recordDelivery(deps, "N-SIM", row.chatGroupId, { ok: true });
    await recordDelivery(deps, "N-SIM", row.chatGroupId, { ok: false, reason: "late failure" });
    expect(events).toHaveLength(10);
    expect(
      (
        await db.prisma.noticeDelivery.findUniqueOrThrow({
          where: { noticeId_chatGroupId: { noticeId: "N-SIM", chatGroupId: row.chatGroupId } },
        })
      ).status,
    ).toBe("sent");
    await startBroadcast(deps, {
      kind: "notice",
      text: "今晚8点核酸检测",
      scope: { village: "西村", grid: "2" },
      issuedBy: "u_off",
      replyTo: { platform: "telegram", chatId: "gov" },
      noticeId: "N-SIM",
    });
    expect(said).toHaveLength(11);

    // nothing in scope: the official still hears back
    const none = await startBroadcast(deps, {
      kind: "notice",
      text: "x",
      scope: { village: "没有这个村" },
      issuedBy: "u_off",
      replyTo: { platform: "telegram", chatId: "gov" },
    });
    expect(none.groups).toBe(0);
    expect(said.at(-1)!.text).toContain("已送达 0/0 个群");
  });
});
