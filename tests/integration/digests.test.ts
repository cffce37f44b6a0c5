// Acknowledgement digests with a fixed clock: in a busy group the bot gathers what it
// would say after each order into one message every few minutes; the first in a quiet
// group, and every answer to a question, is said at once; nobody's acknowledgement is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { sweep } from "../../src/app/sweep";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg, SAMPLE_SETUP, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
beforeAll(async () => {
  db = await openTestDatabase();
  const setup = structuredClone(SAMPLE_SETUP);
  setup.villages[0]!.digestMinutes = 5;
  app = await makeTestApp(db.prisma, "2026-12-05T19:40:00+08:00", setup);
});
afterAll(async () => { await db?.drop(); });

const order = (i: number, at: string) => handleMessage(app.deps, msg(app, "g1", `r${i}`, `2-1-${100 + i} 50元套餐1份`, { at }));

describe("acknowledgement digests", () => {
  it("say the first at once, gather the rest into one message every five minutes, answer questions at once", async () => {
    await order(1, "2026-12-05T19:40:00+08:00");
    expect(app.said("g1")).toEqual([expect.stringContaining("✅ 已收到 2-1-101")]);
    await order(2, "2026-12-05T19:40:30+08:00");
    await order(3, "2026-12-05T19:41:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r4", "2-1-104 香烟1条", { at: "2026-12-05T19:41:30+08:00" }));
    expect(app.said("g1")).toHaveLength(1); // gathered, not said one by one
    await handleMessage(app.deps, msg(app, "g1", "r1", "订单查询 2-1-101", { at: "2026-12-05T19:42:00+08:00" }));
    expect(app.said("g1").at(-1)).toContain("2-1-101 的订单"); // a question is answered at once
    expect(app.ofType("order.accepted")).toHaveLength(3); // each order is taken at once, whatever is said

    await app.scheduler.runUntil(new Date("2026-12-05T19:45:01+08:00"));
    const digest = app.said("g1").at(-1)!;
    expect(digest).toContain("✅ 已收到（截至19:45）");
    expect(digest).toContain("2-1-102：50元套餐×1份，12月6日送达");
    expect(digest).toContain("2-1-103");
    expect(digest).toContain("❌ 未受理");
    expect(digest).toContain("2-1-104");
    expect(app.sent.filter((m) => m.chatId === "g1").at(-1)!.lane).toBe("digest");

    await order(5, "2026-12-05T19:46:00+08:00");
    expect(app.said("g1")).toHaveLength(3);
    await app.scheduler.runUntil(new Date("2026-12-05T19:50:01+08:00"));
    expect(app.said("g1")).toHaveLength(4);
    expect(app.said("g1").at(-1)).toContain("2-1-105");
    // quiet again: said at once
    await order(6, "2026-12-05T19:56:00+08:00");
    expect(app.said("g1").at(-1)).toContain("✅ 已收到 2-1-106");
  });

  it("a digest whose job was lost is posted by the sweep", async () => {
    await order(7, "2026-12-05T19:57:00+08:00"); // within 5 minutes of 19:56: gathered
    const said = app.said("g1").length;
    // the job vanishes: the scheduler never runs it; the sweep finds the waiting line later
    app.clock.advanceTo(new Date("2026-12-05T20:20:00+08:00"));
    await sweep(app.deps);
    expect(app.said("g1").length).toBeGreaterThan(said);
    expect(app.said("g1").some((t) => t.includes("2-1-107"))).toBe(true);
    expect(await db.prisma.pendingAck.count({ where: { postedAt: null } })).toBe(0);
  });
});
