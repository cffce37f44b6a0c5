// "Load" of load → decide → apply: everything the decision about one message needs
// (src/flows/decide/snapshot.ts), read inside the message's transaction under the locks
// that keep it true until the transaction ends — the households it touches (exclusive),
// the grid's batches around its delivery date (shared: the cut-off and the confirmation
// take them exclusively), its 接龙 list.
import { z } from "zod";
import { readJielongEntries, readSummarySlots } from "../flows/json-columns";
import { addDays, localDate } from "../domain/local-time";
import type { InboundMessage } from "../domain/messages";
import type { BatchView, HouseholdView, ListLine, OrderView, Parsed, Snapshot } from "../flows/decide";
import type { Rules } from "../flows/order-rules";
import { earliestDeliveryDate } from "../flows/decide/placement";
import { batchLockKey, householdLockKey, jielongLockKey, lock, lockExclusiveThenShared } from "../db/locks";
import type { Sql } from "../db/sql";
import { batchIdFor } from "./batch-placement";
import type { CatalogCache } from "./catalog-cache";
import type { GroupCtx, SenderCtx } from "./context";
import { messageKey } from "./inbound-claim";

/** The households a message may touch, by code. */
function householdsOf(p: Parsed, senderHousehold: string | null, extra: readonly string[]): string[] {
  const out = new Set<string>(extra);
  if (p.household) out.add(p.household);
  if (senderHousehold) out.add(senderHousehold);
  for (const e of p.entries) if (e.household) out.add(e.household);
  return [...out];
}

function orderView(o: OrderRow, household: string): OrderView {
  const slots = o.batch ? readSummarySlots(o.batch.summary)?.slots : undefined;
  return {
    id: o.id,
    household,
    status: o.status,
    placedAt: o.placedAt,
    deliveryDate: o.deliveryDate,
    batchId: o.batchId,
    batchStatus: o.batch?.status ?? null,
    lines: o.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    sourceMessage: o.sourceMessage,
    placedBy: o.placedBy,
    batchConfirmedAt: o.batch?.confirmedAt ?? null,
    slot: slots?.[household] ?? null,
  };
}

export interface LoadInput {
  tx: Sql;
  msg: InboundMessage;
  group: GroupCtx & { villageId: string };
  parsed: Parsed;
  catalog: CatalogCache;
  timezone: string;
  handledAt: Date;
  /** The sender (loaded with the claim: src/app/context.ts claimAndLoadSender). */
  sender: SenderCtx;
  /** The rules in force (read before the transaction, or cached: src/app/config-cache.ts). */
  rules: Rules;
}

