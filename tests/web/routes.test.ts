// The dashboard's routes on the real PostgreSQL and Redis, through fastify's inject
// (and one real connection for the event stream): every page and API route checks the
// role on the server; a leader's grid is enforced in the queries; personal data stays
// masked in pages and downloads; the cookie and headers are what they should be.
import ExcelJS from "exceljs";
import { Redis } from "ioredis";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCutoff } from "../../src/app/batches";
import { confirmBatchNow } from "../../src/app/batch-leader";
import { handleMessage } from "../../src/app/handle-message";
import { LiveFeed } from "../../src/web/live";
import { buildDashboard } from "../../src/web/server";
import { confirmByCode, issueLink, redeemLink } from "../../src/web/sessions";
import { makeTestApp, msg, SAMPLE_SETUP, type TestApp } from "../support/app";
import { openTestDatabase, TEST_REDIS_URL, uniqueName } from "../support/db";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
let web: FastifyInstance;
let live: LiveFeed;
const cookie: Record<"official" | "leader" | "pending", string> = { official: "", leader: "", pending: "" };
const batch: Record<"g1" | "g2", string> = { g1: "", g2: "" };
const grid: Record<"g1" | "g2", string> = { g1: "", g2: "" };
const queuePrefix = uniqueName("t-dashq");

const say = (chat: string, from: string, text: string, name?: string) =>
  handleMessage(app.deps, msg(app, chat, from, text, name ? { name } : {}));

async function sessionFor(
  userId: string,
  role: "official" | "leader",
  scope: string,
): Promise<{ session: string; code: string | null }> {
  const m = await db.prisma.member.findFirstOrThrow({ where: { userId } });
  const { token } = await issueLink(app.deps, { memberId: m.id, role, scope, chatGroupId: null });
  const r = await redeemLink(app.deps, token);
  if (!r.ok) throw new Error("not redeemed");
  return { session: r.session, code: r.pendingCode };
}

