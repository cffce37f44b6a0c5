// End to end, in headless Chromium, on the app's virtual clock: a leader signs in
// with the link and the code from their own account and sees only their grid; a
// used link, an expired link and a resident are refused; sessions end at logout and
// when they expire.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCutoff } from "../../src/app/batches";
import { confirmBatchNow } from "../../src/app/batch-leader";
import { handleMessage } from "../../src/app/handle-message";
import { startDashboard, type RunningDashboard } from "../../src/web/start";
import { SESSION_TTL_MS } from "../../src/web/sessions";
import { makeTestApp, msg, type TestApp } from "../support/app";
import { openTestDatabase } from "../support/db";
import { DESKTOP, launchChromium, PHONE, shot } from "./support/browser";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
let web: RunningDashboard;
let browser: Browser;
const batch = { g1: "", g2: "" };

const say = async (chat: string, from: string, text: string, name?: string) => {
  await handleMessage(app.deps, msg(app, chat, from, text, name ? { name } : {}));
  return app.said(chat).at(-1) ?? "";
};
const linkIn = (text: string) => /http:\/\/127\.0\.0\.1:\d+\/login\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? null;
const later = (ms: number) => app.clock.set(new Date(app.clock.now().getTime() + ms));
const mainText = (page: Page) => page.locator("main").innerText();

beforeAll(async () => {
  db = await openTestDatabase();
  app = await makeTestApp(db, "2026-12-04T10:00:00+08:00");
  // Orders in both grids of 李家村, yesterday's built and confirmed; today's open.
  await say("g1", "r1", "1-1-101 王奶奶 100元套餐1份");
  await say("g2", "r2", "2-1-101 李四 150元套餐1份");
  app.clock.set(new Date("2026-12-04T20:00:00+08:00"));
  const grids = await db.prisma.grid.findMany({ orderBy: { code: "asc" } });
  batch.g1 = (await runCutoff(app.deps, grids[0]!.id, "2026-12-05")).batchId!;
  batch.g2 = (await runCutoff(app.deps, grids[1]!.id, "2026-12-05")).batchId!;
  await confirmBatchNow(app.deps, grids[0]!.id, "lead_a", batch.g1);
  app.clock.set(new Date("2026-12-05T09:00:00+08:00"));
  await say("g1", "r3", "1-2-102 张三 50元套餐2份");
  await say("g2", "r4", "2-2-102 赵六 100元套餐1份");
  web = await startDashboard(app.deps, { host: "127.0.0.1", port: 0, liveIntervalMs: 200 });
  app.deps.dashboard = { url: web.url };
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await db?.drop();
});