export async function loadSnapshot(i: LoadInput): Promise<Snapshot> {
  const { tx, msg, group, parsed, sender, rules } = i;
  const key = messageKey(msg);
  const kind = msg.recalls ? "recall" : msg.edits ? "edit" : "message";
  const targetKey = (msg.recalls ?? msg.edits) ? messageKey({ ...msg, messageId: (msg.recalls ?? msg.edits)! }) : null;

  // What the original message (of an edit or a recall) placed.
  const originalOrders = targetKey
    ? await tx.rows(
        z.object({ code: z.string() }),
        `SELECT h."code" FROM "Order" o JOIN "Household" h ON h."id" = o."householdId"
          WHERE o."sourceMessage" = $1 OR starts_with(o."sourceMessage", $2)`,
        targetKey,
        `${targetKey}#`,
      )
    : [];
  const original = targetKey
    ? await tx.one(
        z.object({ kind: z.string().nullable() }),
        `SELECT "kind" FROM "InboundMessage" WHERE "key" = $1`,
        targetKey,
      )
    : null;

  // A leader changing an order by a person's name: the households of this grid with that name.
  const namedHouseholds =
    parsed.forName && group.gridId
      ? await tx.rows(
          z.object({ code: z.string(), name: z.string() }),
          `SELECT "code", "name" FROM "Household" WHERE "villageId" = $1 AND "gridId" = $2 AND "name" = $3`,
          group.villageId,
          group.gridId,
          parsed.forName,
        )
      : [];

  // The 接龙 list: its reposts take turns.
  let list: Snapshot["list"] = null;
  let listLines: ListLine[] = [];
  if (parsed.kind === "jielong") {
    const title = parsed.title || "接龙";
    await lock(tx, [jielongLockKey(group.id, title)]);
    const row = await tx.one(
      z.object({ entries: z.unknown() }),
      `SELECT "entries" FROM "JielongList" WHERE "chatGroupId" = $1 AND "title" = $2`,
      group.id,
      title,
    );
    listLines = row ? readListLines(row.entries) : [];
    list = row ? { title, lines: listLines } : null;
  }

  const codes = householdsOf(parsed, sender.householdCode, [
    ...originalOrders.map((o) => o.code),
    ...namedHouseholds.map((h) => h.code),
    ...listLines.flatMap((l) => (l.household ? [l.household] : [])),
  ]);
  // The grid's batches from the day the message was sent: new orders join one of them, and
  // open orders (delivered the next day or the one after) are in one of them.
  const sentDay = localDate(msg.at, rules.timezone);
  const wanted = earliestDeliveryDate(msg.at, i.handledAt, rules);
  // Open orders are delivered a day or two after they were sent; new ones from `wanted` on.
  const dates = [
    ...new Set([
      addDays(sentDay, -1),
      sentDay,
      addDays(sentDay, 1),
      addDays(sentDay, 2),
      wanted,
      addDays(wanted, 1),
      addDays(wanted, 2),
    ]),
  ];
  // The households exclusively, then those batches shared: one statement.
  await lockExclusiveThenShared(
    tx,
    codes.map((c) => householdLockKey(group.villageId, c)),
    group.gridId ? dates.map((d) => batchLockKey(batchIdFor(group.gridId!, d))) : [],
  );

  const wantStatus = parsed.kind === "status";
  // The households with their last orders, and the grid's batches from `wanted` on: one statement.
  const loaded = await readHouseholdsAndBatches(tx, group.villageId, codes, wantStatus, group.gridId, wanted);
  const rows = loaded.households;
  // An open order in a batch outside the dates locked above (a batch left unconfirmed for days, another grid): lock it too and read again.
  const locked = new Set(group.gridId ? dates.map((d) => batchIdFor(group.gridId!, d)) : []);
  const stray = rows.flatMap((h) =>
    h.orders
      .filter((o) => o.status === "open" && o.gridId && !locked.has(batchIdFor(o.gridId, o.deliveryDate)))
      .map((o) => batchIdFor(o.gridId!, o.deliveryDate)),
  );
  if (stray.length) {
    await lock(tx, stray.map(batchLockKey), "shared");
    for (const h of rows) {
      for (const [n, o] of h.orders.entries()) {
        if (!stray.includes(batchIdFor(o.gridId ?? "", o.deliveryDate))) continue;
        const fresh = await tx.one(
          z.object({ o: OrderRowSchema }),
          `SELECT ${ORDER_JSON} AS "o" FROM "Order" o WHERE o."id" = $1`,
          o.id,
          wantStatus,
        );
        if (!fresh) throw new Error(`order ${o.id} vanished under its household's lock`);
        h.orders[n] = fresh.o;
      }
    }
  }
  const households = new Map<string, HouseholdView>();
  for (const code of codes) {
    const h = rows.find((r) => r.code === code);
    const views = (h?.orders ?? []).map((o) => orderView(o, code));
    households.set(code, {
      code,
      exists: !!h,
      name: h?.name ?? null,
      specialCare: h?.specialCare ?? false,
      open: views.find((o) => o.status !== "cancelled") ?? null,
      latest: views[0] ?? null,
    });
  }

  let batches: BatchView[] = [];
  if (group.gridId) {
    const gridId = group.gridId;
    const read = () =>
      tx.rows(
        BatchViewSchema,
        `SELECT "id", "deliveryDate", "status" FROM "Batch" WHERE "gridId" = $1 AND "deliveryDate" >= $2`,
        gridId,
        wanted,
      );
    batches = loaded.batches;
    // A new order moves on past confirmed batches; past the dates locked above (rare), lock as far as it lands.
    let lands = wanted;
    while (batches.some((b) => b.deliveryDate === lands && b.status !== "ready") && lands < addDays(sentDay, 14))
      lands = addDays(lands, 1);
    const lastLocked = addDays(wanted, 2);
    if (lands > lastLocked) {
      const more: string[] = [];
      for (let d = addDays(lastLocked, 1); d <= lands; d = addDays(d, 1))
        more.push(batchLockKey(batchIdFor(gridId, d)));
      await lock(tx, more, "shared");
      batches = await read();
    }
  }

  const originalViews: OrderView[] = [];
  for (const o of originalOrders) {
    const hv = households.get(o.code);
    const match =
      hv &&
      [hv.open, hv.latest].find(
        (v) => v && (v.sourceMessage === targetKey || v.sourceMessage?.startsWith(`${targetKey}#`)),
      );
    if (match) originalViews.push(match);
  }

  return {
    message: {
      key,
      kind,
      chatId: msg.chatId,
      senderId: msg.senderId,
      senderName: msg.senderName,
      text: msg.text,
      sentAt: msg.at,
      handledAt: i.handledAt,
    },
    parsed,
    group: {
      id: group.id,
      chatId: group.chatId,
      platform: group.platform,
      villageId: group.villageId,
      gridId: group.gridId,
      gridCode: group.gridCode,
      zone: group.zone,
      villageName: group.villageName,
      language: group.language,
      digestMinutes: group.digestMinutes,
    },
    sender: {
      memberId: sender.memberId,
      userId: sender.userId,
      householdCode: sender.householdCode,
      roles: sender.roles,
    },
    rules,
    catalog: i.catalog,
    households,
    batches,
    list,
    namedHouseholds,
    original: targetKey ? { kind: original?.kind ?? null, orders: originalViews } : null,
  };
}