beforeAll(async () => {
  db = await openTestDatabase();
  app = await makeTestApp(db, "2026-12-05T09:00:00+08:00", {
    ...SAMPLE_SETUP,
    alerts: { priceBaseline: { PORK: 26 } },
  });
  const grids = await db.prisma.grid.findMany({ orderBy: { code: "asc" } });
  grid.g1 = grids[0]!.id;
  grid.g2 = grids[1]!.id;
  // Yesterday's orders, built into a batch per grid (a name with a phone number and an ID number among them).
  await db.prisma.household.create({
    data: {
      villageId: grids[0]!.villageId,
      gridId: grid.g1,
      code: "1-1-101",
      name: "王奶奶 13812345678 110101199003071234",
      specialCare: true,
      careNote: "独居老人",
    },
  });
  app.clock.set(new Date("2026-12-04T10:00:00+08:00"));
  await say("g1", "r1", "1-1-101 100元套餐1份");
  await say("g1", "r2", "1-1-102 张三 50元套餐2份");
  await say("g2", "r3", "2-1-101 李四 150元套餐1份");
  app.clock.set(new Date("2026-12-04T20:00:00+08:00"));
  batch.g1 = (await runCutoff(app.deps, grid.g1, "2026-12-05")).batchId!;
  batch.g2 = (await runCutoff(app.deps, grid.g2, "2026-12-05")).batchId!;
  app.clock.set(new Date("2026-12-04T21:00:00+08:00"));
  expect(await confirmBatchNow(app.deps, grid.g1, "lead_a", batch.g1)).toMatchObject({ ok: true });
  // Today: an order in each grid, a refused one, a price alert, notices to all and to grid 2 only.
  app.clock.set(new Date("2026-12-05T08:30:00+08:00"));
  await say("g1", "r4", "1-2-101 赵六 100元套餐1份");
  await say("g2", "r5", "2-2-101 孙七 100元套餐1份");
  await say("g1", "r6", "香烟一条");
  await say("gov", "off_a", "/price 猪肉 35");
  await say("gov", "off_a", "/notice 明天全员核酸");
  await say("gov", "off_a", "/notice @李家村/2 二网格明天停水");
  app.clock.set(new Date("2026-12-05T09:00:00+08:00"));

  ({ app: web, live } = await buildDashboard(app.deps, {
    queues: { redisUrl: TEST_REDIS_URL, prefix: queuePrefix },
    liveIntervalMs: 100,
  }));
  cookie.official = (await sessionFor("off_a", "official", "*")).session;
  const lead = await sessionFor("lead_a", "leader", grid.g1);
  const leadMember = await db.prisma.member.findFirstOrThrow({ where: { userId: "lead_a" } });
  expect(await confirmByCode(app.deps, { memberId: leadMember.id, gridId: grid.g1, code: lead.code! })).toBe(true);
  cookie.leader = lead.session;
  cookie.pending = (await sessionFor("lead_a", "leader", grid.g1)).session;
});
afterAll(async () => {
  await web?.close();
  await db.drop();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const get = (url: string, who?: keyof typeof cookie, headers: Record<string, string> = {}) =>
  web.inject({ method: "GET", url, headers, ...(who ? { cookies: { baogong_session: cookie[who] } } : {}) });

const PAGES = () => [
  "/",
  "/prices",
  "/stock",
  "/alerts",
  "/batches",
  `/batches/${batch.g1}`,
  `/batches/${batch.g1}/pick-list.csv`,
  `/batches/${batch.g1}/pick-list.xlsx`,
  "/admin/queues",
];
const APIS = () => [
  "/api/today",
  "/api/prices",
  "/api/stock",
  "/api/alerts",
  "/api/batches",
  `/api/batches/${batch.g1}`,
  "/events",
  "/admin/queues/api/queues",
];

describe("every route checks the role on the server", () => {
  it("nobody signed in: pages say how to sign in, API routes answer 401", async () => {
    for (const url of PAGES()) {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 401]);
      expect(r.body).toContain("/dashboard");
    }
    for (const url of APIS()) expect([url, (await get(url)).statusCode]).toEqual([url, 401]);
  });

  it("a malformed query is a bad request, not an error", async () => {
    expect((await get("/api/today?date=yesterday", "official")).statusCode).toBe(400);
    expect((await get("/api/today?date=2026-12-04", "official")).json().date).toBe("2026-12-04");
  });

  it("a made-up or stale cookie is nobody", async () => {
    for (const c of ["x".repeat(43), "garbage", ""]) {
      const r = await web.inject({ method: "GET", url: "/api/today", cookies: { baogong_session: c } });
      expect(r.statusCode).toBe(401);
    }
  });

  it("a leader's session waiting for its code shows the code, and nothing else", async () => {
    const page = await get("/", "pending");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/\/dashboard \d{6}/);
    expect(page.body).not.toContain("1-2-101");
    for (const url of APIS()) expect([url, (await get(url, "pending")).statusCode]).toEqual([url, 401]);
  });

  it("a leader: not the town's prices, stock or queues", async () => {
    for (const url of ["/prices", "/stock", "/admin/queues", "/api/prices", "/api/stock", "/admin/queues/api/queues"]) {
      expect([url, (await get(url, "leader")).statusCode]).toEqual([url, 403]);
    }
  });

  it("an official: everything", async () => {
    for (const url of [...PAGES(), ...APIS().filter((u) => u !== "/events")])
      expect([url, (await get(url, "official")).statusCode]).toEqual([url, 200]);
  });
});

