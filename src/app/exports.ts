// A batch's pick lists, for the supplier and the volunteers: one per pickup point (a
// controlled zone has one: door to door), as CSV and XLSX. `bin/baogong export` writes
// them as files; a big grid's batch list carries them as one workbook in the chat.
import { toCsv } from "../domain/csv";
import { maskPersonalData } from "../domain/personal-data";
import type { DbOrTx } from "./context";
import { EMPTY_SUMMARY, readBatchSummary } from "../flows/json-columns";
import { PICK_LIST_COLUMNS, sheetName } from "../domain/spreadsheet";

export interface PickRow {
  household: string;
  name: string;
  priority: string;
  sku: string;
  item: string;
  qty: number;
  unit: string;
  amountYuan: number;
  slot: string;
  paid: string;
}

export interface PickLists {
  batchId: string;
  title: string;
  /** Pickup point → its rows, in pick-list order (special-care households first). */
  points: Map<string, PickRow[]>;
  names: Map<string, { name: string; unit: string }>;
}

/** The pick lists of a batch, or null when there is no such batch. Names are masked (phones, ID numbers). */
export async function loadPickLists(db: DbOrTx, batchId: string): Promise<PickLists | null> {
  const batch = await db.batch.findUnique({
    where: { id: batchId },
    include: { grid: { include: { village: true } } },
  });
  if (!batch) return null;
  const summary = readBatchSummary(batch.summary) ?? EMPTY_SUMMARY;
  const catalog = new Map((await db.catalogItem.findMany()).map((c) => [c.sku, c]));
  const fallback = batch.grid.zone === "controlled" ? "送货上门" : (summary.pickupPoint ?? "取货点");
  const points = new Map<string, PickRow[]>();
  for (const p of summary.pickList) {
    const point = summary.points?.[p.household] ?? fallback;
    const rows = points.get(point) ?? [];
    points.set(point, rows);
    for (const l of p.lines) {
      const c = catalog.get(l.sku);
      rows.push({
        household: p.household,
        name: maskPersonalData(p.name ?? ""),
        priority: p.priority ? "★" : "",
        sku: l.sku,
        item: c?.name ?? l.sku,
        qty: l.qty,
        unit: c?.unit ?? "",
        amountYuan: ((c?.priceCents ?? 0) * l.qty) / 100,
        slot: summary.slots?.[p.household] ?? "",
        paid: p.paid ? "是" : "否",
      });
    }
  }
  return {
    batchId,
    points,
    names: new Map([...catalog].map(([sku, c]) => [sku, { name: c.name, unit: c.unit }])),
    title: `${batch.grid.village.name} ${batch.grid.name ?? batch.grid.code} · ${batch.deliveryDate}`,
  };
}

const cells = (r: PickRow) => [
  r.household,
  r.name,
  r.priority,
  r.sku,
  r.item,
  r.qty,
  r.unit,
  r.amountYuan,
  r.slot,
  r.paid,
];

/** One point's pick list as CSV, with a BOM so Excel reads the Chinese. */
export function pickListCsv(rows: readonly PickRow[]): string {
  return toCsv(PICK_LIST_COLUMNS, rows.map(cells));
}

/** A workbook of the given points' pick lists (a sheet each; "拣货单 pick list" for one) and their totals. */
export async function pickListXlsx(
  p: PickLists,
  points: ReadonlyArray<string> = [...p.points.keys()],
): Promise<Buffer> {
  // exceljs (some 20 MB once loaded) only when a workbook is made.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const taken = new Set<string>();
  const totals = new Map<string, number>();
  for (const point of points) {
    const rows = p.points.get(point) ?? [];
    const ws = wb.addWorksheet(sheetName(points.length === 1 ? "拣货单 pick list" : point, taken));
    ws.addRow([`${p.title} · ${point} · ${p.batchId}`]);
    ws.addRow([...PICK_LIST_COLUMNS]);
    for (const r of rows) {
      ws.addRow(cells(r));
      totals.set(r.sku, (totals.get(r.sku) ?? 0) + r.qty);
    }
  }
  const tw = wb.addWorksheet(sheetName("汇总 totals", taken));
  tw.addRow(["sku", "商品 item", "数量 qty", "单位 unit"]);
  for (const [sku, qty] of totals) tw.addRow([sku, p.names.get(sku)?.name ?? sku, qty, p.names.get(sku)?.unit ?? ""]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The whole batch's pick lists as one file for the chat. */
export async function pickListFile(db: DbOrTx, batchId: string): Promise<{ name: string; data: Buffer }> {
  const p = await loadPickLists(db, batchId);
  if (!p) throw new Error(`no batch ${batchId}`);
  return { name: `拣货单-${batchId}.xlsx`, data: await pickListXlsx(p) };
}
