// A batch as the dashboard shows it: the pick list per pickup point with the slots,
// the totals, and the rows of its CSV/XLSX. The stored summary (a JSON column) is
// read through a schema. Pure.
import { BatchSummarySchema } from "../../flows/json-columns";
import { maskPersonalData } from "../../domain/personal-data";
import { pageTexts } from "../../texts/dashboard";
import { PICK_LIST_COLUMNS } from "../../domain/spreadsheet";

/** The stored summary (a JSON column): one schema, src/flows/json-columns.ts. */
export const StoredSummarySchema = BatchSummarySchema;

export interface BatchListRow {
  id: string;
  deliveryDate: string;
  status: string;
  readyAt: Date;
  confirmedAt: Date | null;
  orders: number;
  village: string;
  grid: string;
  gridCode: string;
  amountCents: number;
}

export interface ItemInfo {
  name: string;
  unit: string;
  priceCents: number;
}

export interface BatchRows {
  now: Date;
  batch: {
    id: string;
    deliveryDate: string;
    status: string;
    readyAt: Date;
    confirmedAt: Date | null;
    summary: unknown;
    village: string;
    grid: string;
    zone: string;
    window: string;
  };
  /** Orders paid now (the summary's flag is as of the cut-off or the confirmation). */
  paid: ReadonlySet<string>;
  item: (sku: string) => ItemInfo;
}

export interface PickRow {
  household: string;
  name: string;
  priority: boolean;
  slot: string;
  paid: boolean;
  amountCents: number;
  items: Array<{ sku: string; name: string; qty: number; unit: string; amountCents: number }>;
}

export interface BatchView {
  id: string;
  deliveryDate: string;
  status: string;
  village: string;
  grid: string;
  zone: string;
  window: string;
  since: Date | null;
  waitedMs: number | null;
  orders: number;
  amountCents: number;
  unpaid: number;
  totals: Array<{ sku: string; name: string; qty: number; unit: string }>;
  points: Array<{ name: string; rows: PickRow[]; slots: Array<{ slot: string; households: number }> }>;
  /** False when the stored summary could not be read. */
  readable: boolean;
}

export function buildBatch(r: BatchRows): BatchView {
  const b = r.batch;
  const since = b.status === "ready" ? b.readyAt : b.status === "confirmed" ? b.confirmedAt : null;
  const head = {
    id: b.id,
    deliveryDate: b.deliveryDate,
    status: b.status,
    village: b.village,
    grid: b.grid,
    zone: b.zone,
    window: b.window,
    since,
    waitedMs: since ? r.now.getTime() - since.getTime() : null,
  };
  const parsed = StoredSummarySchema.safeParse(b.summary);
  if (!parsed.success)
    return { ...head, orders: 0, amountCents: 0, unpaid: 0, totals: [], points: [], readable: false };
  const s = parsed.data;
  const T = pageTexts.batches;
  const fallback = b.zone === "controlled" ? T.doorToDoor.zh : (s.pickupPoint ?? T.defaultPoint.zh);
  const byPoint = new Map<string, PickRow[]>();
  let unpaid = 0;
  for (const p of s.pickList) {
    const point = s.points?.[p.household] ?? fallback;
    const paid = p.orderId ? r.paid.has(p.orderId) || p.paid : p.paid;
    if (!paid) unpaid++;
    const row: PickRow = {
      household: p.household,
      name: maskPersonalData(p.name ?? ""),
      priority: p.priority,
      slot: s.slots?.[p.household] ?? "",
      paid,
      amountCents: p.amountCents,
      items: p.lines.map((l) => {
        const i = r.item(l.sku);
        return { sku: l.sku, name: i.name, qty: l.qty, unit: i.unit, amountCents: i.priceCents * l.qty };
      }),
    };
    byPoint.set(point, [...(byPoint.get(point) ?? []), row]);
  }
  return {
    ...head,
    orders: s.orders,
    amountCents: s.amountCents,
    unpaid,
    readable: true,
    totals: s.totals.map((l) => ({ sku: l.sku, qty: l.qty, ...r.item(l.sku) })),
    // The pick list keeps the stored order: special-care households first, then by address.
    points: [...byPoint].map(([name, rows]) => {
      const slots = new Map<string, number>();
      for (const x of rows) if (x.slot) slots.set(x.slot, (slots.get(x.slot) ?? 0) + 1);
      return {
        name,
        rows,
        slots: [...slots].sort(([a], [b2]) => a.localeCompare(b2)).map(([slot, households]) => ({ slot, households })),
      };
    }),
  };
}

export const PICK_HEADER = ["取货点 pickup point", ...PICK_LIST_COLUMNS];

/** One row per household and item, as the CLI export writes them, with the pickup point first. */
export function pickRows(v: BatchView, point?: string): Array<Array<string | number>> {
  const yes = pageTexts.batches.yes.zh;
  const no = pageTexts.batches.no.zh;
  return v.points
    .filter((p) => point === undefined || p.name === point)
    .flatMap((p) =>
      p.rows.flatMap((r) =>
        r.items.map((i) => [
          p.name,
          r.household,
          r.name,
          r.priority ? "★" : "",
          i.sku,
          i.name,
          i.qty,
          i.unit,
          i.amountCents / 100,
          r.slot,
          r.paid ? yes : no,
        ]),
      ),
    );
}
