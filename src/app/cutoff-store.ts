// The cut-off's SQL: what one grid's cut-off reads and writes, in as few round trips as it
// can (a town's cut-offs run together, so each round trip is paid a thousand times), and
// touching only that grid's rows (its cost does not grow with the town).
import type { Rules } from "../flows/order-rules";
import { summariseBatch, type BatchOrder, type BatchSummary } from "../flows/batch-flow";
import { rulesFrom, type DbOrTx } from "./context";

export interface CutoffContext {
  grid: {
    id: string;
    villageId: string;
    code: string;
    name: string | null;
    zone: string;
    village: { name: string; language: string };
  };
  rules: Rules;
  leaders: string[];
  chats: Array<{ id: string; platform: string; chatId: string }>;
  /** The grid's batches still waiting for their leader (any date). */
  waiting: Array<{ id: string; deliveryDate: string }>;
}

type ContextRow = {
  grid: Omit<CutoffContext["grid"], "village">;
  village: { name: string; timezone: string; cutoff: string; intervalDays: number; language: string };
  limits: Array<{ villageId: string; sku: string; maxQty: number }>;
  leaders: string[];
  chats: CutoffContext["chats"];
  waiting: CutoffContext["waiting"];
};

/** The grid, its village's rules, its leaders' names, its groups and its waiting batches: one query. */
export async function loadCutoffContext(db: DbOrTx, gridId: string, defaultTz: string): Promise<CutoffContext | null> {
  const rows = await db.$queryRawUnsafe<ContextRow[]>(
    `SELECT json_build_object('id', g.id, 'villageId', g."villageId", 'code', g.code, 'name', g.name, 'zone', g.zone) AS grid,
            json_build_object('name', v.name, 'timezone', v.timezone, 'cutoff', v.cutoff, 'intervalDays', v."intervalDays", 'language', v.language) AS village,
            (SELECT coalesce(json_agg(json_build_object('villageId', l."villageId", 'sku', l.sku, 'maxQty', l."maxQty")), '[]')
               FROM "Limit" l WHERE l."villageId" IN ('*', g."villageId")) AS limits,
            (SELECT coalesce(json_agg(coalesce(m."displayName", m."userId")), '[]')
               FROM "MemberRole" r JOIN "Member" m ON m.id = r."memberId" WHERE r.role = 'leader' AND r.scope IN (g.id, g."villageId")) AS leaders,
            (SELECT coalesce(json_agg(json_build_object('id', c.id, 'platform', c.platform, 'chatId', c."chatId") ORDER BY c."createdAt"), '[]')
               FROM "ChatGroup" c WHERE c."gridId" = g.id AND c.active AND NOT c."isOfficials") AS chats,
            (SELECT coalesce(json_agg(json_build_object('id', b.id, 'deliveryDate', b."deliveryDate")), '[]')
               FROM "Batch" b WHERE b."gridId" = g.id AND b.status = 'ready') AS waiting
       FROM "Grid" g JOIN "Village" v ON v.id = g."villageId" WHERE g.id = $1`,
    gridId,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    grid: { ...r.grid, village: { name: r.village.name, language: r.village.language } },
    rules: rulesFrom(r.village, r.limits, defaultTz),
    leaders: r.leaders,
    chats: r.chats,
    waiting: r.waiting,
  };
}

/** Read under the batch's lock: the batch as it stands, and how many orders would go into it. */
export async function readBatchState(
  tx: DbOrTx,
  o: { batchId: string; gridId: string; deliveryDate: string; staleIds: readonly string[] },
): Promise<{
  existing: { status: string; posted: boolean; summary: unknown } | null;
  pending: number;
  carried: number;
}> {
  const rows = await tx.$queryRawUnsafe<
    Array<{
      existing: { status: string; postedAt: string | null; summary: unknown } | null;
      pending: number;
      carried: number;
    }>
  >(
    `SELECT (SELECT json_build_object('status', b.status, 'postedAt', b."postedAt", 'summary', b.summary) FROM "Batch" b WHERE b.id = $1) AS existing,
            (SELECT count(*)::int FROM "Order" o WHERE o."gridId" = $2 AND o."deliveryDate" = $3 AND o.status = 'open' AND o."batchId" IS NULL) AS pending,
            (SELECT count(*)::int FROM "Order" o WHERE o."batchId" = ANY($4::text[]) AND o.status = 'open') AS carried`,
    o.batchId,
    o.gridId,
    o.deliveryDate,
    [...o.staleIds],
  );
  const r = rows[0]!;
  return {
    existing: r.existing
      ? { status: r.existing.status, posted: r.existing.postedAt != null, summary: r.existing.summary }
      : null,
    pending: r.pending,
    carried: r.carried,
  };
}