describe("a leader", () => {
  let leader: BrowserContext;
  let page: Page;
  let link: string;

  it("follows the link, sends the code in the group from their own account, and is in", async () => {
    link = linkIn(await say("g1", "lead_a", "/dashboard"))!;
    expect(link).not.toBeNull();
    leader = await browser.newContext(PHONE);
    page = await leader.newPage();
    await page.goto(link);
    expect(await mainText(page)).toMatch(/团长登录/);
    await page.click("#sign-in");
    const code = /\/dashboard (\d{6})/.exec(await page.locator("#confirm-code").innerText())![1]!;
    await page.screenshot({ path: shot("leader-1-code") });
    // A resident repeating the code in the group changes nothing.
    await say("g1", "r1", `/dashboard ${code}`);
    await page.waitForTimeout(2000);
    expect(await page.locator("#confirm-code").count()).toBe(1);
    expect(await say("g1", "lead_a", `/dashboard ${code}`)).toMatch(/看板已登录/);
    await page.waitForSelector("section.village", { timeout: 10_000 }); // the page moves on by itself
    await page.screenshot({ path: shot("leader-2-today-phone"), fullPage: true });
  }, 60_000);

  it("sees only their own grid", async () => {
    const text = await mainText(page);
    expect(text).toContain("李家村 1号网格");
    expect(text).toContain("1-2-102");
    expect(text).not.toContain("2-2-102");
    expect(text).not.toContain("2号网格");
    expect(await page.locator("header nav a").allInnerTexts()).toEqual([
      expect.stringContaining("今日"),
      expect.stringContaining("预警与通知"),
      expect.stringContaining("批次"),
    ]);
    // An order in the other grid never reaches this page; one in theirs does, live.
    await say("g2", "r5", "2-3-103 孙七 100元套餐1份");
    await say("g1", "r6", "1-3-103 周八 100元套餐1份");
    await page.locator("#latest-orders li", { hasText: "1-3-103" }).waitFor({ timeout: 10_000 });
    expect(await mainText(page)).not.toContain("2-3-103");
    // Their batch; not the other grid's, not the town's pages — refused by the server, not hidden.
    await page.goto(new URL("/batches", web.url).href);
    expect(await page.locator("tr[data-batch]").count()).toBe(1);
    const other = await page.goto(new URL(`/batches/${batch.g2}`, web.url).href);
    expect(other?.status()).toBe(404);
    for (const p of ["/prices", "/stock", "/admin/queues"]) {
      const r = await page.goto(new URL(p, web.url).href);
      expect([p, r?.status()]).toEqual([p, 403]);
      expect(await mainText(page)).toMatch(/没有权限/);
    }
    await page.screenshot({ path: shot("leader-3-forbidden") });
    expect((await page.request.get(new URL(`/api/batches/${batch.g2}`, web.url).href)).status()).toBe(404);
    expect((await page.request.get(new URL(`/batches/${batch.g2}/pick-list.xlsx`, web.url).href)).status()).toBe(404);
    expect((await page.request.get(new URL(`/batches/${batch.g1}/pick-list.xlsx`, web.url).href)).status()).toBe(200);
  }, 60_000);

  it("signs out", async () => {
    await page.goto(new URL("/", web.url).href);
    await page.click("header form button");
    await page.waitForURL((u) => u.pathname === "/signed-out");
    const back = await page.goto(new URL("/", web.url).href);
    expect(back?.status()).toBe(401);
    expect(await mainText(page)).toMatch(/请先登录/);
    await leader.close();
  }, 60_000);

  it("cannot use the same link again", async () => {
    const ctx = await browser.newContext(DESKTOP);
    const p = await ctx.newPage();
    const r = await p.goto(link);
    expect(r?.status()).toBe(410);
    expect(await mainText(p)).toMatch(/这个链接已经用过了/);
    expect(await p.locator("#sign-in").count()).toBe(0);
    await p.screenshot({ path: shot("refused-1-used-link") });
    await ctx.close();
  }, 60_000);
});

describe("refused", () => {
  it("an expired link (11 minutes later)", async () => {
    const link = linkIn(await say("gov", "off_a", "/dashboard"))!;
    later(11 * 60_000);
    const ctx = await browser.newContext(DESKTOP);
    const p = await ctx.newPage();
    expect((await p.goto(link))?.status()).toBe(410);
    expect(await mainText(p)).toMatch(/这个链接已过期/);
    await p.screenshot({ path: shot("refused-2-expired-link") });
    await ctx.close();
  }, 60_000);

  it("a resident: no link from the chat, nothing in the browser, and the leader's link opened first gets them nothing", async () => {
    const reply = await say("g1", "r1", "/dashboard");
    expect(linkIn(reply)).toBeNull();
    expect(reply).toMatch(/只有工作人员和本群团长可以打开看板/);
    const ctx = await browser.newContext(PHONE);
    const p = await ctx.newPage();
    expect((await p.goto(new URL("/", web.url).href))?.status()).toBe(401);
    expect((await p.goto(new URL("/api/today", web.url).href))?.status()).toBe(401);
    // The leader asks in the group; a resident reading along opens the link first.
    const leadersLink = linkIn(await say("g1", "lead_a", "/dashboard"))!;
    await p.goto(leadersLink);
    await p.click("#sign-in");
    const code = /\/dashboard (\d{6})/.exec(await p.locator("#confirm-code").innerText())![1]!;
    await say("g1", "r1", `/dashboard ${code}`);
    const r = await p.goto(new URL("/api/today", web.url).href);
    expect(r?.status()).toBe(401);
    await p.goto(new URL("/", web.url).href);
    expect(await p.locator("#confirm-code").count()).toBe(1); // still waiting: only the leader's account can send the code
    await p.screenshot({ path: shot("refused-3-resident") });
    await ctx.close();
  }, 60_000);

  it("an official's session after 12 hours", async () => {
    const link = linkIn(await say("gov", "off_a", "/dashboard"))!;
    const ctx = await browser.newContext(DESKTOP);
    const p = await ctx.newPage();
    await p.goto(link);
    await p.click("#sign-in");
    await p.waitForSelector("section.village");
    expect(await p.locator("section.village tr[data-grid]").count()).toBe(2); // the town: both grids
    later(SESSION_TTL_MS);
    expect((await p.goto(new URL("/", web.url).href))?.status()).toBe(401);
    await ctx.close();
  }, 60_000);
});
