// The cut-off's SQL: what one grid's cut-off reads and writes, in as few round trips as it
// can (a town's cut-offs run together, so each round trip is paid a thousand times), and
// touching only that grid's rows (its cost does not grow with the town). The statements run on
// the database's own driver (`Sql`, src/db/sql.ts) — or on a Prisma transaction, for the rare
// cut-off that needs Prisma's queries too — and their rows are checked as they are read.
import { z } from "zod";
import type { Rules } from "../flows/order-rules";
import { summariseBatch, type BatchOrder, type BatchSummary } from "../flows/batch-flow";
import { asSql, type PrismaRaw, type Sql } from "../db/sql";
import { rulesFrom } from "./context";
import { insertOutboxFromJson, outboxRow, type OutboxItem } from "./outbox-store";

/** What the cut-off's statements run on: an `Sql` (client or transaction), or a Prisma client or transaction. */
type Runner = Sql | PrismaRaw;

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

const ContextRowSchema = z.object({
  grid: z.object({
    id: z.string(),
    villageId: z.string(),
    code: z.string(),
    name: z.string().nullable(),
    zone: z.string(),
  }),
  village: z.object({
    name: z.string(),
    timezone: z.string(),
    cutoff: z.string(),
    intervalDays: z.number(),
    language: z.string(),
  }),
  limits: z.array(z.object({ villageId: z.string(), sku: z.string(), maxQty: z.number() })),
  leaders: z.array(z.string()),
  chats: z.array(z.object({ id: z.string(), platform: z.string(), chatId: z.string() })),
  waiting: z.array(z.object({ id: z.string(), deliveryDate: z.string() })),
});

/** The grid, its village's rules, its leaders' names, its groups and its waiting batches: one query. */
export async function loadCutoffContext(db: Runner, gridId: string, defaultTz: string): Promise<CutoffContext | null> {
  const r = await asSql(db).one(
    ContextRowSchema,
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
  if (!r) return null;
  return {
    grid: { ...r.grid, village: { name: r.village.name, language: r.village.language } },
    rules: rulesFrom(r.village, r.limits, defaultTz),
    leaders: r.leaders,
    chats: r.chats,
    waiting: r.waiting,
  };
}

/** The batch as it stood when its cut-off took the lock. */
export interface BatchBefore {
  status: string;
  posted: boolean;
  /** Households in the summary it was posted with (0 before it was posted). */
  orders: number;
}

export interface Claim {
  /** The batch before this cut-off; null when it did not exist. */
  before: BatchBefore | null;
  /** When the batch became ready (its reminders count from then); null when there is none (no orders: none made). */
  readyAt: Date | null;
  /** Open orders of the grid and date this cut-off moved into the batch. */
  taken: number;
  /** The batch's orders to post — those it held and those just taken — when it is built now (it exists, waits for its leader and was not posted); else null. */
  summary: BatchSummary | null;
}

const ClaimRowSchema = z.object({
  before: z
    .object({ status: z.string(), posted: z.boolean(), orders: z.number().nullable(), readyAt: z.string() })
    .nullable(),
  made: z.string().nullable(),
  taken: z.number(),
  /** [order id, priority, total cents, paid, [household code, name, special care], [[sku, qty] …]] per order, by id. */
  orders: z
    .array(
      z.tuple([
        z.string(),
        z.boolean(),
        z.number(),
        z.boolean(),
        z.tuple([z.string(), z.string().nullable(), z.boolean()]),
        z.array(z.tuple([z.string(), z.number()])).nullable(),
      ]),
    )
    .nullable(),
});

/** A timestamp column as ISO text in UTC (the columns hold UTC; a raw query would read it as local time). */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The cut-off's one statement, under the batch's lock: reads the batch as it stands; unless
 * its leader already confirmed it, moves the grid's open orders of the date into it (making
 * it when missing — only if there are orders to put in it: the grid's, or those of
 * `staleIds`, its earlier batches never confirmed); and, when the batch was not posted yet,
 * returns its order lines to summarise (those it held and those just taken: a statement does
 * not see its own updates). Each order's household and lines are read by key (a subquery per
 * order, which the planner cannot turn into a scan of every household or line of the town), so
 * the cost is the grid's, whatever the town's size.
 */