describe("a leader sees only their own grid", () => {
  it("Today: their grid's orders, not the other grid's", async () => {
    const today = (await get("/api/today", "leader")).json();
    expect(today.villages).toHaveLength(1);
    expect(today.villages[0].grids.map((g: { id: string }) => g.id)).toEqual([grid.g1]);
    expect(today.latest.map((o: { household: string }) => o.household).sort()).toEqual([
      "1-1-101",
      "1-1-102",
      "1-2-101",
    ]);
    expect(today.totals.alerts).toBe(0);
    const town = (await get("/api/today", "official")).json();
    expect(town.villages[0].grids).toHaveLength(2);
    expect(town.totals.alerts).toBe(1);
    const page = await get("/", "leader");
    expect(page.body).toContain("1-2-101");
    expect(page.body).not.toContain("2-2-101");
    expect(page.body).not.toContain("/prices"); // not in the leader's menu
  });

  it("batches: theirs only; another grid's is not found, nor its downloads", async () => {
    const list = (await get("/api/batches", "leader")).json();
    expect(list.rows.map((b: { id: string }) => b.id)).toEqual([batch.g1]);
    for (const url of [
      `/batches/${batch.g2}`,
      `/api/batches/${batch.g2}`,
      `/batches/${batch.g2}/pick-list.csv`,
      `/batches/${batch.g2}/pick-list.xlsx`,
    ]) {
      expect([url, (await get(url, "leader")).statusCode]).toEqual([url, 404]);
    }
    expect((await get(`/batches/${batch.g1}/pick-list.csv`, "leader")).statusCode).toBe(200);
  });

  it("notices: those that reached their grid, with their grid's deliveries only; no alerts", async () => {
    const a = (await get("/api/alerts", "leader")).json();
    expect(a.alerts).toEqual([]);
    expect(a.notices.map((n: { text: string }) => n.text)).toEqual(["明天全员核酸"]);
    expect(a.notices[0].deliveries).toHaveLength(1);
    const town = (await get("/api/alerts", "official")).json();
    expect(town.notices).toHaveLength(2);
    expect(town.alerts[0].text.zh).toMatch(/猪肉 35元\/斤/);
  });
});

describe("personal data", () => {
  const PHONE = "13812345678";
  const ID = "110101199003071234";
  it("never unmasked in pages, API answers or downloads", async () => {
    for (const url of [
      "/",
      "/api/today",
      `/batches/${batch.g1}`,
      `/api/batches/${batch.g1}`,
      `/batches/${batch.g1}/pick-list.csv`,
    ]) {
      const body = (await get(url, "official")).body;
      expect(body, url).toContain("138****5678");
      expect(body, url).not.toContain(PHONE);
      expect(body, url).not.toContain(ID);
    }
    const xlsx = await get(`/batches/${batch.g1}/pick-list.xlsx`, "official");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join("|");
    expect(cells).toContain("王奶奶 138****5678");
    expect(cells).not.toContain(PHONE);
  });
});

