// The daily report as a job and as `bin/baogong report`, the demand check run twice,
// and the alerts section of the setup — on the real PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { runCutoff } from "../../src/app/batches";
import { runDailyReport } from "../../src/app/officials";
import { parseReportArgs, runReport, ReportUsageError } from "../../src/cli/report";
import { loadConfig } from "../../src/config";
import { fixedClock } from "../../src/domain/clock";
import { openTestDatabase, TEST_DATABASE_URL } from "../support/db";
import { makeTestApp, msg, SAMPLE_SETUP, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "baogong-report-"));
  app = await makeTestApp(db, "2026-12-05T08:00:00+08:00", {
    ...SAMPLE_SETUP,
    alerts: { priceBaseline: { 猪肉: 26 }, stockTargetDays: { 大米: 14 }, office: "测试镇专班" },
  });
  const say = (chat: string, from: string, text: string, at: string) =>
    handleMessage(app.deps, msg(app, chat, from, text, { at }));
  await say("gov", "off_a", "/stock 大米 3 1", "2026-12-05T08:10:00+08:00");
  await say("gov", "off_a", "/price 猪肉 27", "2026-12-05T08:20:00+08:00");
  await say("g1", "r1", "2-1-101 大米2袋", "2026-12-05T09:00:00+08:00");
  await say("g1", "r1", "2-1-101 50元套餐1份", "2026-12-05T09:10:00+08:00"); // TOO_SOON
  await say("g2", "r5", "9-9-901 大米1袋 香烟1条", "2026-12-05T09:20:00+08:00"); // accepted, cigarettes refused
  // the cut-off, and the date's demand check 12 s after it
  await app.scheduler.runUntil(new Date("2026-12-05T20:00:15+08:00"));
  await say("g1", "lead_a", "确认", "2026-12-05T20:10:00+08:00");
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("alerts section of the setup", () => {
  it("is stored and read with names as keys: 猪肉 26 is PORK's baseline, 大米 14 days RICE's target", async () => {
    const row = await db.prisma.setting.findUniqueOrThrow({ where: { key: "alerts" } });
    expect(row.value).toMatchObject({ priceAlertPct: 10, reportTime: "21:30", office: "测试镇专班" });
    expect(app.ofType("price.reported")[0]).toMatchObject({
      sku: "PORK",
      baseline: 26,
      changePct: 3.8,
      level: "normal",
    });
    expect(app.ofType("stock.reported")[0]).toMatchObject({ sku: "RICE", targetDays: 14 });
  });
});

describe("orders as a signal", () => {
  it("alerts once per sku and delivery date, however often the cut-off runs", async () => {
    const demand = () => app.ofType("alert").filter((e) => e.reason === "demand");
    expect(demand().map((e) => [e.sku, e.demand, e.stock, e.deliveryDate])).toEqual([["RICE", 3, 3, "2026-12-06"]]);
    for (const g of await db.prisma.grid.findMany()) await runCutoff(app.deps, g.id);
    expect(demand()).toHaveLength(1);
  });
});

describe("daily report", () => {
  it("the job says it in the officials' chat and writes the CSV", async () => {
    app.clock.advanceTo(new Date("2026-12-05T21:30:00+08:00"));
    const r = await runDailyReport(app.deps, { dir });
    expect(r.villages).toEqual([
      expect.objectContaining({
        village: "李家村",
        orders: 2,
        batchesConfirmed: 1,
        unpaidOrders: 1,
        unpaidCents: 7000,
        medicine: 0,
        refusals: { TOO_SOON: 1, CATEGORY_NOT_ALLOWED: 1 },
      }),
    ]);
    expect(r.stocks).toEqual([
      expect.objectContaining({ sku: "RICE", daysLeft: 3, target: 14, below: true, restoreQty: 11 }),
    ]);
    expect(r.alerts).toEqual({ price: 0, stock: 2 });
    const csv = fs.readFileSync(path.join(dir, "report-2026-12-05.csv"), "utf8");
    expect(csv).toContain("2026-12-05,refusals,李家村,,TOO_SOON,1,次");
    expect(csv).toContain("2026-12-05,stock,,RICE,大米,3,天,14,,below");
    expect(app.ofType("report")).toEqual([
      expect.objectContaining({ chat: "gov", date: "2026-12-05", csv: path.join(dir, "report-2026-12-05.csv") }),
    ]);
    expect(app.said("gov").filter((t) => t.includes("12月5日保供日报 · 测试镇专班"))).toHaveLength(1);
  });

  it("a report whose CSV cannot be written is still said in the officials' chat", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bg-")), "a-file");
    fs.writeFileSync(file, "");
    const before = app.said("gov").length;
    await runDailyReport(app.deps, { date: "2026-12-04", dir: path.join(file, "reports") });
    const said = app.said("gov").slice(before);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("保供日报");
    expect(said[0]).toContain("CSV 文件未能保存");
    expect(app.ofType("report").at(-1)).toMatchObject({
      date: "2026-12-04",
      csvError: expect.stringContaining("ENOTDIR"),
    });
  });

  it("bin/baogong report --date writes DATA_DIR/reports/report-<date>.csv and prints the text", async () => {
    const cfg = loadConfig({ DATABASE_URL: `${TEST_DATABASE_URL}?schema=${db.schema}`, DATA_DIR: dir });
    let printed = "";
    const file = (await runReport(
      cfg,
      ["--date", "2026-12-05"],
      (s) => {
        printed += s;
      },
      fixedClock("2026-12-09T10:00:00+08:00"),
    ))!;
    expect(file).toBe(path.join(dir, "reports", "report-2026-12-05.csv"));
    expect(fs.existsSync(file)).toBe(true);
    expect(printed).toContain("12月5日保供日报");
    expect(printed).toContain("李家村：下单2单");
  });

  it("refuses bad arguments with one clear line", () => {
    expect(() => parseReportArgs(["--date", "5.12."])).toThrow(ReportUsageError);
    expect(() => parseReportArgs(["--when"])).toThrow(/unknown argument/);
    expect(parseReportArgs(["--date=2026-12-05"])).toEqual({ date: "2026-12-05" });
  });
});
