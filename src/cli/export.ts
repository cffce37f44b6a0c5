// `bin/baogong export batch <id> [--out DIR]`: the batch's pick lists, one per
// pickup point, as CSV and XLSX, for the supplier and the volunteers.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { CliError } from "./cli-error";
import { maskPersonalData } from "../domain/personal-data";
import { databaseUrl, type Config } from "../config";
import { openDatabase } from "../db/database";
import type { StoredSummary } from "../app/batches";

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface PickRow { household: string; name: string; priority: string; sku: string; item: string; qty: number; unit: string; amountYuan: number; slot: string; paid: string }

export async function runExport(cfg: Config, args: string[]): Promise<void> {
  const [what, id] = args;
  if (what !== "batch" || !id) throw new CliError("usage: baogong export batch <id> [--out DIR]");
  const outIdx = args.indexOf("--out");
  const outDir = outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1]! : path.join(cfg.DATA_DIR, "exports");
  const database = await openDatabase(databaseUrl(cfg));
  try {
    const files = await exportBatch(database.prisma, id, outDir).catch((e: NodeJS.ErrnoException) => {
      if (e instanceof CliError || !e.code) throw e;
      throw new CliError(`export: cannot write to ${outDir} (${e.message}); use --out DIR`);
    });
    for (const f of files) process.stdout.write(`${f}\n`);
  } finally {
    await database.close();
  }
}

export async function exportBatch(db: Awaited<ReturnType<typeof openDatabase>>["prisma"], id: string, outDir: string): Promise<string[]> {
  const batch = await db.batch.findUnique({ where: { id }, include: { grid: { include: { village: true } } } });
  if (!batch) throw new CliError(`export: no batch ${id} (batch ids are in the batch.ready message, e.g. B20261206-g_…)`);
  const summary = batch.summary as unknown as StoredSummary;
  const catalog = new Map((await db.catalogItem.findMany()).map((c) => [c.sku, c]));
  const fallback = batch.grid.zone === "controlled" ? "送货上门" : summary.pickupPoint ?? "取货点";
  // One pick list per pickup point (a controlled zone has one: door to door).
  const byPoint = new Map<string, PickRow[]>();
  for (const p of summary.pickList) {
    const point = summary.points?.[p.household] ?? fallback;
    const rows = byPoint.get(point) ?? [];
    byPoint.set(point, rows);
    for (const l of p.lines) {
      const c = catalog.get(l.sku);
      rows.push({
        household: p.household, name: maskPersonalData(p.name ?? ""), priority: p.priority ? "★" : "", sku: l.sku, item: c?.name ?? l.sku, qty: l.qty, unit: c?.unit ?? "",
        amountYuan: ((c?.priceCents ?? 0) * l.qty) / 100, slot: summary.slots?.[p.household] ?? "", paid: p.paid ? "是" : "否",
      });
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  const header = ["户号 household", "姓名 name", "优先 priority", "sku", "商品 item", "数量 qty", "单位 unit", "金额 amount (¥)", "取货时段 slot", "已付 paid"];
  const files: string[] = [];
  for (const [point, rows] of byPoint) {
    const base = path.join(outDir, `${id}-${point}`.replace(/[\\/:*?"<>|\s（）()]+/g, "_"));
    const csv = [header, ...rows.map((r) => [r.household, r.name, r.priority, r.sku, r.item, r.qty, r.unit, r.amountYuan, r.slot, r.paid])]
      .map((cells) => cells.map(csvCell).join(","))
      .join("\n");
    fs.writeFileSync(`${base}.csv`, `\uFEFF${csv}\n`); // BOM: Excel opens UTF-8 Chinese correctly
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("拣货单 pick list");
    ws.addRow([`${batch.grid.village.name} ${batch.grid.name ?? batch.grid.code} · ${batch.deliveryDate} · ${point} · ${id}`]);
    ws.addRow(header);
    for (const r of rows) ws.addRow([r.household, r.name, r.priority, r.sku, r.item, r.qty, r.unit, r.amountYuan, r.slot, r.paid]);
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(r.sku, (totals.get(r.sku) ?? 0) + r.qty);
    const tw = wb.addWorksheet("汇总 totals");
    tw.addRow(["sku", "商品 item", "数量 qty", "单位 unit"]);
    for (const [sku, qty] of totals) tw.addRow([sku, catalog.get(sku)?.name ?? sku, qty, catalog.get(sku)?.unit ?? ""]);
    await wb.xlsx.writeFile(`${base}.xlsx`);
    files.push(`${base}.csv`, `${base}.xlsx`);
  }
  return files;
}
