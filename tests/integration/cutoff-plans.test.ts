// The cut-off's statements read what they should through indexes, so that one grid's cut-off
// costs the grid's rows, not the town's: checked with EXPLAIN on the statements the cut-off
// sends (captured from its store functions), on towns with the data that matters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { claimBatch, demandCheckDue } from "../../src/app/cutoff-store";
import { SetupSpecSchema } from "../../src/app/setup-spec";
import type { PrismaRaw } from "../../src/db/sql";
import { openTestDatabase } from "../support/db";

type TestDb = Awaited<ReturnType<typeof openTestDatabase>>;
const TODAY = "2026-12-06";

/**
 * A town of `grids` grids: `history` days of orders batched and delivered (`daily` a grid a
 * day) and today's orders, `today` a grid, open and not in a batch yet. One line each.
 */
async function town(o: { grids: number; today: number; history: number; daily: number }): Promise<TestDb> {
  const db = await openTestDatabase();
  await applySetup(db.prisma, SetupSpecSchema.parse({ villages: [{ name: "计划村", grids: [{ code: "1" }] }] }));
  await db.exec(`
    INSERT INTO "Grid"(id, "villageId", code) SELECT 'g_' || i, v.id, i::text FROM "Village" v, generate_series(2, ${o.grids}) i;
    INSERT INTO "Household"(id, "villageId", "gridId", code)
      SELECT 'h_' || g.code || '_' || j, g."villageId", g.id, g.code || '-1-' || (1000 + j) FROM "Grid" g, generate_series(0, ${o.today - 1}) j;
    INSERT INTO "Batch"(id, "gridId", "deliveryDate", status, "readyAt")
      SELECT 'b_' || g.id || '_' || d, g.id, to_char(date '${TODAY}' - d, 'YYYY-MM-DD'), 'delivered', now()
        FROM "Grid" g, generate_series(1, ${o.history}) d;
    INSERT INTO "Order"(id, "householdId", "gridId", "placedAt", "deliveryDate", status, "batchId", "updatedAt")
      SELECT 'o_' || b.id || '_' || j, 'h_' || g.code || '_' || (j % ${o.today}), g.id, now(), b."deliveryDate", 'delivered', b.id, now()
        FROM "Batch" b JOIN "Grid" g ON g.id = b."gridId", generate_series(0, ${o.daily - 1}) j;
    INSERT INTO "Order"(id, "householdId", "gridId", "placedAt", "deliveryDate", "updatedAt")
      SELECT 'o_' || h.id, h.id, h."gridId", now(), '${TODAY}', now() FROM "Household" h;
    INSERT INTO "OrderLine"(id, "orderId", sku, qty) SELECT 'l_' || o.id, o.id, 'PKG100', 1 FROM "Order" o;
    ANALYZE;`);
  return db;
}

let evening: TestDb;
let midday: TestDb;
beforeAll(async () => {
  // The evening of the cut-off in a new town: a hundred orders a grid, all of them today's.
  evening = await town({ grids: 30, today: 100, history: 0, daily: 0 });
  // A town with history, where today's open orders are a few among many delivered.
  midday = await town({ grids: 40, today: 10, history: 25, daily: 8 });
});
afterAll(async () => {
  await evening?.drop();
  await midday?.drop();
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

/** A stand-in for the database that plans each statement instead of running it, and keeps the plans. */
function planner(db: TestDb): { tx: PrismaRaw; plans: PlanNode[] } {
  const plans: PlanNode[] = [];
  const explain = async (sql: string, ...params: unknown[]) => {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      ...params,
    );
    plans.push(rows[0]!["QUERY PLAN"][0]!.Plan);
    return [{}];
  };
  return { tx: { $queryRawUnsafe: explain, $executeRawUnsafe: explain } as unknown as PrismaRaw, plans };
}

function nodes(p: PlanNode): PlanNode[] {
  return [p, ...(p.Plans ?? []).flatMap(nodes)];
}

describe("the cut-off's plans", () => {
  it("one grid's claim reads its orders, their households and lines by key, never every row of the town", async () => {
    const { tx, plans } = planner(evening);
    // The stand-in's rows are not the statement's: what comes back is not read, only the plan kept.
    await claimBatch(tx, {
      batchId: "B20261206-g_7",
      gridId: "g_7",
      deliveryDate: TODAY,
      now: new Date(),
      staleIds: [],
    }).catch(() => undefined);
    const all = nodes(plans[0]!);
    const scans = (relation: string) => all.filter((n) => n["Relation Name"] === relation).map((n) => n["Node Type"]);
    for (const relation of ["Order", "Household", "OrderLine"]) {
      expect(scans(relation).length, relation).toBeGreaterThan(0);
      expect(scans(relation), relation).not.toContain("Seq Scan");
    }
  });

  it("whether a date's last cut-off ran is read on the index of open orders not in a batch", async () => {
    const { tx, plans } = planner(midday);
    await demandCheckDue(tx, TODAY).catch(() => undefined);
    const onOrders = nodes(plans[0]!).filter((n) => n["Relation Name"] === "Order");
    expect(onOrders.map((n) => n["Index Name"])).toEqual(["Order_open_unbatched_idx"]);
  });
});