/** Makes the batch (when missing) without touching its orders. */
export async function insertBatch(
  tx: DbOrTx,
  o: { batchId: string; gridId: string; deliveryDate: string; now: Date },
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "Batch" (id, "gridId", "deliveryDate", "readyAt") VALUES ($1, $2, $3, $4::timestamp) ON CONFLICT (id) DO NOTHING`,
    o.batchId,
    o.gridId,
    o.deliveryDate,
    o.now.toISOString(),
  );
}

type SummaryRow = {
  id: string;
  code: string;
  name: string | null;
  priority: boolean;
  total: number;
  paid: boolean;
  sku: string;
  qty: number;
};

const SUMMARY_COLUMNS = `o.id, h.code, h.name, (o.priority OR h."specialCare") AS priority, o."totalCents" AS total, (o."paidAt" IS NOT NULL) AS paid, l.sku, l.qty`;

/**
 * One statement: makes the batch (when missing), moves the grid's open orders of the date
 * into it, and returns the batch's order lines to summarise — those it already held and
 * those it just took (a statement does not see its own updates, hence the union).
 */
export async function attachAndSummarise(
  tx: DbOrTx,
  o: { batchId: string; gridId: string; deliveryDate: string; now: Date },
): Promise<BatchSummary> {
  const rows = await tx.$queryRawUnsafe<SummaryRow[]>(
    `WITH made AS (
            INSERT INTO "Batch" (id, "gridId", "deliveryDate", "readyAt") VALUES ($1, $2, $3, $4::timestamp) ON CONFLICT (id) DO NOTHING),
          taken AS (
            UPDATE "Order" SET "batchId" = $1, "updatedAt" = $4::timestamp
             WHERE "gridId" = $2 AND "deliveryDate" = $3 AND status = 'open' AND "batchId" IS NULL RETURNING id),
          ids AS (SELECT id FROM taken UNION SELECT id FROM "Order" WHERE "batchId" = $1 AND status <> 'cancelled')
     SELECT ${SUMMARY_COLUMNS}
       FROM ids JOIN "Order" o ON o.id = ids.id JOIN "Household" h ON h.id = o."householdId" JOIN "OrderLine" l ON l."orderId" = o.id
      ORDER BY o.id, l.sku`,
    o.batchId,
    o.gridId,
    o.deliveryDate,
    o.now.toISOString(),
  );
  return summaryOf(rows);
}

/** A batch's summary from its orders: one query, not one per relation. */
export async function computeSummary(db: DbOrTx, batchId: string): Promise<BatchSummary> {
  const rows = await db.$queryRawUnsafe<SummaryRow[]>(
    `SELECT ${SUMMARY_COLUMNS}
       FROM "Order" o JOIN "Household" h ON h.id = o."householdId" JOIN "OrderLine" l ON l."orderId" = o.id
      WHERE o."batchId" = $1 AND o.status <> 'cancelled'
      ORDER BY o.id, l.sku`,
    batchId,
  );
  return summaryOf(rows);
}

function summaryOf(rows: readonly SummaryRow[]): BatchSummary {
  const byOrder = new Map<string, BatchOrder>();
  for (const r of rows) {
    let o = byOrder.get(r.id);
    if (!o) {
      o = {
        orderId: r.id,
        household: r.code,
        name: r.name,
        priority: r.priority,
        lines: [],
        amountCents: Number(r.total),
        paid: r.paid,
      };
      byOrder.set(r.id, o);
    }
    o.lines.push({ sku: r.sku, qty: Number(r.qty) });
  }
  return summariseBatch([...byOrder.values()]);
}

/** Stores the summary and marks the batch posted; returns when it became ready (its reminders count from then). */
export async function markPosted(tx: DbOrTx, batchId: string, summary: object, now: Date): Promise<Date> {
  const rows = await tx.$queryRawUnsafe<Array<{ readyAt: string }>>(
    `UPDATE "Batch" SET summary = $2::jsonb, "postedAt" = $3::timestamp WHERE id = $1
     RETURNING to_char("readyAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readyAt"`,
    batchId,
    JSON.stringify(summary),
    now.toISOString(),
  );
  return new Date(rows[0]!.readyAt);
}

/**
 * Whether every open order of the delivery date is in a batch (the town's last cut-off for
 * that date has run), and whether any stock was ever reported: the town-wide demand check
 * runs then, once per date, not after each grid's. Read on `Order(deliveryDate, batchId)`.
 */
export async function demandCheckDue(db: DbOrTx, deliveryDate: string): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<Array<{ due: boolean }>>(
    `SELECT EXISTS (SELECT 1 FROM "StockReport")
        AND NOT EXISTS (SELECT 1 FROM "Order" WHERE "deliveryDate" = $1 AND "batchId" IS NULL AND status = 'open' AND "gridId" IS NOT NULL) AS due`,
    deliveryDate,
  );
  return rows[0]?.due === true;
}
