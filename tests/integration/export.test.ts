// The supplier's pick lists: one CSV and one XLSX per pickup point.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { exportBatch } from "../../src/cli/export";
import { CliError } from "../../src/cli/cli-error";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg, SAMPLE_SETUP } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("export batch", () => {
  it("writes a pick list per pickup point, special households first, with slots and amounts", async () => {
    const setup = structuredClone(SAMPLE_SETUP);
    setup.villages[0]!.grids![0]!.pickupPoints = [
      { name: "东门", slotCapacity: 1 },
      { name: "西门", slotCapacity: 1 },
    ];
    const app = await makeTestApp(db, "2026-12-05T08:00:00+08:00", setup);
    for (const [i, t] of [
      "1-1-101 50元套餐1份",
      "1-1-102 100元套餐1份 奶粉1罐",
      "8-1-101 50元套餐1份",
      "9-1-101 鸡蛋2盒",
    ].entries()) {
      await handleMessage(app.deps, msg(app, "g1", `r${i}`, t));
    }
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "代下单 9-2-202 王奶奶 50元套餐1份"));
    await app.scheduler.runUntil(new Date("2026-12-05T20:01:00+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    const batchId = String(app.ofType("batch.confirmed")[0]!.batchId);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bg-export-"));
    const files = await exportBatch(db.prisma, batchId, out);
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      `${batchId}-东门.csv`,
      `${batchId}-东门.xlsx`,
      `${batchId}-西门.csv`,
      `${batchId}-西门.xlsx`,
    ]);
    const east = fs
      .readFileSync(files.find((f) => f.endsWith("东门.csv"))!, "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(east[0]).toContain("户号 household");
    expect(east.slice(1).map((l) => l.split(",")[0])).toEqual(["1-1-101", "1-1-102", "1-1-102", "8-1-101"]);
    const west = fs
      .readFileSync(files.find((f) => f.endsWith("西门.csv"))!, "utf8")
      .trim()
      .split("\n");
    expect(west[1]).toMatch(/^9-2-202,王奶奶,★,PKG50,50元套餐,1,份,50,09:00-09:30,否$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.find((f) => f.endsWith("东门.xlsx"))!);
    expect(wb.getWorksheet("拣货单 pick list")!.getRow(3).getCell(1).value).toBe("1-1-101");
    expect(wb.getWorksheet("汇总 totals")!.rowCount).toBe(4);
    // the announcement names each household's point
    expect(app.ofType("announce")[0]!.text).toMatch(/9-2-202：09:00-09:30 @西门/);
  });

  it("an unknown batch is one clear error", async () => {
    await expect(exportBatch(db.prisma, "B-nope", os.tmpdir())).rejects.toBeInstanceOf(CliError);
    await expect(exportBatch(db.prisma, "B-nope", os.tmpdir())).rejects.toThrow(/export: no batch B-nope/);
  });
});
