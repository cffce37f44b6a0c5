// The order flow end to end on the real PostgreSQL: understood, checked, stored once, answered.
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

const fresh = (start?: string): Promise<TestApp> => freshTestApp(db, start);

describe("placing an order", () => {
  it("stores a package order from the text once and answers with the delivery date", async () => {
    const app = await fresh();
    const m = msg(app, "g1", "r1", "3-2-501 张三 100元套餐1份", { id: "wx-1" });
    await handleMessage(app.deps, m);
    await handleMessage(app.deps, m); // the platform delivers it again
    const acc = app.ofType("order.accepted");
    expect(acc).toHaveLength(1);
    expect(acc[0]).toMatchObject({
      household: "3-2-501",
      deliveryDate: "2026-12-06",
      items: [{ sku: "PKG100", qty: 1 }],
    });
    expect(await db.prisma.order.count()).toBe(1);
    expect(app.said("g1")).toHaveLength(1);
    expect(app.said("g1")[0]).toContain("12月6日");
    expect(app.said("g1")[0]).toContain("100元套餐×1份");
  });

  it("takes the household from the sender's display name and remembers it", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "100元套餐1份", { name: "2-1-101 王" }));
    expect(app.ofType("order.accepted")[0]).toMatchObject({ household: "2-1-101" });
    const member = await db.prisma.member.findFirst({ where: { userId: "r1" }, include: { household: true } });
    expect(member?.household?.code).toBe("2-1-101");
    // later, without an address in text or name, the remembered household is used
    await handleMessage(app.deps, msg(app, "g1", "r1", "取消订单", { name: "王" }));
    expect(app.ofType("order.cancelled")[0]).toMatchObject({ household: "2-1-101" });
  });

  it("refuses an order without a household, with an example", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r9", "100元套餐1份", { name: "小李" }));
    expect(app.ofType("order.rejected")[0]).toMatchObject({ reason: "NO_HOUSEHOLD", household: null });
    expect(app.said("g1")[0]).toContain("3-2-501 张三 100元套餐1份");
  });

  it("one order per household every two days: TOO_SOON with the date, then accepted", async () => {
    const app = await fresh("2026-12-01T09:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "5-1-101 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "5-1-101 鸡蛋1盒", { at: "2026-12-02T10:00:00+08:00" }));
    expect(app.ofType("order.rejected")[0]).toMatchObject({ reason: "TOO_SOON", nextDate: "2026-12-03" });
    expect(app.said("g1").at(-1)).toContain("12月3日");
    await handleMessage(app.deps, msg(app, "g1", "r1", "5-1-101 鸡蛋1盒", { at: "2026-12-03T07:00:00+08:00" }));
    expect(app.ofType("order.accepted")).toHaveLength(2);
  });

  it("a cancelled order does not block a new one", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "5-1-102 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "5-1-102 取消订单"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "5-1-102 100元套餐1份"));
    expect(app.ofType("order.accepted")).toHaveLength(2);
  });

  it("rations: OVER_LIMIT above the per-order limit", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "6-1-101 150元套餐3份"));
    expect(app.ofType("order.rejected")[0]).toMatchObject({ reason: "OVER_LIMIT", sku: "PKG150", max: 2 });
    expect(app.ofType("order.accepted")).toHaveLength(0);
  });

  it("orders the allowed part of a mixed message and refuses the rest", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "3-1-502 秦 香烟一条 鸡蛋一盒"));
    expect(app.ofType("order.accepted")[0]).toMatchObject({ items: [{ sku: "EGGS", qty: 1 }] });
    expect(app.ofType("order.rejected")[0]).toMatchObject({ reason: "CATEGORY_NOT_ALLOWED" });
    expect(app.said("g1")[0]).toMatch(/未受理/);
  });

  it("stays silent on chatter", async () => {
    const app = await fresh();
    for (const t of ["谢谢团长", "好的好的", "[语音]", "套餐里有鸡蛋吗？"])
      await handleMessage(app.deps, msg(app, "g1", "r3", t, { name: "赵" }));
    expect(app.sent).toHaveLength(0);
    expect(app.events).toHaveLength(0);
  });

  it("masks phone numbers in replies", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "9-1-902 王 100套餐*2，联系电话13900001111"));
    expect(app.ofType("order.accepted")).toHaveLength(1);
    for (const t of app.said("g1")) expect(t).not.toContain("13900001111");
  });
});

