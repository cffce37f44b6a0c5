// Batches at the cut-off, the leader's confirmation, announcements, reminders and escalation,
// through the same job handlers the live workers run, on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { runCutoff } from "../../src/app/batches";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const fresh = (start?: string): Promise<TestApp> => freshTestApp(db, start);

async function orderDay(app: TestApp) {
  await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 王 50元套餐1份", { at: "2026-12-05T08:30:00+08:00" }));
  await handleMessage(
    app.deps,
    msg(app, "g1", "r2", "2-1-102 李 100元套餐1份 奶粉1罐", { at: "2026-12-05T09:00:00+08:00" }),
  );
  await handleMessage(
    app.deps,
    msg(app, "g1", "vol_a", "代下单 3-1-101 王奶奶 50元套餐1份", { at: "2026-12-05T09:30:00+08:00" }),
  );
  await handleMessage(app.deps, msg(app, "g2", "r5", "9-9-901 100元套餐1份", { at: "2026-12-05T10:00:00+08:00" }));
}

describe("cut-off and batch", () => {
  it("builds one batch per grid at the cut-off, special households first, addressed to the leader", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:01+08:00"));
    const ready = app.ofType("batch.ready");
    expect(ready.map((e) => [e.chat, e.grid, e.orders, e.deliveryDate])).toEqual([
      ["g1", "1", 3, "2026-12-06"],
      ["g2", "2", 1, "2026-12-06"],
    ]);
    const text = app.said("g1").at(-1)!;
    expect(text).toContain("@王团长");
    expect(text.indexOf("3-1-101")).toBeLessThan(text.indexOf("2-1-101"));
    expect(app.sent.at(-2)?.buttons?.[0]?.data).toMatch(/^confirm:/);
    // running the cut-off again changes nothing
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "1" } });
    await runCutoff(app.deps, grid.id);
    expect(app.ofType("batch.ready")).toHaveLength(2);
    expect(await db.prisma.batch.count()).toBe(2);
  });

  it("orders placed after the cut-off go to the day after", async () => {
    const app = await fresh("2026-12-05T20:30:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    expect(app.ofType("order.accepted")[0]).toMatchObject({ deliveryDate: "2026-12-07" });
  });

  it("only the leader confirms; then the group hears the pickup slots and changes are refused", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:10:00+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "/confirm"));
    expect(app.ofType("denied")[0]).toMatchObject({ chat: "g1", from: "r1", reason: "NOT_LEADER" });
    expect(app.ofType("batch.confirmed")).toHaveLength(0);
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    expect(app.ofType("batch.confirmed")[0]).toMatchObject({ chat: "g1", grid: "1", by: "lead_a" });
    const ann = app.ofType("announce")[0]!;
    expect(ann).toMatchObject({ chat: "g1", kind: "delivery", deliveryDate: "2026-12-06" });
    // capacity 2 a slot: the special household and 2-1-101 first, 2-1-102 in the next slot
    expect(ann.text).toContain("3-1-101：09:00-09:30");
    expect(ann.text).toContain("2-1-102：09:30-10:00");
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 取消订单"));
    expect(app.ofType("order.rejected").at(-1)).toMatchObject({ reason: "BATCH_CONFIRMED", household: "2-1-102" });
    expect(app.ofType("order.cancelled")).toHaveLength(0);
    // pressing the button again is harmless
    await handleMessage(
      app.deps,
      msg(app, "g1", "lead_a", "", { action: `confirm:${app.ofType("batch.ready")[0]!.batchId}` }),
    );
    expect(app.ofType("batch.confirmed")).toHaveLength(1);
  });

  it("a cut-off run again after the leader confirmed moves an order left outside the batch to the next date, and says so", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:10:00+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    const batch = app.ofType("batch.confirmed")[0]!.batchId as string;
    // An order of that date outside the batch (what the batch's lock keeps from happening).
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "1" } });
    const household = await db.prisma.household.create({
      data: { villageId: grid.villageId, gridId: grid.id, code: "5-1-101" },
    });
    const group = await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "g1" } });
    const stray = await db.prisma.order.create({
      data: {
        householdId: household.id,
        gridId: grid.id,
        chatGroupId: group.id,
        placedAt: new Date("2026-12-05T19:00:00+08:00"),
        deliveryDate: "2026-12-06",
        lines: { create: [{ sku: "PKG50", qty: 1, unitPriceCents: 5000 }] },
      },
    });
    expect(await runCutoff(app.deps, grid.id, "2026-12-06")).toMatchObject({ batchId: batch, orders: 3 });
    const moved = await db.prisma.order.findUniqueOrThrow({ where: { id: stray.id } });
    expect(moved.deliveryDate).toBe("2026-12-07");
    expect(app.ofType("order.deferred")).toEqual([
      expect.objectContaining({ household: "5-1-101", from: "2026-12-06", deliveryDate: "2026-12-07" }),
    ]);
    expect(app.said("g1").at(-1)).toContain("5-1-101");
    expect((await db.prisma.batch.findUniqueOrThrow({ where: { id: batch } })).status).toBe("confirmed");
  });

  it("a controlled zone is told door-to-door, no-contact delivery", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:10:00+08:00"));
    await handleMessage(app.deps, msg(app, "g2", "lead_b", "/confirm"));
    expect(app.ofType("announce")[0]!.text).toContain("送货上门");
    expect(app.ofType("announce")[0]!.text).toContain("无接触");
  });

  it("reminds the leader after one hour and tells the officials after three", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T21:00:00+08:00"));
    expect(
      app
        .ofType("batch.reminder")
        .map((e) => e.chat)
        .sort(),
    ).toEqual(["g1", "g2"]);
    await handleMessage(app.deps, msg(app, "g2", "lead_b", "确认"));
    await app.scheduler.runUntil(new Date("2026-12-05T23:30:00+08:00"));
    const esc = app.ofType("batch.escalated");
    expect(esc).toHaveLength(1);
    expect(esc[0]).toMatchObject({ chat: "gov", grid: "1" });
    expect(app.said("gov")[0]).toContain("李家村");
  });

  it("reminds households of their slot on the delivery morning", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:05:00+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    await app.scheduler.runUntil(new Date("2026-12-06T07:01:00+08:00"));
    const morning = app.ofType("delivery.reminder");
    expect(morning).toHaveLength(1);
    expect(morning[0]!.text).toContain("2-1-101");
  });

  it("the leader marks payments and sees who has not paid", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:05:00+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "/paid 2-1-101"));
    expect(app.ofType("order.paid")[0]).toMatchObject({ household: "2-1-101", unpaid: ["2-1-102", "3-1-101"] });
    expect(app.said("g1").at(-1)).toContain("未付款：2-1-102、3-1-101");
    await handleMessage(app.deps, msg(app, "g1", "r1", "/paid 2-1-102"));
    expect(app.ofType("denied").at(-1)).toMatchObject({ reason: "NOT_LEADER" });
  });

  it("the leader reports the batch delivered; status answers so", async () => {
    const app = await fresh();
    await orderDay(app);
    await app.scheduler.runUntil(new Date("2026-12-05T20:05:00+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "已送达"));
    expect(app.said("g1").at(-1)).toContain("没有已确认待送达"); // not confirmed yet
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "已送达", { at: "2026-12-06T11:00:00+08:00" }));
    expect(app.ofType("batch.delivered")[0]).toMatchObject({ orders: 3, by: "lead_a" });
    await handleMessage(app.deps, msg(app, "g1", "r1", "订单查询 2-1-101"));
    expect(app.said("g1").at(-1)).toContain("已送达");
  });

  it("a proxy order flags the household for priority", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "帮 3-1-102 李爷爷 订 100元套餐1份"));
    expect(app.ofType("order.accepted")[0]).toMatchObject({ household: "3-1-102", proxyBy: "lead_a" });
    const hh = await db.prisma.household.findFirstOrThrow({ where: { code: "3-1-102" } });
    expect(hh.specialCare).toBe(true);
  });
});