/** A stored 接龙 list's lines (JSON) as the decision reads them; lines stored before `by` was kept have none. */
export function readListLines(json: unknown): ListLine[] {
  return readJielongEntries(json);
}

/** A `timestamp(3)` inside JSON: its UTC wall time, without a zone ('2026-12-05T00:00:00.123'). */
const JsonTimeSchema = z.string().transform((t) => new Date(`${t}Z`));
const BatchStatusSchema = z.enum(["ready", "confirmed", "delivered", "merged"]);
const BatchViewSchema = z.object({ id: z.string(), deliveryDate: z.string(), status: BatchStatusSchema });

/** An order as ORDER_JSON builds it; `batch.summary` is loaded only for a status question (the pickup slot). */
const OrderRowSchema = z.object({
  id: z.string(),
  status: z.enum(["open", "confirmed", "delivered", "cancelled"]),
  placedAt: JsonTimeSchema,
  deliveryDate: z.string(),
  batchId: z.string().nullable(),
  gridId: z.string().nullable(),
  sourceMessage: z.string().nullable(),
  placedBy: z.string().nullable(),
  lines: z.array(z.object({ sku: z.string(), qty: z.number() })),
  batch: z
    .object({ status: BatchStatusSchema, summary: z.unknown(), confirmedAt: JsonTimeSchema.nullable() })
    .nullable(),
});
type OrderRow = z.infer<typeof OrderRowSchema>;

/** One order `o` as JSON, its lines and its batch with it (the batch's summary when `$2` is true). */
const ORDER_JSON = `json_build_object(
  'id', o."id", 'status', o."status", 'placedAt', o."placedAt", 'deliveryDate', o."deliveryDate", 'batchId', o."batchId", 'gridId', o."gridId",
  'sourceMessage', o."sourceMessage", 'placedBy', o."placedBy",
  'lines', COALESCE((SELECT json_agg(json_build_object('sku', l."sku", 'qty', l."qty")) FROM "OrderLine" l WHERE l."orderId" = o."id"), '[]'::json),
  'batch', (SELECT json_build_object('status', b."status", 'summary', CASE WHEN $2 THEN b."summary" END, 'confirmedAt', b."confirmedAt") FROM "Batch" b WHERE b."id" = o."batchId"))`;

const HouseholdsAndBatchesSchema = z.object({
  households: z
    .array(
      z.object({
        code: z.string(),
        name: z.string().nullable(),
        specialCare: z.boolean(),
        orders: z.array(OrderRowSchema),
      }),
    )
    .nullable(),
  batches: z.array(BatchViewSchema).nullable(),
});

/**
 * The households (by code) with their last three orders — lines and batch — and the grid's
 * batches delivering on or after `from`: what Prisma read in five statements, in one.
 */
async function readHouseholdsAndBatches(
  tx: Sql,
  villageId: string,
  codes: readonly string[],
  withSummary: boolean,
  gridId: string | null,
  from: string,
): Promise<{
  households: Array<{ code: string; name: string | null; specialCare: boolean; orders: OrderRow[] }>;
  batches: BatchView[];
}> {
  const r = await tx.one(
    HouseholdsAndBatchesSchema,
    `SELECT
       (SELECT json_agg(json_build_object('code', h."code", 'name', h."name", 'specialCare', h."specialCare", 'orders',
          COALESCE((SELECT json_agg(${ORDER_JSON} ORDER BY o."placedAt" DESC)
            FROM (SELECT * FROM "Order" o WHERE o."householdId" = h."id" ORDER BY o."placedAt" DESC LIMIT 3) o), '[]'::json)))
          FROM "Household" h WHERE h."villageId" = $1 AND h."code" = ANY($3::text[])) AS "households",
       (SELECT json_agg(json_build_object('id', b."id", 'deliveryDate', b."deliveryDate", 'status', b."status"))
          FROM "Batch" b WHERE b."gridId" = $4 AND b."deliveryDate" >= $5) AS "batches"`,
    villageId,
    withSummary,
    [...codes],
    gridId,
    from,
  );
  return { households: r?.households ?? [], batches: r?.batches ?? [] };
}
