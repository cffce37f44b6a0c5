// The dashboard's page load for a town of 30 groups (3 villages × 10 grids) with 3,000
// orders, beside floors measured in the same run: a plain SELECT of those orders, and
// a static file from the same server. Ratios say more than the milliseconds (which
// move with the machine); the browser figures are Chromium loading the page from
// scratch (a new context each time: no cache) until its load event.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { CatalogCache } from "../src/app/catalog-cache";
import { openDatabase } from "../src/db/database";
import { systemClock } from "../src/domain/clock";
import { addDays, localDate, zonedInstant } from "../src/domain/local-time";
import { silentLogger } from "../src/infra/logger";
import { issueLink, redeemLink } from "../src/web/sessions";
import { startDashboard } from "../src/web/start";
import { CHROMIUM, launchChromium } from "../tests/web/support/browser";
import { seedTown } from "../tests/web/support/town";
import { runWhenMain } from "./standalone";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const TZ = "Asia/Shanghai";

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! };
}

async function timeIt(n: number, f: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await f(); // warm up
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    xs.push(performance.now() - t0);
  }
  return stats(xs);
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export async function benchDashboard(
  opts: { villages?: number; grids?: number; orders?: number; runs?: number } = {},
): Promise<Record<string, number | string>> {
  const villages = opts.villages ?? 3;
  const gridsPerVillage = opts.grids ?? 10;
  const orders = opts.orders ?? 3000;
  const runs = opts.runs ?? 30;
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(PG, { schema });
  const db = database.prisma;
  try {
    const now = new Date();
    const t0 = performance.now();
    await seedTown(db, { villages, gridsPerVillage, orders, now, tz: TZ });
    const seedMs = performance.now() - t0;
    const catalog = new CatalogCache(db);
    await catalog.load();
    const deps = { db, clock: systemClock, catalog, log: silentLogger, timezone: TZ };
    const web = await startDashboard(deps, { host: "127.0.0.1", port: 0 });
    try {
      const official = await db.member.findFirstOrThrow({ where: { userId: "town-official" } });
      const r = await redeemLink(
        deps,
        (await issueLink(deps, { memberId: official.id, role: "official", scope: "*", chatGroupId: null })).token,
      );
      if (!r.ok) throw new Error("no session");
      const cookie = `baogong_session=${r.session}`;
      const get = async (path: string) => {
        const res = await fetch(`${web.url}${path}`, { headers: { cookie, "accept-encoding": "gzip" } });
        const body = await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        return body.byteLength;
      };
      const today = localDate(now, TZ);
      const from = zonedInstant(addDays(today, -1), "00:00", TZ);
      const counted = await db.order.count();
      // Floors: the orders themselves, plainly selected; a static file from the same server.
      const select = await timeIt(runs, () => db.$queryRaw`SELECT * FROM "Order" WHERE "placedAt" >= ${from}`);
      const asset = await timeIt(runs, () => get("/assets/dashboard.css"));
      const pages: Record<string, { median: number; p95: number }> = {};
      for (const p of ["/", "/api/today", "/prices", "/stock", "/alerts", "/batches"])
        pages[p] = await timeIt(runs, () => get(p));
      const todayBytes = await get("/");
      const out: Record<string, number | string> = {
        "dashboard: town": `${villages * gridsPerVillage} groups, ${counted} orders (seeded in ${Math.round(seedMs)} ms)`,
        "dashboard: floor, SELECT of the orders (ms, median)": r1(select.median),
        "dashboard: floor, static file (ms, median)": r1(asset.median),
        "dashboard: Today, server (ms, median / p95)": `${r1(pages["/"]!.median)} / ${r1(pages["/"]!.p95)}`,
        "dashboard: Today ÷ SELECT floor": r1(pages["/"]!.median / select.median),
        "dashboard: Today ÷ static-file floor": r1(pages["/"]!.median / asset.median),
        "dashboard: Today HTML (kB)": r1(todayBytes / 1024),
        "dashboard: /api/today (ms, median)": r1(pages["/api/today"]!.median),
        "dashboard: Prices / Stock / Alerts / Batches (ms, median)": ["/prices", "/stock", "/alerts", "/batches"]
          .map((p) => r1(pages[p]!.median))
          .join(" / "),
      };
      if (fs.existsSync(CHROMIUM)) {
        const browser = await launchChromium();
        try {
          const load = async (path: string, charts: boolean) => {
            const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            await ctx.addCookies([{ name: "baogong_session", value: r.session, url: web.url }]);
            const page = await ctx.newPage();
            const t = performance.now();
            await page.goto(`${web.url}${path}`, { waitUntil: "load" });
            if (charts)
              await page.waitForFunction(
                () =>
                  (
                    globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
                  ).document.querySelectorAll("[data-chart] canvas").length > 0,
              );
            const ms = performance.now() - t;
            await ctx.close();
            return ms;
          };
          const n = Math.max(5, Math.round(runs / 3));
          const floor = await timeIt(n, () => load("/signed-out", false));
          const todayLoad = await timeIt(n, () => load("/", false));
          const pricesLoad = await timeIt(n, () => load("/prices", true));
          out["dashboard: browser floor, a bare page of the server (ms, median)"] = r1(floor.median);
          out["dashboard: browser, Today to its load event, no cache (ms, median / p95)"] =
            `${r1(todayLoad.median)} / ${r1(todayLoad.p95)}`;
          out["dashboard: browser, Today ÷ bare page"] = r1(todayLoad.median / floor.median);
          out["dashboard: browser, Prices to its charts drawn, no cache (ms, median)"] = r1(pricesLoad.median);
          out["dashboard: browser, Prices ÷ bare page"] = r1(pricesLoad.median / floor.median);
        } finally {
          await browser.close();
        }
      } else {
        out["dashboard: browser"] = `skipped (${CHROMIUM} missing)`;
      }
      return out;
    } finally {
      await web.close();
    }
  } finally {
    await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
}

runWhenMain(import.meta.url, benchDashboard);
