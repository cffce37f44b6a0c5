// A batch's pick lists as downloads: CSV (UTF-8 with a BOM, so Excel reads the
// Chinese) and XLSX (one sheet per pickup point, and the totals).
import { toCsv } from "../domain/csv";
import { PICK_HEADER, pickRows, type BatchView } from "./model/batches";
import { sheetName } from "../domain/spreadsheet";

export function batchCsv(v: BatchView): string {
  return toCsv(PICK_HEADER, pickRows(v));
}

export async function batchXlsx(v: BatchView): Promise<Buffer> {
  // exceljs (some 20 MB once loaded) only when a workbook is made.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const p of v.points) {
    const ws = wb.addWorksheet(sheetName(p.name, taken));
    ws.addRow([`${v.village} ${v.grid} · ${v.deliveryDate} · ${p.name} · ${v.id}`]);
    ws.addRow(PICK_HEADER);
    for (const r of pickRows(v, p.name)) ws.addRow(r);
    ws.getRow(2).font = { bold: true };
    for (const c of ws.columns) c.width = 14;
  }
  const tw = wb.addWorksheet(sheetName("汇总 totals", taken));
  tw.addRow(["sku", "商品 item", "数量 qty", "单位 unit"]);
  for (const x of v.totals) tw.addRow([x.sku, x.name, x.qty, x.unit]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
