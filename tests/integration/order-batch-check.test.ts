// An order's batch, checked once per statement (migration 20261129200000_order_batch_check):
// the rule the foreign key "Order"."batchId" → "Batch".id kept, without its lookup and lock
// for every row the cut-off moves; and the date's demand check, run once for a town's
// cut-offs instead of after each grid's (issue 14, the cut-off at a town's size).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchIdFor, demandCheckJob, runCutoff } from "../../src/app/batches";
import type { JobRequest } from "../../src/app/job-port";
import { handleMessage } from "../../src/app/handle-message";
import { checkDemandWhenDue } from "../../src/app/officials/stock";
import { batchLockKey, lock } from "../../src/db/locks";
import { openTestDatabase, TEST_DATABASE_URL } from "../support/db";
import { freshTestApp, msg, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** The SQLSTATE of what `p` failed with (Prisma's raw queries carry the driver's error as `cause`), or null. */
async function sqlState(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string; originalCode?: string }; meta?: { code?: string } };
    return err.meta?.code ?? err.cause?.originalCode ?? err.cause?.code ?? err.code ?? "unknown";
  }
}

async function twoOrders(app: TestApp): Promise<string[]> {
  await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T08:30:00+08:00" }));
  await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 100元套餐1份", { at: "2026-12-05T09:00:00+08:00" }));
  const orders = await db.prisma.order.findMany({ orderBy: { placedAt: "asc" }, select: { id: true } });
  return orders.map((o) => o.id);
}

describe("an order's batch must exist", () => {
  it("an order put in a batch that does not exist is refused as by the foreign key, and nothing moves", async () => {
    const app = await freshTestApp(db);
    const [a, b] = await twoOrders(app);
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "1" } });
    await db.prisma.batch.create({
      data: { id: "b_real", gridId: grid.id, deliveryDate: "2026-12-06", readyAt: new Date() },
    });
    // one order into a batch that is not there: 23503, as the foreign key said it
    expect(await sqlState(db.sql.run(`UPDATE "Order" SET "batchId" = 'b_none' WHERE id = $1`, a!))).toBe("23503");
    // a statement moving several, one of them into a missing batch: refused whole
    expect(
      await sqlState(
        db.sql.run(
          `UPDATE "Order" SET "batchId" = CASE WHEN id = $1 THEN 'b_real' ELSE 'b_none' END WHERE id = ANY($2::text[])`,
          a!,
          [a!, b!],
        ),
      ),
    ).toBe("23503");
    expect((await db.prisma.order.findMany({ where: { batchId: { not: null } } })).length).toBe(0);
    // through Prisma too
    expect(await sqlState(db.prisma.order.update({ where: { id: a! }, data: { batchId: "b_none" } }))).not.toBeNull();
    // an order written with a missing batch
    const h = await db.prisma.household.findFirstOrThrow();
    expect(
      await sqlState(
        db.sql.run(
          `INSERT INTO "Order"(id, "householdId", "placedAt", "deliveryDate", "batchId", "updatedAt") VALUES ('o_x', $1, now(), '2026-12-06', 'b_none', now())`,
          h.id,
        ),
      ),
    ).toBe("23503");
    // into a batch that exists: fine
    await db.sql.run(`UPDATE "Order" SET "batchId" = 'b_real' WHERE id = ANY($1::text[])`, [a!, b!]);
    expect(await db.prisma.order.count({ where: { batchId: "b_real" } })).toBe(2);
  });

  it("a batch deleted, or the batches emptied, leaves its orders without a batch (the key's ON DELETE SET NULL)", async () => {
    const app = await freshTestApp(db);
    const [a, b] = await twoOrders(app);
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "1" } });
    for (const id of ["b_1", "b_2"])
      await db.prisma.batch.create({ data: { id, gridId: grid.id, deliveryDate: id, readyAt: new Date() } });
    await db.sql.run(`UPDATE "Order" SET "batchId" = CASE WHEN id = $1 THEN 'b_1' ELSE 'b_2' END`, a!);
    await db.prisma.batch.delete({ where: { id: "b_1" } });
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: a! } })).toMatchObject({ batchId: null });
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: b! } })).toMatchObject({ batchId: "b_2" });
    await db.exec(`TRUNCATE "Batch"`);
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: b! } })).toMatchObject({ batchId: null });
  });
});

