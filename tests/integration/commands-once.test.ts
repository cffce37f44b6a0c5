// Leaders' and officials' commands act once, on the batch they were meant for, and only
// where they belong: a redelivered message (a restart, Telegram redelivering an update)
// changes nothing twice; a command handled late never touches a batch posted after it
// was written; rationing and bind codes stay in the officials' chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function twoDays(app: TestApp) {
  await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T09:00:00+08:00" }));
  await app.scheduler.runUntil(new Date("2026-12-05T20:00:05+08:00"));
}

describe("commands delivered twice act once", () => {
  it("a redelivered 确认 does not confirm the next day's batch", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await twoDays(app);
    const confirm = msg(app, "g1", "lead_a", "确认", { id: "c-1", at: "2026-12-05T20:10:00+08:00" });
    await handleMessage(app.deps, confirm);
    expect(app.ofType("batch.confirmed")).toHaveLength(1);
    // The next day another household orders; the next batch is posted.
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 50元套餐1份", { at: "2026-12-06T09:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-06T20:00:05+08:00"));
    expect(app.ofType("batch.ready")).toHaveLength(2);
    // After a restart the platform delivers yesterday's 确认 again.
    await handleMessage(app.deps, { ...confirm });
    expect(app.ofType("batch.confirmed")).toHaveLength(1);
    const next = await db.prisma.batch.findFirstOrThrow({ where: { deliveryDate: "2026-12-07" } });
    expect(next.status).toBe("ready");
  });

  it("a 确认 written before a batch was posted never confirms that batch, even handled after it", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await twoDays(app);
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认", { at: "2026-12-05T20:10:00+08:00" }));
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 50元套餐1份", { at: "2026-12-06T09:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-06T20:00:05+08:00"));
    // A second 确认 the leader typed at 19:59 (a different message), handled only now.
    await handleMessage(app.deps, { ...msg(app, "g1", "lead_a", "确认"), at: new Date("2026-12-06T19:59:00+08:00") });
    expect(app.ofType("batch.confirmed")).toHaveLength(1);
    expect(app.said("g1").at(-1)).toContain("没有待确认的批次");
  });

  it("a repeated 已送达 marks one batch; /paid is answered once", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await twoDays(app);
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认", { at: "2026-12-05T20:10:00+08:00" }));
    // Tomorrow's batch is confirmed too before today's delivery is reported.
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 50元套餐1份", { at: "2026-12-05T20:30:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-06T20:00:05+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认", { at: "2026-12-06T20:10:00+08:00" }));
    expect(app.ofType("batch.confirmed")).toHaveLength(2);

    const delivered = msg(app, "g1", "lead_a", "已送达", { id: "d-1", at: "2026-12-06T20:20:00+08:00" });
    await handleMessage(app.deps, delivered);
    await handleMessage(app.deps, { ...delivered });
    expect(app.ofType("batch.delivered")).toHaveLength(1);
    // Another 已送达 the same evening does not mark the batch due tomorrow.
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "已送达", { at: "2026-12-06T20:21:00+08:00" }));
    expect(app.ofType("batch.delivered")).toHaveLength(1);
    expect(await db.prisma.batch.count({ where: { status: "delivered" } })).toBe(1);

    const said = app.said("g1").length;
    const paid = msg(app, "g1", "lead_a", "/paid 2-1-102", { id: "p-1" });
    await handleMessage(app.deps, paid);
    await handleMessage(app.deps, { ...paid });
    expect(app.ofType("order.paid")).toHaveLength(1);
    expect(app.said("g1")).toHaveLength(said + 1);
  });
});

describe("a batch never confirmed by its delivery day", () => {
  it("moves into the next batch at its cut-off, so a bare 确认 confirms what can still be delivered", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await twoDays(app); // 12-06's batch posted at 20:00 on 12-05; the leader never confirms it
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 50元套餐1份", { at: "2026-12-06T09:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-06T20:00:05+08:00"));
    const old = await db.prisma.batch.findFirstOrThrow({ where: { deliveryDate: "2026-12-06" } });
    expect(old).toMatchObject({ status: "merged" });
    const next = await db.prisma.batch.findFirstOrThrow({ where: { deliveryDate: "2026-12-07" } });
    expect(await db.prisma.order.count({ where: { batchId: next.id } })).toBe(2);
    expect(app.ofType("batch.ready").at(-1)).toMatchObject({ orders: 2, deliveryDate: "2026-12-07" });
    expect(app.said("g1").find((t) => t.includes("12月6日的批次没有确认"))).toBeDefined();
    expect(app.ofType("order.deferred")).toEqual([
      expect.objectContaining({ household: "2-1-101", from: "2026-12-06", deliveryDate: "2026-12-07" }),
    ]);
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认", { at: "2026-12-06T20:05:00+08:00" }));
    expect(app.ofType("batch.confirmed")).toEqual([expect.objectContaining({ batchId: next.id })]);
    expect(app.ofType("announce")[0]!.deliveryDate).toBe("2026-12-07");
  });
});

describe("officials' commands stay in the officials' chat", () => {
  it("/limit in a residents' group changes nothing and says where to use it", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await db.prisma.limit.deleteMany({});
    await handleMessage(app.deps, msg(app, "g1", "off_a", "/limit PKG100 1"));
    expect(await db.prisma.limit.count()).toBe(0);
    expect(app.said("g1").at(-1)).toContain("工作群");
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/limit PKG100 1 李家村"));
    const v = await db.prisma.village.findFirstOrThrow({ where: { name: "李家村" } });
    expect(await db.prisma.limit.findMany({ select: { villageId: true, sku: true, maxQty: true } })).toEqual([
      { villageId: v.id, sku: "PKG100", maxQty: 1 },
    ]);
  });

  it("/limit takes a sku or a catalog name, and refuses 0, huge numbers and unknown goods", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await db.prisma.limit.deleteMany({});
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/limit 100元套餐 2"));
    expect(await db.prisma.limit.findMany({ select: { sku: true, maxQty: true } })).toEqual([
      { sku: "PKG100", maxQty: 2 },
    ]);
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/limit PKG100 0"));
    expect(app.said("gov").at(-1)).toContain("限购数量应为1到99");
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/limit PKG100 99999999999"));
    expect(app.said("gov").at(-1)).toContain("格式");
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/limit 香烟 2"));
    expect(app.said("gov").at(-1)).toContain("没有找到商品");
    expect(await db.prisma.limit.findMany({ select: { sku: true, maxQty: true } })).toEqual([
      { sku: "PKG100", maxQty: 2 },
    ]);
  });

  it("/bindcode never posts a live code where residents read", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "off_a", "/bindcode 李家村 1"));
    const text = app.said("g1").at(-1)!;
    expect(text).not.toMatch(/\d{6}/);
    expect(await db.prisma.bindCode.count()).toBe(0);
  });
});