export async function claimBatch(
  tx: Runner,
  o: { batchId: string; gridId: string; deliveryDate: string; now: Date; staleIds: readonly string[] },
): Promise<Claim> {
  const r = await asSql(tx).one(
    ClaimRowSchema,
    `WITH before AS (
            SELECT status::text AS status, "postedAt" IS NOT NULL AS posted, (summary->>'orders')::int AS orders,
                   to_char("readyAt", ${ISO}) AS "readyAt"
              FROM "Batch" WHERE id = $1),
          taken AS (
            UPDATE "Order" SET "batchId" = $1, "updatedAt" = $4::timestamp
             WHERE "gridId" = $2 AND "deliveryDate" = $3 AND status = 'open' AND "batchId" IS NULL
               AND NOT EXISTS (SELECT 1 FROM before WHERE status <> 'ready')
            RETURNING id, "householdId", priority, "totalCents", "paidAt"),
          made AS (
            INSERT INTO "Batch" (id, "gridId", "deliveryDate", "readyAt")
            SELECT $1, $2, $3, $4::timestamp
             WHERE NOT EXISTS (SELECT 1 FROM before)
               AND (EXISTS (SELECT 1 FROM taken) OR EXISTS (SELECT 1 FROM "Order" WHERE "batchId" = ANY($5::text[]) AND status = 'open'))
            ON CONFLICT (id) DO NOTHING
            RETURNING to_char("readyAt", ${ISO}) AS "readyAt"),
          building AS (SELECT NOT EXISTS (SELECT 1 FROM before WHERE status <> 'ready' OR posted) AS yes),
          orders AS (
            SELECT * FROM taken WHERE (SELECT yes FROM building)
            UNION ALL
            SELECT id, "householdId", priority, "totalCents", "paidAt" FROM "Order"
             WHERE "batchId" = $1 AND status <> 'cancelled' AND EXISTS (SELECT 1 FROM before) AND (SELECT yes FROM building))
     SELECT (SELECT row_to_json(b) FROM before b) AS before,
            (SELECT "readyAt" FROM made) AS made,
            (SELECT count(*)::int FROM taken) AS taken,
            (SELECT json_agg(json_build_array(o.id, o.priority, o."totalCents", o."paidAt" IS NOT NULL,
                                              (SELECT json_build_array(h.code, h.name, h."specialCare") FROM "Household" h WHERE h.id = o."householdId"),
                                              (SELECT json_agg(json_build_array(l.sku, l.qty) ORDER BY l.sku) FROM "OrderLine" l WHERE l."orderId" = o.id))
                             ORDER BY o.id)
               FROM orders o) AS orders`,
    o.batchId,
    o.gridId,
    o.deliveryDate,
    o.now.toISOString(),
    [...o.staleIds],
  );
  if (!r) throw new Error("the cut-off's claim returned no row");
  const before = r.before ? { status: r.before.status, posted: r.before.posted, orders: r.before.orders ?? 0 } : null;
  const readyAt = r.made ?? r.before?.readyAt ?? null;
  const building = readyAt !== null && (!before || (before.status === "ready" && !before.posted));
  const orders = (r.orders ?? []).map(
    ([orderId, priority, amountCents, paid, [household, name, specialCare], lines]): BatchOrder => ({
      orderId,
      household,
      name,
      priority: priority || specialCare,
      lines: (lines ?? []).map(([sku, qty]) => ({ sku, qty })),
      amountCents,
      paid,
    }),
  );
  return {
    before,
    readyAt: readyAt ? new Date(readyAt) : null,
    taken: r.taken,
    summary: building ? summariseBatch(orders) : null,
  };
}

const SummaryRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  priority: z.boolean(),
  total: z.coerce.number(),
  paid: z.boolean(),
  sku: z.string(),
  qty: z.coerce.number(),
});
type SummaryRow = z.infer<typeof SummaryRowSchema>;

const SUMMARY_COLUMNS = `o.id, h.code, h.name, (o.priority OR h."specialCare") AS priority, o."totalCents" AS total, (o."paidAt" IS NOT NULL) AS paid, l.sku, l.qty`;

/** A batch's summary from its orders: one query, not one per relation. */
export async function computeSummary(db: Runner, batchId: string): Promise<BatchSummary> {
  const rows = await asSql(db).rows(
    SummaryRowSchema,
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

/**
 * Stores the summary, marks the batch posted and records its messages in the outbox (a key
 * already recorded is left as it is): one statement, the cut-off's last before its commit.
 */
export async function postBatch(
  tx: Runner,
  o: { batchId: string; summary: object; now: Date; messages: readonly OutboxItem[] },
): Promise<void> {
  await asSql(tx).run(
    `WITH posted AS (UPDATE "Batch" SET summary = $2::jsonb, "postedAt" = $3::timestamp WHERE id = $1)
     ${insertOutboxFromJson("$4", "$3")}`,
    o.batchId,
    JSON.stringify(o.summary),
    o.now.toISOString(),
    JSON.stringify(o.messages.map(outboxRow)),
  );
}

/**
 * Whether every open order of the delivery date is in a batch (the town's last cut-off for
 * that date has run): the town-wide demand check runs then, once per date, not after each
 * grid's (with no stock reported it finds nothing to compare, and is done). Read on the
 * partial index of open orders not in a batch (`Order_open_unbatched_idx`), which a batched
 * order leaves — where most of the town's orders are batched, as a town with history has
 * them (where nearly all are open, a scan of the table finds one at once).
 */
export async function demandCheckDue(db: Runner, deliveryDate: string): Promise<boolean> {
  const row = await asSql(db).one(
    z.object({ due: z.boolean() }),
    `SELECT NOT EXISTS (SELECT 1 FROM "Order" WHERE "deliveryDate" = $1 AND "batchId" IS NULL AND status = 'open' AND "gridId" IS NOT NULL) AS due`,
    deliveryDate,
  );
  return row?.due === true;
}