describe("an order's batch, in the schema of the table written", () => {
  it("a session whose search_path names another schema (an operator's psql, a copy of the data) checks and clears the batches of the table it writes", async () => {
    // a second copy of the tables, with the same ids (a restored copy beside the live one)
    const other = await openTestDatabase();
    const session = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await session.connect();
    try {
      await session.query(`SET search_path = "${db.schema}"`);
      for (const schema of [db.schema, other.schema])
        await session.query(
          `INSERT INTO "${schema}"."Village"(id, name) VALUES ('v_copy', 'v_copy');
           INSERT INTO "${schema}"."Grid"(id, "villageId", code) VALUES ('g_copy', 'v_copy', '1');
           INSERT INTO "${schema}"."Household"(id, "villageId", code) VALUES ('h_copy', 'v_copy', '1');
           INSERT INTO "${schema}"."Batch"(id, "gridId", "deliveryDate", "readyAt") VALUES ('b', 'g_copy', '2026-12-06', now());
           INSERT INTO "${schema}"."Order"(id, "householdId", "placedAt", "deliveryDate", "batchId", "updatedAt")
             VALUES ('o', 'h_copy', now(), '2026-12-06', 'b', now());`,
        );
      // a batch deleted in the other schema leaves that schema's order without a batch …
      await session.query(`DELETE FROM "${other.schema}"."Batch" WHERE id = 'b'`);
      const batchOf = async (schema: string) =>
        (await session.query(`SELECT "batchId" FROM "${schema}"."Order" WHERE id = 'o'`)).rows[0]?.batchId;
      expect(await batchOf(other.schema)).toBeNull();
      // … and this schema's, whose batch is still there, keeps it
      expect(await batchOf(db.schema)).toBe("b");
      // an order of the other schema put in a batch missing there (present here) is refused
      expect(await sqlState(session.query(`UPDATE "${other.schema}"."Order" SET "batchId" = 'b' WHERE id = 'o'`))).toBe(
        "23503",
      );
    } finally {
      await session.end();
      await other.drop();
      await db.prisma.village.deleteMany({ where: { id: "v_copy" } });
    }
  });
});

