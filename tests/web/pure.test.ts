// The dashboard's pure parts: masking, HTML escaping, who may see what, and the page
// values built from rows (Today, Prices, Stock, alerts, a batch and its CSV).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "../../src/domain/catalog";
import { buildCommodityIndex } from "../../src/flows/officials/commodities";
import { DEFAULT_ALERT_SETTINGS } from "../../src/flows/officials/settings";
import { eventVisible, type LiveEvent } from "../../src/web/live";
import { gridFilter, may, menuFor, roleHeld, scopeOf } from "../../src/web/access";
import { batchCsv } from "../../src/web/batch-files";
import { escapeHtml, html, jsonScript } from "../../src/web/html";
import { maskPersonalData } from "../../src/domain/personal-data";
import { describeAlert } from "../../src/web/model/alerts";
import { buildBatch, pickRows } from "../../src/web/model/batches";
import { priceChart } from "../../src/web/model/charts";
import { buildPrices } from "../../src/web/model/prices";
import { buildStock } from "../../src/web/model/stock";
import { buildToday, type TodayRows } from "../../src/web/model/today";
import { toastsFor } from "../../src/web/routes/events";
import { sameOrigin } from "../../src/web/routes/login";
import { waited } from "../../src/texts/dashboard";

const index = buildCommodityIndex(DEFAULT_CATALOG);
const at = (s: string) => new Date(s);

describe("personal data is masked (the one masker, src/domain/personal-data.ts)", () => {
  it.each([
    ["3-2-501 张三 13812345678", "3-2-501 张三 138****5678"],
    ["电话 138 1234 5678", "电话 138 **** 5678"],
    ["１３８１２３４５６７８", "１３８****５６７８"],
    ["身份证 110101199003071234", "身份证 110101********1234"],
    ["11010119900307123X", "110101********123X"],
    ["旧证 110101900307123", "旧证 110101******123"],
    ["咨询 0571-88123456", "咨询 0571-****3456"],
  ])("%s", (input, out) => expect(maskPersonalData(input)).toBe(out));
  it("leaves addresses, amounts, dates and batch ids alone", () => {
    for (const s of ["3-2-501", "100元套餐1份", "2026-12-06", "B20261206-g_abc123", "12345"])
      expect(maskPersonalData(s)).toBe(s);
  });
});

