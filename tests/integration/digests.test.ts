// Acknowledgement digests with a fixed clock: in a busy group the bot gathers what it
// would say after each order into one message every few minutes; the first in a quiet
// group, and every answer to a question, is said at once; nobody's acknowledgement is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { digestDueAt, digestPhase } from "../../src/domain/digest-slots";
import { sweep } from "../../src/app/sweep";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg, SAMPLE_SETUP, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
beforeAll(async () => {
  db = await openTestDatabase();
  const setup = structuredClone(SAMPLE_SETUP);
  setup.villages[0]!.digestMinutes = 5;
  app = await makeTestApp(db, "2026-12-05T19:40:00+08:00", setup);
});
afterAll(async () => {
  await db?.drop();
});

const FIVE = 5 * 60_000;
const hhmm = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
const groupKey = async () => {
  const g = await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "g1" } });
  return `${g.platform}:${g.chatId}`;
};
const order = (i: number, at: string) =>
  handleMessage(app.deps, msg(app, "g1", `r${i}`, `2-1-${100 + i} 50元套餐1份`, { at }));

describe("acknowledgement digests", () => {
  it("say the first at once, gather the rest into one message every five minutes, answer questions at once", async () => {
    await order(1, "2026-12-05T19:40:00+08:00");
    expect(app.said("g1")).toEqual([expect.stringContaining("✅ 已收到 2-1-101")]);
    await order(2, "2026-12-05T19:40:30+08:00");
    await order(3, "2026-12-05T19:41:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r4", "2-1-104 香烟1条", { at: "2026-12-05T19:41:30+08:00" }));
    expect(app.said("g1")).toHaveLength(1); // gathered, not said one by one
    expect(app.ofType("order.accepted")).toHaveLength(3); // each order is taken at once, whatever is said

    // posted on the group's own slot: at least half a period after 19:40, at most one and a half
    const due = digestDueAt({
      groupKey: await groupKey(),
      now: Date.parse("2026-12-05T19:40:30+08:00"),
      lastSaidAt: Date.parse("2026-12-05T19:40:00+08:00"),
      everyMs: FIVE,
    });
    expect(due).toBeGreaterThanOrEqual(Date.parse("2026-12-05T19:42:30+08:00"));
    expect(due).toBeLessThan(Date.parse("2026-12-05T19:47:30+08:00"));
    await app.scheduler.runUntil(new Date(due - 1000));
    expect(app.said("g1")).toHaveLength(1); // not before its slot
    await app.scheduler.runUntil(new Date(due + 1000));
    const digest = app.said("g1").at(-1)!;
    expect(digest).toContain(`✅ 已收到（截至${hhmm(due)}）`);
    expect(digest).toContain("2-1-102：50元套餐×1份，12月6日送达");
    expect(digest).toContain("2-1-103");
    expect(digest).toContain("❌ 未受理");
    expect(digest).toContain("2-1-104");
    expect(app.sent.filter((m) => m.chatId === "g1").at(-1)!.lane).toBe("digest");

    // the next line waits for the next slot, one period later
    await order(5, new Date(due + 60_000).toISOString());
    expect(app.said("g1")).toHaveLength(2);
    await app.scheduler.runUntil(new Date(due + FIVE - 1000));
    expect(app.said("g1")).toHaveLength(2);
    await app.scheduler.runUntil(new Date(due + FIVE + 1000));
    expect(app.said("g1")).toHaveLength(3);
    expect(app.said("g1").at(-1)).toContain("2-1-105");

    // quiet again: said at once
    await order(6, new Date(due + 2 * FIVE + 60_000).toISOString());
    expect(app.said("g1").at(-1)).toContain("✅ 已收到 2-1-106");
  });

  it("a digest whose job was lost is posted by the sweep", async () => {
    const last = (await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "g1" } })).ackSentAt!.getTime();
    await order(7, new Date(last + 60_000).toISOString()); // within 5 minutes of the last: gathered
    const said = app.said("g1").length;
    // the job vanishes: the scheduler never runs it; the sweep finds the waiting line later
    app.clock.advanceTo(new Date(last + 25 * 60_000));
    await sweep(app.deps);
    expect(app.said("g1").length).toBeGreaterThan(said);
    expect(app.said("g1").some((t) => t.includes("2-1-107"))).toBe(true);
    expect(await db.prisma.pendingAck.count({ where: { postedAt: null } })).toBe(0);
  });

  it("an answer said at once carries the waiting list; the slot then has nothing to post", async () => {
    const at = (hm: string) => `2026-12-07T${hm}:00+08:00`;
    const o = (i: number, hm: string) =>
      handleMessage(app.deps, msg(app, "g1", `r${i}`, `2-1-${100 + i} 50元套餐1份`, { at: at(hm) }));
    await o(21, "18:00");
    expect(app.said("g1").at(-1)).toContain("✅ 已收到 2-1-121"); // quiet: at once
    const said = app.said("g1").length;
    await o(22, "18:01");
    await o(23, "18:02");
    expect(app.said("g1")).toHaveLength(said);
    await handleMessage(app.deps, msg(app, "g1", "r21", "订单查询 2-1-121", { at: at("18:03") }));
    const answer = app.said("g1").at(-1)!;
    expect(answer).toContain("2-1-121 的订单");
    expect(answer).toContain("✅ 已收到（截至18:03）");
    expect(answer).toContain("2-1-122");
    expect(answer).toContain("2-1-123");
    expect(app.ofType("ack.digest").at(-1)).toMatchObject({ acks: 2, refusals: 0 });
    await app.scheduler.runUntil(new Date(at("18:15")));
    expect(
      app
        .said("g1")
        .slice(said + 1)
        .filter((t) => t.includes("2-1-122")),
    ).toEqual([]); // each line once
    expect(await db.prisma.pendingAck.count({ where: { postedAt: null } })).toBe(0);
    // with nothing waiting, an answer is just the answer
    await handleMessage(app.deps, msg(app, "g1", "r21", "订单查询 2-1-121", { at: at("18:16") }));
    expect(app.said("g1").at(-1)).not.toContain("已收到（截至");
  });

  it("spread a town's groups over the period, each posting on its own slot", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `group-${i}`);
    const phases = ids.map((id) => digestPhase(id, FIVE));
    for (const p of phases) expect(p >= 0 && p < FIVE).toBe(true);
    // no minute of the five holds more than a third of the town's digests
    const perMinute = [0, 1, 2, 3, 4].map((m) => phases.filter((p) => Math.floor(p / 60_000) === m).length);
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(10);
    // a slot is at/after now, half a period after the last message, and on the group's phase
    for (const id of ids) {
      const now = Date.parse("2026-12-05T19:41:17+08:00");
      const due = digestDueAt({ groupKey: id, now, lastSaidAt: null, everyMs: FIVE });
      expect(due).toBeGreaterThanOrEqual(now);
      expect(due - now).toBeLessThan(FIVE);
      expect((due - digestPhase(id, FIVE)) % FIVE).toBe(0);
      const after = digestDueAt({ groupKey: id, now, lastSaidAt: now - 10_000, everyMs: FIVE });
      expect(after - (now - 10_000)).toBeGreaterThanOrEqual(FIVE / 2);
    }
  });
});
