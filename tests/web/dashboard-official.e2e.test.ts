// End to end, in headless Chromium: the bot as `bin/baogong start` runs it (the chat
// console, BullMQ on Redis, PostgreSQL) with its dashboard. An official asks for a
// link in the officials' chat and follows it; an order typed in the console appears on
// Today without a reload; a price report adds a point to the chart; a batch built at
// the cut-off and confirmed by its leader downloads as XLSX; the queue dashboard opens.
import ExcelJS from "exceljs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { Redis } from "ioredis";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { SAMPLE_VILLAGE, start } from "../../src/cli/start";
import { readVillageFile } from "../../src/cli/village-file";
import { loadConfig } from "../../src/config";
import { openTestDatabase, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueName } from "../support/db";
import { DESKTOP, launchChromium, PHONE, shot, type InPage } from "./support/browser";
import { seedTown } from "./support/town";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let running: Promise<void>;
const input = new PassThrough();
const output = new PassThrough();
let printed = "";
output.on("data", (d: Buffer) => (printed += d.toString()));
const prefix = uniqueName("t-dash");

/** Types a line into the chat console. */
const type = (line: string) => input.write(`${line}\n`);
/** Waits until the console has printed something matching, after `from`. */
function printedMatch(re: RegExp, from = 0, ms = 20_000): Promise<RegExpExecArray> {
  return vi.waitFor(
    () => {
      const m = re.exec(printed.slice(from));
      if (!m) throw new Error(`console never printed ${re}; last:\n${printed.slice(-1500)}`);
      return m;
    },
    { timeout: ms, interval: 50 },
  );
}
const chartPoints = (sku: string) =>
  page.evaluate((id) => {
    const w = globalThis as unknown as InPage;
    const el = w.document.getElementById(id);
    return el ? (w.echarts.getInstanceByDom(el)?.getOption().series[0]?.data.length ?? -1) : -1;
  }, `price-${sku}`);

beforeAll(async () => {
  db = await openTestDatabase();
  // The sample village the console speaks for, and a small town around it.
  await applySetup(db.prisma, readVillageFile(SAMPLE_VILLAGE));
  await seedTown(db.prisma, { villages: 2, gridsPerVillage: 4, orders: 160, now: new Date(), officials: false });
  const cfg = loadConfig({
    DATABASE_URL: `${TEST_DATABASE_URL}?schema=${db.schema}`,
    REDIS_URL: TEST_REDIS_URL,
    BAOGONG_QUEUE_PREFIX: prefix,
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "bg-dash-")),
    DASHBOARD_PORT: "127.0.0.1:0",
    LOG_LEVEL: "error",
  });
  running = start(cfg, { input, output });
  await printedMatch(/已启动 \/ started: console .* 看板 dashboard http:\/\/127\.0\.0\.1:\d+/);
  browser = await launchChromium();
  ctx = await browser.newContext(DESKTOP);
  page = await ctx.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  input.end();
  await running;
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db?.drop();
}, 60_000);

describe("an official on the dashboard", () => {
  it("asks for a link in the officials' chat and follows it to Today", async () => {
    const from = printed.length;
    type("/as official");
    type("/dashboard");
    const link = (await printedMatch(/http:\/\/127\.0\.0\.1:\d+\/login\/[A-Za-z0-9_-]{43}/, from))[0];
    await page.goto(link);
    await page.screenshot({ path: shot("official-1-link") });
    await page.click("#sign-in");
    await page.waitForURL((u) => u.pathname === "/");
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("今日保供");
    expect(await page.locator("section.village h2").allTextContents()).toEqual(["李家村", "王家村", "张家村"]); // in pinyin order
    await page.waitForSelector("#live.on");
    await page.screenshot({ path: shot("official-2-today"), fullPage: true });
  }, 60_000);

  it("sees an order typed in the console appear on Today without a reload", async () => {
    await page.evaluate(() => ((globalThis as unknown as InPage).stayed = true));
    expect(await page.locator("#latest-orders li", { hasText: "3-2-501" }).count()).toBe(0);
    const from = printed.length;
    type("/chat zhangjia-1");
    type("/as 3-2-501 张三");
    type("3-2-501 张三 100元套餐1份 鸡蛋2盒");
    await printedMatch(/已收到 3-2-501 的订单/, from);
    const row = page.locator("#latest-orders li", { hasText: "3-2-501" });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toMatch(/张家村 一网格[\s\S]*100元套餐×1、鸡蛋×2/);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).stayed)).toBe(true); // no reload
    expect(await page.locator("tr[data-grid]", { hasText: "一网格" }).first().locator("td").first().textContent()).toBe(
      "1",
    );
    await page.screenshot({ path: shot("official-3-today-live") });
    await page.screenshot({ path: shot("official-3-today-live-full"), fullPage: true });
    const phone = await browser.newContext(PHONE);
    await phone.addCookies(await ctx.cookies());
    const p = await phone.newPage();
    await p.goto(new URL("/", page.url()).href);
    await p.screenshot({ path: shot("official-4-today-phone") });
    expect(
      await p.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390); // no sideways scrolling on a phone
    await phone.close();
  }, 60_000);

  it("sees a price report add a point to the chart", async () => {
    await page.goto(new URL("/prices", page.url()).href);
    await page.waitForSelector("#price-PORK canvas");
    await page.waitForSelector("#live.on");
    const before = await chartPoints("PORK");
    expect(before).toBeGreaterThan(20); // the seeded month
    const from = printed.length;
    type("/as official");
    type("/price 猪肉 34.5");
    await printedMatch(/已记录价格：猪肉 34.5元\/斤/, from);
    await expect.poll(() => chartPoints("PORK"), { timeout: 10_000 }).toBe(before + 1);
    expect(await page.locator("tr[data-report]").first().textContent()).toMatch(/猪肉[\s\S]*34.5元\/斤/);
    await page.screenshot({ path: shot("official-5-prices") });
  }, 60_000);

  it("downloads a batch's pick list as XLSX", async () => {
    let from = printed.length;
    type("/chat zhangjia-1");
    type("/cutoff");
    await printedMatch(/批次已汇总|本批订单|batch/i, from);
    await printedMatch(/确认 Confirm/, from);
    from = printed.length;
    type("/as leader");
    type("确认");
    await printedMatch(/取货|pickup/i, from);
    await page.goto(new URL("/batches", page.url()).href);
    await page.locator("tr[data-batch]", { hasText: "张家村 一网格" }).locator("a").first().click();
    await page.waitForSelector("#download-xlsx");
    expect(await page.locator(".pick-point h2").first().textContent()).toContain("村委会广场");
    await page.screenshot({ path: shot("official-6-batch"), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-xlsx")]);
    expect(download.suggestedFilename()).toMatch(/^B\d{8}-.+\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([expect.stringContaining("村委会广场"), "汇总 totals"]);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain("3-2-501");
    expect(cells).toContain("鸡蛋");
  }, 60_000);

  it("opens the queue dashboard", async () => {
    await page.goto(new URL("/admin/queues", page.url()).href);
    await page.getByText("baogong-jobs").first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shot("official-7-queues") });
  }, 60_000);
});