describe("html", () => {
  it("escapes every value, keeps fragments", () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<b>${name}</b>${html`<i>ok</i>`}`.value).toBe(`<b>${escapeHtml(name)}</b><i>ok</i>`);
    expect(html`${["a", "<b>"]}${null}${undefined}${false}${3}`.value).toBe("a&lt;b&gt;3");
  });
  it("JSON in a script block cannot close it", () => {
    const s = jsonScript("d", { t: "</script><script>alert(1)</script>" }).value;
    expect(s.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(s.slice(s.indexOf(">") + 1, s.lastIndexOf("<")))).toEqual({
      t: "</script><script>alert(1)</script>",
    });
  });
});

describe("access", () => {
  const official = { role: "official" as const, scope: "*" };
  const leader = { role: "leader" as const, scope: "grid1" };
  it("officials see the town; leaders their grid's orders, batches and notices, nothing of the town's", () => {
    expect(menuFor(official)).toEqual(["today", "prices", "stock", "alerts", "batches", "queues"]);
    expect(menuFor(leader)).toEqual(["today", "alerts", "batches"]);
    for (const p of ["prices", "stock", "queues"] as const) expect(may(leader, p)).toBe(false);
    expect(may(null, "today")).toBe(false);
    expect(gridFilter(scopeOf(leader))).toBe("grid1");
    expect(gridFilter(scopeOf(official))).toBeNull();
  });
  it("a role is held while the member still has it (a leader of the grid or its village)", () => {
    expect(roleHeld("official", "*", [{ role: "official", scope: "*" }], null)).toBe(true);
    expect(roleHeld("official", "*", [{ role: "leader", scope: "grid1" }], null)).toBe(false);
    expect(roleHeld("leader", "grid1", [{ role: "leader", scope: "grid1" }], "v1")).toBe(true);
    expect(roleHeld("leader", "grid1", [{ role: "leader", scope: "v1" }], "v1")).toBe(true);
    expect(roleHeld("leader", "grid1", [{ role: "leader", scope: "grid2" }], "v1")).toBe(false);
    expect(roleHeld("leader", "grid1", [{ role: "volunteer", scope: "grid1" }], "v1")).toBe(false);
  });
  it("live events: the town's to officials only, a grid's to its leader", () => {
    const ev = (e: Partial<LiveEvent>): LiveEvent => ({ kind: "order", gridId: null, town: false, ...e });
    expect(eventVisible(ev({ gridId: "grid1" }), { role: "leader", scope: "grid1" })).toBe(true);
    expect(eventVisible(ev({ gridId: "grid2" }), { role: "leader", scope: "grid1" })).toBe(false);
    expect(eventVisible(ev({ kind: "alert", town: true }), { role: "leader", scope: "grid1" })).toBe(false);
    expect(eventVisible(ev({ kind: "notice" }), { role: "leader", scope: "grid1" })).toBe(true);
    expect(eventVisible(ev({ gridId: "grid2" }), { role: "official", scope: "*" })).toBe(true);
  });
  it("a form from another site is refused", () => {
    const h = (headers: Record<string, string>) => ({ headers: { host: "dash:8080", ...headers } });
    expect(sameOrigin(h({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(sameOrigin(h({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(sameOrigin(h({ "sec-fetch-site": "same-site" }))).toBe(false);
    expect(sameOrigin(h({ origin: "http://dash:8080" }))).toBe(true);
    expect(sameOrigin(h({ origin: "http://evil.example" }))).toBe(false);
  });
  it("toasts: each order, or a count of many; alerts in words", () => {
    const o = (household: string): LiveEvent => ({
      kind: "order",
      gridId: "g",
      town: false,
      household,
      status: "open",
    });
    expect(toastsFor([o("3-2-501")]).map((t) => t.zh)).toEqual(["订单已登记：3-2-501"]);
    expect(toastsFor([o("a"), o("b"), o("c"), o("d")]).map((t) => t.zh)).toEqual(["4个订单有更新"]);
    expect(
      toastsFor([{ kind: "alert", gridId: null, town: true, text: { zh: "价格预警", en: "price" } }]).map((t) => t.zh),
    ).toEqual(["价格预警"]);
  });
});

describe("Today", () => {
  const now = at("2026-12-05T12:00:00+08:00");
  const rows: TodayRows = {
    date: "2026-12-05",
    now,
    tz: "Asia/Shanghai",
    grids: [
      { id: "g2", code: "2", name: null, zone: "controlled", villageId: "v1", village: "张家村", intervalDays: 3 },
      { id: "g1", code: "1", name: "一网格", zone: "static", villageId: "v1", village: "张家村", intervalDays: 3 },
      { id: "g10", code: "10", name: null, zone: "static", villageId: "v1", village: "张家村", intervalDays: 3 },
    ],
    orders: [{ gridId: "g1", orders: 3, households: 3, cents: 25000 }],
    refusals: [
      { gridId: "g1", reason: "OVER_LIMIT", n: 1 },
      { gridId: "g1", reason: "TOO_SOON", n: 2 },
    ],
    batches: [
      {
        id: "B1",
        gridId: "g1",
        deliveryDate: "2026-12-05",
        status: "ready",
        readyAt: at("2026-12-04T20:00:00+08:00"),
        confirmedAt: null,
        orders: 4,
      },
    ],
    open: [{ gridId: "g1", deliveryDate: "2026-12-06", orders: 3, first: at("2026-12-05T08:00:00+08:00") }],
    unpaid: [{ gridId: "g2", orders: 2, cents: 20000 }],
    medicine: [{ gridId: "g1", n: 1 }],
    care: [
      {
        gridId: "g1",
        household: "3-1-102",
        name: "李爷爷",
        note: null,
        status: "open",
        specialCare: false,
        priority: true,
      },
      {
        gridId: "g1",
        household: "3-1-201",
        name: "王奶奶 13812345678",
        note: "独居老人",
        status: "open",
        specialCare: true,
        priority: false,
      },
      {
        gridId: "g1",
        household: "3-1-201",
        name: "王奶奶 13812345678",
        note: "独居老人",
        status: "confirmed",
        specialCare: true,
        priority: false,
      },
    ],
    latest: [
      {
        id: "o1",
        gridId: "g1",
        household: "3-2-501",
        name: "张三",
        status: "open",
        cents: 10000,
        placedAt: at("2026-12-05T11:00:00+08:00"),
        priority: false,
        lines: [{ sku: "PKG100", qty: 1 }],
      },
    ],
    alertsToday: 2,
  };
  const v = buildToday(rows, (sku) => ({ name: sku === "PKG100" ? "100元套餐" : sku, unit: "份" }));
  const grid = (id: string) => v.villages[0]!.grids.find((g) => g.id === id)!;

  it("grids in code order, each with its figures", () => {
    expect(v.villages[0]!.grids.map((g) => g.label)).toEqual(["一网格", "2号网格", "10号网格"]);
    expect(grid("g1")).toMatchObject({ orders: 3, households: 3, amountCents: 25000, medicine: 1 });
    expect(grid("g1").refusals).toEqual([
      { reason: "TOO_SOON", n: 2 },
      { reason: "OVER_LIMIT", n: 1 },
    ]);
    expect(grid("g2")).toMatchObject({ orders: 0, unpaidOrders: 2, unpaidCents: 20000 });
    expect(v.totals).toMatchObject({ orders: 3, unpaidOrders: 2, waiting: 1, refusals: 3, alerts: 2, medicine: 1 });
  });
  it("a refusal's full reason states the village's interval (每三天)", async () => {
    const { renderToday } = await import("../../src/web/views/today");
    const page = String(renderToday(v, "Asia/Shanghai", "张家村"));
    expect(page).toContain("每户每三天只能下单一次");
    expect(page).not.toContain("每两天");
  });
  it("batch states with how long each has waited", () => {
    expect(grid("g1").batches.map((b) => [b.state, b.deliveryDate, b.waitedMs! / 3_600_000])).toEqual([
      ["ready", "2026-12-05", 16],
      ["open", "2026-12-06", 4],
    ]);
    expect(waited(16 * 3_600_000 + 5 * 60_000)).toEqual({ zh: "16小时5分", en: "16 h 5 min" });
    expect(waited(26 * 3_600_000)).toEqual({ zh: "1天2小时", en: "1 d 2 h" });
  });
  it("special-care households first, once each, phone masked; then proxy orders", () => {
    expect(grid("g1").care).toEqual([
      { household: "3-1-201", name: "王奶奶 138****5678", note: "独居老人", status: "open", specialCare: true },
      { household: "3-1-102", name: "李爷爷", note: null, status: "open", specialCare: false },
    ]);
  });
  it("the latest orders name their grid and goods", () => {
    expect(v.latest[0]).toMatchObject({
      grid: "张家村 一网格",
      household: "3-2-501",
      items: [{ sku: "PKG100", name: "100元套餐", qty: 1 }],
    });
  });
});

describe("Prices", () => {
  const tz = "Asia/Shanghai";
  const report = (sku: string, day: string, price: number, by = "off") => ({
    id: `${sku}${day}${price}`,
    sku,
    price,
    day,
    at: at(`${day}T09:00:00+08:00`),
    by,
  });
  const view = buildPrices({
    now: at("2026-12-05T12:00:00+08:00"),
    today: "2026-12-05",
    tz,
    index,
    settings: { ...DEFAULT_ALERT_SETTINGS, priceBaseline: { PORK: 26 }, priceAlertPct: 10 },
    reports: [
      report("EGGS", "2026-11-01", 9), // before the window and its median: not shown, no baseline
      report("EGGS", "2026-11-30", 6),
      report("EGGS", "2026-12-01", 6),
      report("EGGS", "2026-12-02", 5),
      report("EGGS", "2026-12-05", 7, "shop"),
      report("PORK", "2026-12-05", 30),
    ],
    reporters: new Map([
      ["off", { name: "李主任", roles: ["official"] }],
      ["shop", { name: "张家超市 13812345678", roles: ["supplier"] }],
    ]),
  });
  const eggs = view.goods.find((g) => g.sku === "EGGS")!;
  it("one point per report in the 30 days", () => {
    expect(eggs.points.map((p) => p[1])).toEqual([6, 6, 5, 7]);
    expect(view.goods.map((g) => g.sku)).toEqual(["PORK", "EGGS"]); // meat before fresh
  });
  it("the median baseline as it stood each day, and the threshold above it", () => {
    const on = (d: string) =>
      eggs.baseline[view.goods[1]!.baseline.findIndex((b) => b[0] === at(`${d}T00:00:00+08:00`).getTime())]![1];
    expect(on("2026-11-30")).toBeNull();
    expect(on("2026-12-02")).toBe(6); // median of 6, 6
    expect(on("2026-12-05")).toBe(6); // median of 6, 6, 5
    expect(eggs.threshold.at(-1)![1]).toBe(6.6);
    expect(eggs.last).toEqual({ price: 7, changePct: 16.7, level: "high" });
    expect(view.goods[0]).toMatchObject({
      sku: "PORK",
      baselineSource: "configured",
      last: { level: "high", changePct: 15.4 },
    });
  });
  it("the latest reports, newest first, with who and where from (masked)", () => {
    expect(view.latest.map((r) => [r.sku, r.price, r.source, r.by])[1]).toEqual([
      "EGGS",
      7,
      "shop",
      "张家超市 138****5678",
    ]);
    expect(view.latest).toHaveLength(5);
  });
  it("the chart: prices, baseline and threshold series over the window", () => {
    const c = priceChart(eggs, view.from, view.to, 10) as {
      series: Array<{ data: unknown[] }>;
      xAxis: { min: number; max: number };
    };
    expect(c.series.map((s) => s.data.length)).toEqual([4, 31, 31]); // 30 days, the last drawn on to now
    expect(c.xAxis.min).toBe(at("2026-11-06T00:00:00+08:00").getTime());
  });
});

describe("Stock", () => {
  it("days of supply against the target, in groups, with history", () => {
    const v = buildStock({
      now: at("2026-12-05T12:00:00+08:00"),
      from: at("2026-11-06T00:00:00+08:00"),
      tz: "Asia/Shanghai",
      index,
      settings: { ...DEFAULT_ALERT_SETTINGS, stockTargetDays: { RICE: 10 } },
      latest: [
        { sku: "PORK", stock: 1000, dailyUse: 400, at: at("2026-12-05T08:00:00+08:00") },
        { sku: "RICE", stock: 3000, dailyUse: 600, at: at("2026-12-05T08:00:00+08:00") },
      ],
      history: [
        { sku: "RICE", stock: 9000, dailyUse: 600, at: at("2026-12-01T08:00:00+08:00") },
        { sku: "RICE", stock: 3000, dailyUse: 600, at: at("2026-12-05T08:00:00+08:00") },
      ],
    });
    expect(v.bars.map((b) => [b.sku, b.daysLeft, b.target, b.wanted, b.below, b.restoreQty])).toEqual([
      ["RICE", 5, 10, null, true, 3000],
      ["PORK", 2.5, 3, 7, true, 200],
    ]);
    expect(v.history).toEqual([
      {
        sku: "RICE",
        name: "大米",
        points: [
          [at("2026-12-01T08:00:00+08:00").getTime(), 15],
          [at("2026-12-05T08:00:00+08:00").getTime(), 5],
        ],
      },
    ]);
  });
});

describe("alerts in words", () => {
  const a = (kind: string, value: number, data: unknown) =>
    describeAlert(
      { key: "k", kind, sku: "PORK", day: "2026-12-05", value, data, at: at("2026-12-05T08:00:00Z") },
      index,
    );
  it("price, stock days, demand; a row whose data no longer fits still says something", () => {
    expect(a("price", 30, { baseline: 26, risePct: 15.4 }).text.zh).toBe("价格预警：猪肉 30元/斤，比基准26元高15.4%");
    expect(a("stock", 2.5, { reason: "days", targetDays: 3 }).text.zh).toBe("库存预警：猪肉 仅可供2.5天，低于目标3天");
    expect(a("stock", 900, { reason: "demand", demand: 900, stock: 800, deliveryDate: "2026-12-06" }).text.zh).toBe(
      "订单预警：2026-12-06 订猪肉900斤，库存只有800斤",
    );
    expect(a("price", 30, "garbage").text.zh).toBe("价格预警：猪肉 30元/斤");
  });
});

describe("a batch and its pick list", () => {
  const rows = {
    now: at("2026-12-05T09:00:00+08:00"),
    batch: {
      id: "B20261206-g1",
      deliveryDate: "2026-12-06",
      status: "confirmed",
      readyAt: at("2026-12-05T20:00:00+08:00"),
      confirmedAt: at("2026-12-05T08:00:00+08:00"),
      village: "张家村",
      grid: "一网格",
      zone: "static",
      window: "09:00-12:00",
      summary: {
        orders: 2,
        amountCents: 20000,
        totals: [{ sku: "PKG100", qty: 2 }],
        pickList: [
          {
            household: "3-1-101",
            name: "王奶奶 13812345678",
            priority: true,
            lines: [{ sku: "PKG100", qty: 1 }],
            amountCents: 10000,
            paid: false,
            orderId: "o1",
          },
          {
            household: "=1+1",
            name: '=HYPERLINK("x")',
            priority: false,
            lines: [{ sku: "PKG100", qty: 1 }],
            amountCents: 10000,
            paid: false,
            orderId: "o2",
          },
        ],
        slots: { "3-1-101": "09:00-09:30", "=1+1": "09:00-09:30" },
        points: { "3-1-101": "村委会广场", "=1+1": "老年活动中心" },
      },
    },
    paid: new Set(["o2"]),
    item: () => ({ name: "100元套餐", unit: "份", priceCents: 10000 }),
  };
  const v = buildBatch(rows);
  it("one list per pickup point, its slots, paid as it is now", () => {
    expect(v.points.map((p) => [p.name, p.rows.map((r) => [r.household, r.name, r.paid]), p.slots])).toEqual([
      ["村委会广场", [["3-1-101", "王奶奶 138****5678", false]], [{ slot: "09:00-09:30", households: 1 }]],
      ["老年活动中心", [["=1+1", '=HYPERLINK("x")', true]], [{ slot: "09:00-09:30", households: 1 }]],
    ]);
    expect(v.unpaid).toBe(1);
    expect(v.waitedMs).toBe(3_600_000);
    expect(pickRows(v, "村委会广场")).toEqual([
      ["村委会广场", "3-1-101", "王奶奶 138****5678", "★", "PKG100", "100元套餐", 1, "份", 100, "09:00-09:30", "否"],
    ]);
  });
  it("CSV: a BOM for Excel, no phone number, no formula", () => {
    const csv = batchCsv(v);
    expect(csv.startsWith("\uFEFF取货点 pickup point,")).toBe(true);
    expect(csv).not.toContain("13812345678");
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(",'=1+1,");
  });
  it("a summary that no longer reads is said so, not a crash", () => {
    expect(buildBatch({ ...rows, batch: { ...rows.batch, summary: { nope: 1 } } })).toMatchObject({
      readable: false,
      points: [],
    });
  });
});

describe("layers", () => {
  // The page values and their HTML are pure, like src/flows: rows in, views out.
  const files = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join(dir, f));
  const FORBIDDEN =
    /from\s+["']([^"']*\/(db|app|jobs|bot|generated)\/[^"']*|fastify|@fastify\/[^"']+|bullmq|ioredis|pg|@prisma\/[^"']+|node:fs|node:net)["']/;
  for (const f of [...files("src/web/model"), ...files("src/web/views")]) {
    it(`${f} does no I/O`, () => {
      const src = fs.readFileSync(f, "utf8");
      expect(src.split("\n").filter((l) => FORBIDDEN.test(l))).toEqual([]);
      expect(src.replace(/\/\/.*$/gm, "")).not.toMatch(/Date\.now\(\)|new Date\(\)|process\.env/);
    });
  }
});
