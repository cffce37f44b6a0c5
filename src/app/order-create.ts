// The new-order write of a message's apply (src/app/message-apply.ts): the order, its lines
// and its household if new, in one statement. The decision was made already (src/flows/decide).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Sql } from "../db/sql";

// A row's shape (made once: zod compiles a schema on its first use).
const HouseholdIdRowSchema = z.object({ householdId: z.string() });

type NewOrder = {
  id: string;
  chatGroupId: string;
  placedAt: Date;
  deliveryDate: string;
  batchId: string | null;
  sourceMessage: string | null;
  placedBy: string;
  proxyBy: string | null;
  priority: boolean;
  totalCents: number;
  lines: ReadonlyArray<{ sku: string; qty: number; unitPriceCents: number }>;
};

/**
 * An order with its lines, and its household created if new (as ensureHousehold does) —
 * one statement; returns the household's id.
 */
export async function createOrder(
  tx: Sql,
  h: { villageId: string; gridId: string | null; code: string; name: string | null; householdId: string | null },
  o: NewOrder,
  now: Date,
): Promise<string> {
  const rows = await tx.rows(
    HouseholdIdRowSchema,
    `WITH n AS (
       INSERT INTO "Household" ("id", "villageId", "gridId", "code", "name") SELECT $1, $2, $3, $4, $5 WHERE $20::text IS NULL
       ON CONFLICT ("villageId", "code") DO UPDATE SET "code" = EXCLUDED."code" RETURNING "id"),
     h AS (SELECT $20::text AS "id" WHERE $20::text IS NOT NULL UNION ALL SELECT "id" FROM n),
     o AS (
       INSERT INTO "Order" ("id", "householdId", "gridId", "chatGroupId", "placedAt", "deliveryDate", "batchId", "sourceMessage", "placedBy", "proxyBy", "priority", "totalCents", "updatedAt")
       SELECT $6, h."id", $3, $7, $8::timestamp(3), $9, $10, $11, $12, $13, $14::boolean, $15::int, $16::timestamp(3) FROM h
       RETURNING "id", "householdId"),
     l AS (
       INSERT INTO "OrderLine" ("id", "orderId", "sku", "qty", "unitPriceCents")
       SELECT gen_random_uuid()::text, o."id", x.sku, x.qty, x.price FROM o, unnest($17::text[], $18::int[], $19::int[]) AS x(sku, qty, price))
     SELECT "householdId" FROM o`,
    randomUUID(),
    h.villageId,
    h.gridId,
    h.code,
    h.name,
    o.id,
    o.chatGroupId,
    o.placedAt,
    o.deliveryDate,
    o.batchId,
    o.sourceMessage,
    o.placedBy,
    o.proxyBy,
    o.priority,
    o.totalCents,
    now,
    o.lines.map((l) => l.sku),
    o.lines.map((l) => l.qty),
    o.lines.map((l) => l.unitPriceCents),
    h.householdId,
  );
  return rows[0]!.householdId;
}
