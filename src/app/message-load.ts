// "Load" of load → decide → apply: everything the decision about one message needs
// (src/flows/decide/snapshot.ts), read inside the message's transaction under the locks
// that keep it true until the transaction ends — the households it touches (exclusive),
// the grid's batches around its delivery date (shared: the cut-off and the confirmation
// take them exclusively), its 接龙 list.
import { readJielongEntries, readSummarySlots } from "../flows/json-columns";
import { addDays, localDate } from "../domain/local-time";
import type { InboundMessage } from "../domain/messages";
import type { BatchView, HouseholdView, ListLine, OrderView, Parsed, Snapshot } from "../flows/decide";
import type { Line, Rules } from "../flows/order-rules";
import { earliestDeliveryDate } from "../flows/decide/placement";
import { batchLockKey, householdLockKey, jielongLockKey, lock, lockExclusiveThenShared } from "../db/locks";
import { batchIdFor } from "./batch-placement";
import type { CatalogCache } from "./catalog-cache";
import { loadRules, loadSender, type DbOrTx, type GroupCtx, type SenderCtx } from "./context";
import { messageKey } from "./inbound-claim";

/** `summary` is loaded only for a status question (the pickup slot). */
type BatchRow = {
  status: "ready" | "confirmed" | "delivered" | "merged";
  summary?: unknown;
  confirmedAt: Date | null;
} | null;

/** The households a message may touch, by code. */
function householdsOf(p: Parsed, senderHousehold: string | null, extra: readonly string[]): string[] {
  const out = new Set<string>(extra);
  if (p.household) out.add(p.household);
  if (senderHousehold) out.add(senderHousehold);
  for (const e of p.entries) if (e.household) out.add(e.household);
  return [...out];
}

function orderView(
  o: {
    id: string;
    status: OrderView["status"];
    placedAt: Date;
    deliveryDate: string;
    batchId: string | null;
    sourceMessage: string | null;
    placedBy: string | null;
    lines: Line[];
    batch: BatchRow;
  },
  household: string,
): OrderView {
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
  tx: DbOrTx;
  msg: InboundMessage;
  group: GroupCtx & { villageId: string };
  parsed: Parsed;
  catalog: CatalogCache;
  timezone: string;
  handledAt: Date;
  /** The sender, when the caller loaded it already (with the claim, src/app/context.ts claimAndLoadSender). */
  sender?: SenderCtx;
  /** The rules in force, when the caller has them (cached: src/app/config-cache.ts). */
  rules?: Rules;
}