describe("downloads", () => {
  it("XLSX: a sheet per pickup point with the pick list, and the totals", async () => {
    const r = await get(`/batches/${batch.g1}/pick-list.xlsx`, "official");
    expect(r.headers["content-type"]).toContain("spreadsheetml");
    expect(r.headers["content-disposition"]).toBe(`attachment; filename="${batch.g1}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["村委会", "汇总 totals"]);
    const rows = wb.worksheets[0]!.getSheetValues()
      .slice(3)
      .map((row) => (row as unknown[]).slice(1, 8));
    // special care first
    expect(rows.map((r2) => [r2[1], r2[3], r2[5]])).toEqual([
      ["1-1-101", "★", "100元套餐"],
      ["1-1-102", "", "50元套餐"],
    ]);
  });
  it("CSV: UTF-8 with a BOM", async () => {
    const r = await get(`/batches/${batch.g1}/pick-list.csv`, "official");
    expect(r.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(r.body.startsWith("\uFEFF取货点 pickup point")).toBe(true);
    expect(r.body.split("\n").filter(Boolean)).toHaveLength(3);
  });
});

describe("sign-in, cookie, headers", () => {
  it("opening a link spends nothing; pressing the button does, and sets an HttpOnly SameSite cookie", async () => {
    const m = await db.prisma.member.findFirstOrThrow({ where: { userId: "off_a" } });
    const { token } = await issueLink(app.deps, { memberId: m.id, role: "official", scope: "*", chatGroupId: null });
    for (let i = 0; i < 3; i++) expect((await get(`/login/${token}`)).statusCode).toBe(200);
    const cross = await web.inject({
      method: "POST",
      url: `/login/${token}`,
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(cross.statusCode).toBe(403);
    const r = await web.inject({
      method: "POST",
      url: `/login/${token}`,
      headers: { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe("/");
    const set = String(r.headers["set-cookie"]);
    expect(set).toMatch(/^baogong_session=[A-Za-z0-9_-]{43};/);
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Lax");
    expect(set).toMatch(/Max-Age=43200/);
    const again = await web.inject({
      method: "POST",
      url: `/login/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("这个链接已经用过了");
    expect((await get(`/login/${"y".repeat(43)}`)).statusCode).toBe(404);
  });

  it("logout ends the session and clears the cookie", async () => {
    const { session } = await sessionFor("off_a", "official", "*");
    const out = await web.inject({
      method: "POST",
      url: "/logout",
      cookies: { baogong_session: session },
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers["set-cookie"])).toMatch(/baogong_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await web.inject({ method: "GET", url: "/api/today", cookies: { baogong_session: session } });
    expect(after.statusCode).toBe(401);
  });

  it("security headers; no inline script; charts from the dashboard's own files", async () => {
    const r = await get("/prices", "official");
    expect(r.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("same-origin");
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.body).not.toMatch(/<script>(?!<)|<script(?![^>]*(src=|type="application\/json"))/);
    expect(r.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const echarts = await web.inject({
      method: "GET",
      url: "/assets/echarts/echarts.common.min.js",
      headers: { "accept-encoding": "gzip" },
    });
    expect(echarts.statusCode).toBe(200);
    expect(echarts.headers["content-encoding"]).toBe("gzip");
    expect((await web.inject({ method: "GET", url: "/assets/echarts/echarts.js" })).statusCode).toBe(404);
    expect((await web.inject({ method: "GET", url: "/assets/../../package.json" })).statusCode).toBe(404);
  });

  it("the queue dashboard (bull-board) lists the job and send queues for an official", async () => {
    const r = (await get("/admin/queues/api/queues", "official")).json();
    expect(r.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      "baogong-jobs",
      "baogong-send-console",
      "baogong-send-telegram",
      "baogong-send-wechat",
    ]);
  });
});

describe("live", () => {
  it("the feed reads new orders and alerts from the database (whoever wrote them)", async () => {
    const feed = new LiveFeed(app.deps, 60_000);
    expect(await feed.tick()).toEqual([]); // the starting point
    await say("g1", "r7", "1-3-101 周八 100元套餐1份");
    await say("gov", "off_a", "/price 猪肉 40");
    const events = await feed.tick();
    expect(events.filter((e) => e.kind === "order").map((e) => [e.household, e.gridId, e.status])).toEqual([
      ["1-3-101", grid.g1, "open"],
    ]);
    expect(events.find((e) => e.kind === "alert")?.text?.zh).toMatch(/猪肉 40元\/斤/);
    expect(events.some((e) => e.kind === "price" && e.town)).toBe(true);
    expect(await feed.tick()).toEqual([]); // nothing twice
    await feed.close();
  });

  it("a leader's event stream carries their grid's orders, not the other grid's nor the town's alerts", async () => {
    const url = await web.listen({ host: "127.0.0.1", port: 0 });
    const ac = new AbortController();
    const res = await fetch(`${url}/events`, {
      headers: { cookie: `baogong_session=${cookie.leader}` },
      signal: ac.signal,
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    const read = async (until: RegExp, ms = 5000) => {
      const end = Date.now() + ms;
      while (!until.test(text) && Date.now() < end) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk && !chunk.done) text += new TextDecoder().decode(chunk.value);
      }
      return until.test(text);
    };
    expect(await read(/event: hello/)).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // the feed has set its starting point
    await say("g2", "r8", "2-3-101 吴九 100元套餐1份");
    await say("gov", "off_a", "/price 猪肉 45");
    await say("g1", "r9", "1-4-101 郑十 100元套餐1份");
    expect(await read(/1-4-101/)).toBe(true);
    expect(text).not.toContain("2-3-101");
    expect(text).not.toContain("猪肉");
    ac.abort();
    expect(live.watchers).toBeLessThanOrEqual(1);
  });
});
