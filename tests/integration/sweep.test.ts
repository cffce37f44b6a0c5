// Redis lost its jobs: the sweep finds, from the database, what should have happened
// by now and does it, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { sweep } from "../../src/app/sweep";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("sweep", () => {
  it("builds missed batches, reminds, escalates and sends the morning reminder, each once", async () => {
    const app = await makeTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g2", "r2", "9-1-101 50元套餐1份"));
    // The scheduler's jobs are gone: nothing runs unless the sweep finds it.
    app.clock.advanceTo(new Date("2026-12-05T19:59:00+08:00"));
    expect(await sweep(app.deps)).toEqual({
      cutoffs: 0,
      reminders: 0,
      escalations: 0,
      mornings: 0,
      demandChecks: 0,
      resent: 0,
    });
    app.clock.advanceTo(new Date("2026-12-05T20:05:00+08:00"));
    expect((await sweep(app.deps)).cutoffs).toBe(2);
    expect(app.ofType("batch.ready")).toHaveLength(2);
    expect((await sweep(app.deps)).cutoffs).toBe(0);
    expect(app.ofType("batch.ready")).toHaveLength(2);
    app.clock.advanceTo(new Date("2026-12-05T21:10:00+08:00"));
    expect((await sweep(app.deps)).reminders).toBe(2);
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    app.clock.advanceTo(new Date("2026-12-05T23:10:00+08:00"));
    const s = await sweep(app.deps);
    expect(s).toMatchObject({ reminders: 0, escalations: 1 });
    expect(app.ofType("batch.escalated")[0]).toMatchObject({ grid: "2" });
    app.clock.advanceTo(new Date("2026-12-06T07:30:00+08:00"));
    expect((await sweep(app.deps)).mornings).toBe(1);
    expect((await sweep(app.deps)).mornings).toBe(0);
    expect(app.ofType("delivery.reminder")).toHaveLength(1);
  });

  it("runs the delivery date's demand check whose job was lost, once the date's orders are all batched, and once", async () => {
    await db.exec(
      `TRUNCATE "Order", "OrderLine", "Batch", "Household", "InboundMessage", "Setting", "OfficialAlert" CASCADE`,
    );
    const app = await makeTestApp(db, "2026-12-05T08:00:00+08:00");
    await db.prisma.stockReport.create({
      data: { commodity: "PKG50", stock: 1, dailyUse: 1, reportedBy: "off_a", at: new Date("2026-12-05T00:00:00Z") },
    });
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g2", "r2", "9-1-101 50元套餐1份"));
    const demand = () => app.ofType("alert").filter((e) => e.reason === "demand");
    // The jobs are gone (the cut-offs' and the demand check's): the sweep makes the batches;
    // the check is due once both grids' orders are in them.
    app.clock.advanceTo(new Date("2026-12-05T20:05:00+08:00"));
    const first = await sweep(app.deps);
    expect(first).toMatchObject({ cutoffs: 2, demandChecks: 1 });
    expect(demand().map((e) => [e.sku, e.demand, e.stock, e.deliveryDate])).toEqual([["PKG50", 2, 1, "2026-12-06"]]);
    // recorded as done: the next sweeps leave it
    expect((await sweep(app.deps)).demandChecks).toBe(0);
    expect(demand()).toHaveLength(1);
  });

  it("does not check again a date whose check ran with no stock reported: a first stock report after the delivery raises no alert about it", async () => {
    await db.exec(
      `TRUNCATE "Order", "OrderLine", "Batch", "Household", "InboundMessage", "Setting", "OfficialAlert", "StockReport" CASCADE`,
    );
    const app = await makeTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g2", "r2", "9-1-101 50元套餐1份"));
    const demand = () => app.ofType("alert").filter((e) => e.reason === "demand");
    // the cut-offs and the date's demand check run as jobs (nothing lost): no stock reported, nothing to say
    await app.scheduler.runUntil(new Date("2026-12-05T20:01:00+08:00"));
    expect(app.ofType("batch.ready")).toHaveLength(2);
    expect(demand()).toEqual([]);
    // the 6th's orders are delivered; on the 7th the officials report stock for the first time
    app.clock.advanceTo(new Date("2026-12-07T09:00:00+08:00"));
    await db.prisma.stockReport.create({
      data: { commodity: "PKG50", stock: 1, dailyUse: 1, reportedBy: "off_a", at: app.clock.now() },
    });
    // the sweep has no lost check to run: the 6th's was run, when its orders were all batched
    expect((await sweep(app.deps)).demandChecks).toBe(0);
    expect(demand()).toEqual([]);
  });
});
