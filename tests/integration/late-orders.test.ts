// An order sent before the cut-off but handled after the cut-off job built and posted
// the grid's batch (a backlog, a restart near 20:00, a slow transaction) must still
// end in exactly one batch, and its reply must name that batch's date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { sweep } from "../../src/app/sweep";
import type { InboundMessage } from "../../src/domain/messages";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** A message the household sent at `sent`, reaching the bot now (the app clock). */
function late(app: TestApp, from: string, text: string, sent: string, name?: string): InboundMessage {
  return { ...msg(app, "g1", from, text, name ? { name } : {}), at: new Date(sent) };
}

async function batchesOf(household: string) {
  const orders = await db.prisma.order.findMany({
    where: { household: { code: household } },
    include: { batch: true },
  });
  return orders.map((o) => ({
    status: o.status,
    deliveryDate: o.deliveryDate,
    batch: o.batch?.deliveryDate ?? null,
    batchStatus: o.batch?.status ?? null,
  }));
}

describe("orders handled after their cut-off ran", () => {
  it("join the posted batch while the leader has not confirmed; the list is posted again; confirming includes them", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T18:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:03+08:00"));
    expect(app.ofType("batch.ready")).toHaveLength(1);

    // Sent at 19:59:58, handled at 20:00:03: after the batch was posted.
    await handleMessage(app.deps, late(app, "r2", "2-1-102 100元套餐1份", "2026-12-05T19:59:58+08:00"));
    const accepted = app.ofType("order.accepted").at(-1)!;
    expect(accepted).toMatchObject({ household: "2-1-102", deliveryDate: "2026-12-06" });
    expect(app.said("g1").at(-1)).toContain("预计12月6日送达");
    expect(await batchesOf("2-1-102")).toEqual([
      { status: "open", deliveryDate: "2026-12-06", batch: "2026-12-06", batchStatus: "ready" },
    ]);

    // A minute later the leader sees the list again, with the late order and the button.
    await app.scheduler.runUntil(new Date("2026-12-05T20:02:00+08:00"));
    const update = app.ofType("batch.updated");
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({ chat: "g1", orders: 2, added: ["2-1-102"] });
    const updateMsg = app.sent.filter((m) => m.chatId === "g1").at(-1)!;
    expect(updateMsg.text).toContain("2-1-102");
    expect(updateMsg.buttons?.[0]?.data).toMatch(/^confirm:/);

    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认", { at: "2026-12-05T20:30:00+08:00" }));
    expect(app.ofType("batch.confirmed")).toHaveLength(1);
    expect(await batchesOf("2-1-102")).toEqual([
      { status: "confirmed", deliveryDate: "2026-12-06", batch: "2026-12-06", batchStatus: "confirmed" },
    ]);
    expect(app.ofType("announce")[0]!.text).toContain("2-1-102");
  });

  it("move to the next delivery date when the leader already confirmed, and the reply says so", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T18:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:01+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认", { at: "2026-12-05T20:00:20+08:00" }));
    expect(app.ofType("batch.confirmed")).toHaveLength(1);

    app.clock.advanceTo(new Date("2026-12-05T20:01:00+08:00"));
    await handleMessage(app.deps, late(app, "r2", "2-1-102 100元套餐1份", "2026-12-05T19:59:50+08:00"));
    expect(app.ofType("order.accepted").at(-1)).toMatchObject({
      household: "2-1-102",
      deliveryDate: "2026-12-07",
      deferredFrom: "2026-12-06",
    });
    const reply = app.said("g1").at(-1)!;
    expect(reply).toContain("预计12月7日送达");
    expect(reply).toContain("已赶不上12月6日的配送");

    // The next cut-off takes it: one batch, the one its household was told.
    await app.scheduler.runUntil(new Date("2026-12-06T20:00:05+08:00"));
    expect(await batchesOf("2-1-102")).toEqual([
      { status: "open", deliveryDate: "2026-12-07", batch: "2026-12-07", batchStatus: "ready" },
    ]);
  });

  it("make the batch at once when the cut-off found no order and has passed", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:02+08:00"));
    expect(app.ofType("batch.ready")).toHaveLength(0); // nothing to batch at 20:00

    await handleMessage(app.deps, late(app, "r2", "2-1-102 100元套餐1份", "2026-12-05T19:59:59+08:00"));
    expect(app.ofType("order.accepted").at(-1)).toMatchObject({ deliveryDate: "2026-12-06" });
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:30+08:00"));
    expect(app.ofType("batch.ready")).toEqual([
      expect.objectContaining({ chat: "g1", orders: 1, deliveryDate: "2026-12-06" }),
    ]);
    expect(await batchesOf("2-1-102")).toEqual([
      { status: "open", deliveryDate: "2026-12-06", batch: "2026-12-06", batchStatus: "ready" },
    ]);
  });

  it("no acknowledged order is left beside its batch: the sweep finds none to rescue", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T18:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:03+08:00"));
    await handleMessage(app.deps, late(app, "r2", "2-1-102 100元套餐1份", "2026-12-05T19:59:58+08:00"));
    // Every order the bot acknowledged is in a batch: the sweep finds nothing left beside one.
    expect((await sweep(app.deps)).cutoffs).toBe(0);
    const stray = await db.prisma.order.count({ where: { status: "open", batchId: null, deliveryDate: "2026-12-06" } });
    expect(stray).toBe(0);
  });

  it("changes to an order in a posted batch are posted to the leader, once a minute at most", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T18:00:00+08:00" }));
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 50元套餐1份", { at: "2026-12-05T18:01:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:03+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 改成100元套餐", { at: "2026-12-05T20:05:00+08:00" }));
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 取消订单", { at: "2026-12-05T20:05:20+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:08:00+08:00"));
    const updates = app.ofType("batch.updated");
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ orders: 1, changed: ["2-1-101"], removed: ["2-1-102"] });
  });
});