describe("amend, cancel, status", () => {
  it("amends the open order, answers status, cancels", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "50元套餐1份", { name: "2-1-101 王" }));
    await handleMessage(app.deps, msg(app, "g1", "r1", "改成100元套餐", { name: "2-1-101 王" }));
    expect(app.ofType("order.amended")[0]).toMatchObject({ household: "2-1-101", items: [{ sku: "PKG100", qty: 1 }] });
    await handleMessage(app.deps, msg(app, "g1", "r1", "订单查询 2-1-101"));
    expect(app.said("g1").at(-1)).toContain("100元套餐");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 取消订单"));
    expect(app.ofType("order.cancelled")).toHaveLength(1);
    const o = await db.prisma.order.findFirstOrThrow({ include: { lines: true } });
    expect(o.status).toBe("cancelled");
    expect(o.lines.map((l) => [l.sku, l.qty])).toEqual([["PKG100", 1]]);
  });

  it("takes out only the goods named, swaps goods, and adds to the open order", async () => {
    const app = await fresh();
    const as = { name: "3-3-303 李" };
    await handleMessage(app.deps, msg(app, "g1", "r1", "100元套餐1份 鸡蛋1盒 奶粉1罐", as));
    await handleMessage(app.deps, msg(app, "g1", "r1", "鸡蛋不要了", as));
    expect(app.ofType("order.amended").at(-1)).toMatchObject({
      items: [
        { sku: "PKG100", qty: 1 },
        { sku: "FORMULA", qty: 1 },
      ],
    });
    expect(app.ofType("order.cancelled")).toHaveLength(0);
    await handleMessage(app.deps, msg(app, "g1", "r1", "把奶粉换成牛奶", as));
    expect(app.ofType("order.amended").at(-1)).toMatchObject({
      items: [
        { sku: "PKG100", qty: 1 },
        { sku: "MILK", qty: 1 },
      ],
    });
    await handleMessage(app.deps, msg(app, "g1", "r1", "再加一盒鸡蛋", as));
    expect(app.ofType("order.amended").at(-1)).toMatchObject({
      items: [
        { sku: "PKG100", qty: 1 },
        { sku: "MILK", qty: 1 },
        { sku: "EGGS", qty: 1 },
      ],
    });
    expect(app.ofType("order.rejected")).toHaveLength(0);
    expect(await db.prisma.order.count()).toBe(1);
  });

  it("an amendment without an open order is answered, not invented", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "4-2-602 鸡蛋改成2盒"));
    expect(app.ofType("order.amended")).toHaveLength(0);
    expect(app.said("g1")[0]).toContain("没有可修改");
  });
});

describe("medicine requests", () => {
  it("are noted for the volunteers' list and marked bought", async () => {
    const app = await fresh();
    await handleMessage(app.deps, msg(app, "g1", "r1", "4-1-101 王爷爷 需要阿司匹林 1盒"));
    await handleMessage(app.deps, msg(app, "g1", "r2", "9组2号 帮买降糖药 格列美脲 2盒"));
    expect(app.ofType("medicine.requested").map((e) => e.household)).toEqual(["4-1-101", "9-2"]);
    expect(app.said("g1")[0]).toContain("已登记");
    await handleMessage(app.deps, msg(app, "g1", "r1", "/medicines"));
    expect(app.ofType("denied").at(-1)).toMatchObject({ reason: "NOT_LEADER" });
    await handleMessage(app.deps, msg(app, "g1", "vol_a", "/medicines"));
    expect(app.said("g1").at(-1)).toMatch(/1\. 4-1-101：阿司匹林×1\n2\. 9-2：格列美脲×2/);
    await handleMessage(app.deps, msg(app, "g1", "vol_a", "/bought 4-1-101"));
    await handleMessage(app.deps, msg(app, "g1", "vol_a", "/medicines"));
    expect(app.said("g1").at(-1)).not.toContain("4-1-101");
    expect(app.ofType("order.accepted")).toHaveLength(0);
  });
});

describe("concurrency", () => {
  it("the same message delivered five times at once orders once", async () => {
    const app = await fresh();
    const m = msg(app, "g1", "r1", "7-7-707 100元套餐1份", { id: "dup-1" });
    await Promise.all(Array.from({ length: 5 }, () => handleMessage(app.deps, m)));
    expect(await db.prisma.order.count()).toBe(1);
    expect(app.ofType("order.accepted")).toHaveLength(1);
  });

  it("ten different messages for one household at once: one order, nine TOO_SOON", async () => {
    const app = await fresh();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => handleMessage(app.deps, msg(app, "g1", `r${i}`, "8-8-808 50元套餐1份"))),
    );
    expect(await db.prisma.order.count()).toBe(1);
    expect(app.ofType("order.rejected").filter((e) => e.reason === "TOO_SOON")).toHaveLength(9);
  });
});