describe("the date's demand check, once for a town's cut-offs", () => {
  it("cut-offs of one window queue one check, run after them, which alerts once; a check that finds a grid still open does nothing", async () => {
    const app = await freshTestApp(db);
    await db.prisma.stockReport.create({
      data: { commodity: "PKG100", stock: 1, dailyUse: 1, reportedBy: "off_a", at: new Date("2026-12-05T00:00:00Z") },
    });
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 100元套餐1份", { at: "2026-12-05T08:30:00+08:00" }));
    await handleMessage(app.deps, msg(app, "g2", "r5", "9-9-901 100元套餐1份", { at: "2026-12-05T09:00:00+08:00" }));
    const scheduled: JobRequest[] = [];
    const schedule = app.deps.scheduler.schedule.bind(app.deps.scheduler);
    app.deps.scheduler.schedule = (j) => {
      scheduled.push(j);
      return schedule(j);
    };
    if (app.deps.scheduler.scheduleMany) {
      const many = app.deps.scheduler.scheduleMany.bind(app.deps.scheduler);
      app.deps.scheduler.scheduleMany = (js) => {
        scheduled.push(...js);
        return many(js);
      };
    }
    const [g1, g2] = await Promise.all(["1", "2"].map((code) => db.prisma.grid.findFirstOrThrow({ where: { code } })));
    const demand = () => app.ofType("alert").filter((e) => e.reason === "demand");

    // grid 1's cut-off at 20:00: the check is queued, not run in the cut-off; run now, it
    // finds grid 2's order still open and does nothing
    app.clock.set(new Date("2026-12-05T20:00:00+08:00"));
    await runCutoff(app.deps, g1!.id);
    await checkDemandWhenDue(app.deps, "2026-12-06");
    expect(demand()).toEqual([]);
    // grid 2's cut-off in the same window: still no check of its own, and the same job
    await runCutoff(app.deps, g2!.id);
    expect(demand()).toEqual([]);
    const checks = () => scheduled.filter((j) => j.name === "demand-check");
    expect(checks().map((j) => [j.key, j.runAt.toISOString()])).toEqual([
      ["demand-check:2026-12-06:179647200", "2026-12-05T12:00:12.000Z"],
      ["demand-check:2026-12-06:179647200", "2026-12-05T12:00:12.000Z"],
    ]);
    // the job, 12 s later, finds every order batched: one alert for both grids' orders
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:20+08:00"));
    expect(demand().map((e) => [e.sku, e.demand, e.stock])).toEqual([["PKG100", 2, 1]]);
    // a cut-off retried later queues its own window's check, which alerts nothing again
    app.clock.set(new Date("2026-12-05T20:00:31+08:00"));
    await runCutoff(app.deps, g2!.id);
    await app.scheduler.runUntil(new Date("2026-12-05T20:01:00+08:00"));
    expect(checks().at(-1)?.key).toBe("demand-check:2026-12-06:179647203");
    expect(demand()).toHaveLength(1);
  });

  it("a cut-off still running when its window's check ran queues a check that runs after its commit", async () => {
    // The app made after 20:00, so that its own daily cut-offs are tomorrow's: the test runs them.
    const app = await freshTestApp(db, "2026-12-05T20:00:30+08:00");
    app.clock.set(new Date("2026-12-05T08:00:00+08:00"));
    await db.exec(`TRUNCATE "StockReport", "OfficialAlert"; DELETE FROM "Setting" WHERE key LIKE 'demand-checked:%'`);
    await db.prisma.stockReport.create({
      data: { commodity: "PKG100", stock: 1, dailyUse: 1, reportedBy: "off_a", at: new Date("2026-12-05T00:00:00Z") },
    });
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 100元套餐1份", { at: "2026-12-05T08:30:00+08:00" }));
    await handleMessage(app.deps, msg(app, "g2", "r5", "9-9-901 100元套餐1份", { at: "2026-12-05T09:00:00+08:00" }));
    const [g1, g2] = await Promise.all(["1", "2"].map((code) => db.prisma.grid.findFirstOrThrow({ where: { code } })));
    const demand = () => app.ofType("alert").filter((e) => e.reason === "demand");
    app.clock.set(new Date("2026-12-05T20:00:00+08:00"));
    await runCutoff(app.deps, g1!.id);
    // grid 2's cut-off starts at 20:00:09 and waits for its batch's lock (held here, as a
    // busy database or a confirmation holding it would) past its window's check at 20:00:12
    app.clock.set(new Date("2026-12-05T20:00:09+08:00"));
    const key = batchLockKey(batchIdFor(g2!.id, "2026-12-06"));
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let holding!: () => void;
    const locked = new Promise<void>((r) => {
      holding = r;
    });
    const holder = db.sql.transaction(async (tx) => {
      await lock(tx, key);
      holding();
      await held;
    });
    await locked;
    const slow = runCutoff(app.deps, g2!.id);
    // until the cut-off waits for the lock (it read its clock before)
    for (;;) {
      const r = await db.prisma.$queryRawUnsafe<Array<{ waiting: boolean }>>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                          AND objid = (hashtext($1)::bigint & 4294967295)::text::oid) AS waiting`,
        key,
      );
      if (r[0]?.waiting) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // the window's check runs and finds grid 2's order outside a batch: nothing to say yet
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:15+08:00"));
    expect(demand()).toEqual([]);
    release();
    await holder;
    expect(await slow).toMatchObject({ orders: 1 });
    // the cut-off committed at 20:00:15: the date's check runs after it, without waiting for the sweep
    await app.scheduler.runUntil(new Date("2026-12-05T20:01:00+08:00"));
    expect(demand().map((e) => [e.sku, e.demand, e.stock])).toEqual([["PKG100", 2, 1]]);
  });

  it("an order that joins a posted batch after the date's check makes it check again: a stock it now empties is alerted", async () => {
    const app = await freshTestApp(db);
    await db.exec(`TRUNCATE "StockReport", "OfficialAlert"; DELETE FROM "Setting" WHERE key LIKE 'demand-checked:%'`);
    await db.prisma.stockReport.create({
      data: { commodity: "PKG100", stock: 2, dailyUse: 1, reportedBy: "off_a", at: new Date("2026-12-05T00:00:00Z") },
    });
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 100元套餐1份", { at: "2026-12-05T18:00:00+08:00" }));
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:30+08:00"));
    const demand = () => app.ofType("alert").filter((e) => e.reason === "demand");
    expect(app.ofType("batch.ready")).toHaveLength(1);
    expect(demand()).toEqual([]); // 1 ordered, 2 in stock
    // sent before the cut-off, handled after it: joins the posted batch, whose list is posted again
    await handleMessage(app.deps, {
      ...msg(app, "g1", "r2", "2-1-102 100元套餐1份"),
      at: new Date("2026-12-05T19:59:58+08:00"),
    });
    await app.scheduler.runUntil(new Date("2026-12-05T20:02:00+08:00"));
    expect(app.ofType("batch.updated")).toHaveLength(1);
    expect(demand().map((e) => [e.sku, e.demand, e.stock, e.deliveryDate])).toEqual([["PKG100", 2, 2, "2026-12-06"]]);
  });

  it("a check's window and time: 10 s windows, run 2 s after the window closes", () => {
    const at = (iso: string) => demandCheckJob("2026-12-06", new Date(iso));
    expect(at("2026-12-05T12:00:00.000Z")).toMatchObject({
      key: "demand-check:2026-12-06:179647200",
      runAt: new Date("2026-12-05T12:00:12.000Z"),
    });
    expect(at("2026-12-05T12:00:09.999Z").key).toBe(at("2026-12-05T12:00:00.000Z").key);
    expect(at("2026-12-05T12:00:10.000Z").runAt).toEqual(new Date("2026-12-05T12:00:22.000Z"));
  });
});