export async function loadSnapshot(i: LoadInput): Promise<Snapshot> {
  const { tx, msg, group, parsed } = i;
  const sender = i.sender ?? (await loadSender(tx, msg.platform, msg.senderId, msg.senderName, group));
  const rules: Rules = i.rules ?? (await loadRules(tx, group.villageId, i.timezone));
  const key = messageKey(msg);
  const kind = msg.recalls ? "recall" : msg.edits ? "edit" : "message";
  const targetKey = (msg.recalls ?? msg.edits) ? messageKey({ ...msg, messageId: (msg.recalls ?? msg.edits)! }) : null;

  // What the original message (of an edit or a recall) placed.
  const originalOrders = targetKey
    ? await tx.order.findMany({
        where: { OR: [{ sourceMessage: targetKey }, { sourceMessage: { startsWith: `${targetKey}#` } }] },
        select: { household: { select: { code: true } } },
      })
    : [];
  const original = targetKey
    ? await tx.inboundMessage.findUnique({ where: { key: targetKey }, select: { kind: true } })
    : null;

  // A leader changing an order by a person's name: the households of this grid with that name.
  const namedHouseholds =
    parsed.forName && group.gridId
      ? (
          await tx.household.findMany({
            where: { villageId: group.villageId, gridId: group.gridId, name: parsed.forName },
            select: { code: true, name: true },
          })
        ).map((h) => ({ code: h.code, name: h.name! }))
      : [];

  // The 接龙 list: its reposts take turns.
  let list: Snapshot["list"] = null;
  let listLines: ListLine[] = [];
  if (parsed.kind === "jielong") {
    const title = parsed.title || "接龙";
    await lock(tx, [jielongLockKey(group.id, title)]);
    const row = await tx.jielongList.findUnique({ where: { chatGroupId_title: { chatGroupId: group.id, title } } });
    listLines = row ? readListLines(row.entries) : [];
    list = row ? { title, lines: listLines } : null;
  }

  const codes = householdsOf(parsed, sender.householdCode, [
    ...originalOrders.map((o) => o.household.code),
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
        const fresh = await tx.order.findUniqueOrThrow({
          where: { id: o.id },
          select: {
            id: true,
            status: true,
            placedAt: true,
            deliveryDate: true,
            batchId: true,
            gridId: true,
            sourceMessage: true,
            placedBy: true,
            lines: { select: { sku: true, qty: true } },
            batch: { select: { status: true, summary: wantStatus, confirmedAt: true } },
          },
        });
        h.orders[n] = fresh;
      }
    }
  }
  const households = new Map<string, HouseholdView>();
  for (const code of codes) {
    const h = rows.find((r) => r.code === code);
    const views = (h?.orders ?? []).map((o) => orderView(o as Parameters<typeof orderView>[0], code));
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
      tx.batch.findMany({
        where: { gridId, deliveryDate: { gte: wanted } },
        select: { id: true, deliveryDate: true, status: true },
      });
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
    const hv = households.get(o.household.code);
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
      account: group.account ?? null,
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

type OrderRow = {
  id: string;
  status: OrderView["status"];
  placedAt: Date;
  deliveryDate: string;
  batchId: string | null;
  gridId: string | null;
  sourceMessage: string | null;
  placedBy: string | null;
  lines: Line[];
  batch: BatchRow;
};

/**
 * The households (by code) with their last three orders — lines and batch — and the grid's
 * batches delivering on or after `from`: what Prisma reads in five statements, in one.
 */
async function readHouseholdsAndBatches(
  tx: DbOrTx,
  villageId: string,
  codes: readonly string[],
  withSummary: boolean,
  gridId: string | null,
  from: string,
): Promise<{
  households: Array<{ code: string; name: string | null; specialCare: boolean; orders: OrderRow[] }>;
  batches: BatchView[];
}> {
  type Raw = {
    households: Array<{
      code: string;
      name: string | null;
      specialCare: boolean;
      orders: Array<
        Omit<OrderRow, "placedAt" | "batch"> & {
          placedAt: string;
          batch: (Omit<NonNullable<BatchRow>, "confirmedAt"> & { confirmedAt: string | null }) | null;
        }
      >;
    }> | null;
    batches: BatchView[] | null;
  };
  const [r] = await tx.$queryRawUnsafe<Raw[]>(
    `SELECT
       (SELECT json_agg(json_build_object('code', h."code", 'name', h."name", 'specialCare', h."specialCare", 'orders',
          COALESCE((SELECT json_agg(json_build_object(
              'id', o."id", 'status', o."status", 'placedAt', o."placedAt", 'deliveryDate', o."deliveryDate", 'batchId', o."batchId", 'gridId', o."gridId",
              'sourceMessage', o."sourceMessage", 'placedBy', o."placedBy",
              'lines', COALESCE((SELECT json_agg(json_build_object('sku', l."sku", 'qty', l."qty")) FROM "OrderLine" l WHERE l."orderId" = o."id"), '[]'::json),
              'batch', (SELECT json_build_object('status', b."status", 'summary', CASE WHEN $3 THEN b."summary" END, 'confirmedAt', b."confirmedAt") FROM "Batch" b WHERE b."id" = o."batchId")
            ) ORDER BY o."placedAt" DESC)
            FROM (SELECT * FROM "Order" o WHERE o."householdId" = h."id" ORDER BY o."placedAt" DESC LIMIT 3) o), '[]'::json)))
          FROM "Household" h WHERE h."villageId" = $1 AND h."code" = ANY($2::text[])) AS "households",
       (SELECT json_agg(json_build_object('id', b."id", 'deliveryDate', b."deliveryDate", 'status', b."status"))
          FROM "Batch" b WHERE b."gridId" = $4 AND b."deliveryDate" >= $5) AS "batches"`,
    villageId,
    [...codes],
    withSummary,
    gridId,
    from,
  );
  const utc = (t: string) => new Date(`${t}Z`); // timestamp(3) columns hold UTC
  return {
    households: (r?.households ?? []).map((h) => ({
      ...h,
      orders: h.orders.map((o) => ({
        ...o,
        placedAt: utc(o.placedAt),
        batch: o.batch ? { ...o.batch, confirmedAt: o.batch.confirmedAt ? utc(o.batch.confirmedAt) : null } : null,
      })),
    })),
    batches: r?.batches ?? [],
  };
}