describe("接龙", () => {
  it("orders each entry; a repost adds lines and changes only the poster's own; a line missing from someone else's copy is kept", async () => {
    const app = await fresh();
    const v1 = "#接龙\n2号楼套餐团购 后天送\n\n1. 2-101 100元套餐 1份\n2. 2-202 50元套餐 1份";
    await handleMessage(app.deps, msg(app, "g1", "r1", v1));
    expect(app.ofType("order.accepted").map((e) => e.household)).toEqual(["2-101", "2-202"]);
    expect(app.said("g1")).toHaveLength(1);
    // r3 copies an older list: 2-202 is missing and 2-101 differs; r3 adds 2-303.
    const v2 = "#接龙\n2号楼套餐团购 后天送\n\n1. 2-101 100元套餐 2份\n2. 2-303 150元套餐 1份";
    await handleMessage(app.deps, msg(app, "g1", "r3", v2));
    expect(app.ofType("order.accepted").map((e) => e.household)).toEqual(["2-101", "2-202", "2-303"]);
    expect(app.ofType("order.amended")).toHaveLength(0); // not r3's line
    expect(app.ofType("order.cancelled")).toHaveLength(0); // another person's copy cancels nothing
    const summary = app.said("g1")[1]!;
    expect(summary).toContain("新增 1 户");
    expect(summary).toContain("少了 2-202");
    expect(summary).toContain("2-101 的内容与已登记的不同");
    // The line's owner (r1 put it there) changes it; the list kept 2-202 and 2-303 meanwhile.
    const v3 = "#接龙\n2号楼套餐团购 后天送\n\n1. 2-101 100元套餐 2份\n2. 2-202 50元套餐 1份\n3. 2-303 150元套餐 1份";
    await handleMessage(app.deps, msg(app, "g1", "r1", v3));
    expect(app.ofType("order.amended")).toEqual([
      expect.objectContaining({ household: "2-101", items: [{ sku: "PKG100", qty: 2 }] }),
    ]);
    expect(app.said("g1")[2]).toContain("修改 1 户");
  });
});
