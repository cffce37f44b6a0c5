// `simulate` scenarios for the officials' side: each alert and broadcast of the
// contract (alert, broadcast, denied NOT_OFFICIAL), the rumour watch and the daily report.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { runSimulate } from "../../src/cli/simulate";
import { TEST_DATABASE_URL } from "../support/db";

type Ev = Record<string, unknown> & { type: string; at: string; chat?: string };

async function simulate(file: string): Promise<Ev[]> {
  const out: string[] = [];
  await runSimulate(
    fs.readFileSync(file, "utf8"),
    (l) => out.push(l),
    () => undefined,
    { databaseUrl: TEST_DATABASE_URL },
  );
  return out.map((l) => JSON.parse(l) as Ev);
}
const pick = (e: Ev, keys: string[]) => Object.fromEntries(keys.map((k) => [k, e[k]]));

// Both scripts run at once (each in a schema of its own): the suite stays quick.
let runs: Promise<[Ev[], Ev[]]> | null = null;
const both = () =>
  (runs ??= Promise.all([
    simulate("tests/scenarios/officials-alerts.jsonl"),
    simulate("tests/scenarios/officials-broadcast.jsonl"),
  ]));

describe("simulate: officials' alerts", () => {
  let evs: Ev[];
  beforeAll(async () => {
    [evs] = await both();
  });
  const alerts = (kind: string) => evs.filter((e) => e.type === "alert" && e.kind === kind);
  const repliesIn = (chat: string, at: string) =>
    evs.filter((e) => e.type === "reply" && e.chat === chat && e.at.startsWith(at)).map((e) => String(e.text));

  it("price over the configured baseline, then again the same day only on a further rise", () => {
    const pork = alerts("price").filter((e) => e.sku === "PORK");
    expect(pork.map((e) => pick(e, ["chat", "price", "baseline", "baselineSource", "risePct", "again"]))).toEqual([
      { chat: "gov", price: 30, baseline: 26, baselineSource: "configured", risePct: 15.4, again: false },
      // 29 (still high, but under the 30 alerted) raised nothing; 32 rose further
      { chat: "gov", price: 32, baseline: 26, baselineSource: "configured", risePct: 23.1, again: true },
    ]);
    expect(pork[1]).toMatchObject({ previousAlertPrice: 30 });
    expect(repliesIn("gov", "2026-12-05T08:00").join("\n")).toContain("价格预警：猪肉 30元/斤，比基准26元高15.4%");
    // the redelivered /price (same id) was handled once
    expect(
      evs.filter((e) => e.type === "price.reported" && e.sku === "PORK" && e.at.startsWith("2026-12-05T08:0")).length,
    ).toBe(2);
  });

  it("price over the median of the last 7 days' reports, from a pasted daily list by a shop", () => {
    expect(
      alerts("price")
        .filter((e) => e.sku === "EGGS")
        .map((e) => pick(e, ["price", "baseline", "baselineSource", "risePct"])),
    ).toEqual([{ price: 7, baseline: 6, baselineSource: "median7d", risePct: 16.7 }]);
    // as far below (白菜 2 against 2.5) is no alert, but the daily report notes it
    expect(alerts("price").some((e) => e.sku === "VEG")).toBe(false);
    expect(evs.find((e) => e.type === "report" && e.at.startsWith("2026-12-05T21:30"))).toMatchObject({
      pricesLow: ["VEG"],
      pricesHigh: ["EGGS", "PORK"],
    });
  });

  it("stock under target, with days left and what restores it; meat says 7 days are wanted", () => {
    const days = alerts("stock").filter((e) => e.reason === "days");
    expect(
      days.map((e) => pick(e, ["chat", "sku", "stock", "dailyUse", "daysLeft", "targetDays", "restoreQty"])),
    ).toEqual([
      { chat: "gov", sku: "RICE", stock: 3000, dailyUse: 600, daysLeft: 5, targetDays: 10, restoreQty: 3000 },
      { chat: "gov", sku: "PORK", stock: 1000, dailyUse: 400, daysLeft: 2.5, targetDays: 3, restoreQty: 200 },
    ]);
    expect(days[1]).toMatchObject({ wantedDays: 7 });
    expect(repliesIn("gov", "2026-12-05T08:25").join("\n")).toMatch(
      /仅可供2.5天[\s\S]*理想储备7天[\s\S]*需再调入200斤/,
    );
  });

  it("the day's orders that would empty a stock, after the cut-off, once", () => {
    const demand = alerts("stock").filter((e) => e.reason === "demand");
    expect(demand.map((e) => pick(e, ["at", "chat", "sku", "demand", "stock", "shortfall", "deliveryDate"]))).toEqual([
      {
        // the date's demand check runs once for the cut-offs of 20:00, 12 s after them
        at: "2026-12-05T20:00:12+08:00",
        chat: "gov",
        sku: "FORMULA",
        demand: 4,
        stock: 3,
        shortfall: 1,
        deliveryDate: "2026-12-06",
      },
    ]);
  });

  it("NOT_OFFICIAL for a stranger; a shop may report prices but not stock", () => {
    expect(evs.filter((e) => e.type === "denied").map((e) => pick(e, ["chat", "from", "reason"]))).toEqual([
      { chat: "gov", from: "r_x", reason: "NOT_OFFICIAL" },
      { chat: "gov", from: "shop_a", reason: "NOT_OFFICIAL" },
    ]);
    expect(evs.some((e) => e.type === "price.reported" && e.by === "r_x")).toBe(false);
  });

  it("/report now and the daily report at 21:30: orders, refusals, medicine, prices, stock", () => {
    const reports = evs.filter((e) => e.type === "report");
    expect(reports.map((e) => e.at)).toEqual([
      "2026-12-03T21:30:00+08:00",
      "2026-12-04T21:30:00+08:00",
      "2026-12-05T18:00:00+08:00",
      "2026-12-05T21:30:00+08:00",
    ]);
    expect(reports[3]).toMatchObject({
      chat: "gov",
      date: "2026-12-05",
      stocksBelow: ["PORK", "RICE"],
      alerts: { price: 3, stock: 3 },
      villages: [{ village: "张家村", orders: 2, refusals: { CATEGORY_NOT_ALLOWED: 1, TOO_SOON: 1 }, medicine: 1 }],
    });
    const text = repliesIn("gov", "2026-12-05T21:30")[0]!;
    expect(text).toContain("12月5日保供日报");
    expect(text).toContain("张家村：下单2单");
    expect(text).toContain("猪肉 32元/斤，基准26元，+23.1%，⚠️偏高");
    expect(text).toContain("大米 库存3000袋，日耗600袋，可供5天，目标10天，⚠️需补3000袋");
  });
});

describe("simulate: notices and rumours", () => {
  let evs: Ev[];
  beforeAll(async () => {
    [, evs] = await both();
  });
  const broadcasts = () => evs.filter((e) => e.type === "broadcast");

  it("a notice to every group (once, though the command came twice), to one village and to one grid", () => {
    const byNotice = new Map<string, string[]>();
    for (const b of broadcasts().filter((e) => e.kind === "notice"))
      byNotice.set(String(b.noticeId), [...(byNotice.get(String(b.noticeId)) ?? []), b.chat!]);
    expect([...byNotice.values()]).toEqual([["g1", "g2", "g3"], ["g1", "g2"], ["g2"]]);
    expect(broadcasts()[0]).toMatchObject({ kind: "notice", text: "明天上午8点全员核酸，请按网格错峰排队。" });
    expect(evs.filter((e) => e.type === "reply" && e.chat === "gov" && String(e.text).includes("已送达"))).toHaveLength(
      4,
    );
    expect(evs.some((e) => e.type === "reply" && e.chat === "gov" && String(e.text).includes("没有找到 王家村"))).toBe(
      true,
    );
  });

  it("a rumour correction with the 【辟谣】 header and the issuing office, to every group", () => {
    const r = broadcasts().filter((e) => e.kind === "rumour");
    expect(r.map((e) => e.chat)).toEqual(["g1", "g2", "g3"]);
    expect(String(r[0]!.text)).toMatch(/^【辟谣】\n网传“本镇明天起断粮”不实，本镇粮油储备充足。\n——青山镇保供专班$/);
  });

  it("rumour watch answers a resident once per chat per day, not the leader", () => {
    const answered = evs.filter((e) => e.type === "rumour.answered");
    expect(answered.map((e) => [e.at.slice(0, 16), e.chat, e.from, e.keyword])).toEqual([
      ["2026-12-05T09:20", "g1", "r1", "封城"],
      ["2026-12-05T09:30", "g2", "r3", "封城"],
      ["2026-12-06T09:00", "g1", "r1", "封城"],
    ]);
    const said = evs.filter(
      (e) => e.type === "reply" && e.chat === "g1" && String(e.text).startsWith("【辟谣】\n不实消息"),
    );
    expect(said).toHaveLength(2);
    expect(String(said[0]!.text)).toContain("——青山镇保供专班");
  });

  it("NOT_OFFICIAL in a grid group and in the officials' chat", () => {
    expect(evs.filter((e) => e.type === "denied").map((e) => pick(e, ["chat", "from", "reason"]))).toEqual([
      { chat: "g1", from: "r4", reason: "NOT_OFFICIAL" },
      { chat: "gov", from: "r9", reason: "NOT_OFFICIAL" },
    ]);
    expect(broadcasts().some((e) => String(e.text).includes("假消息") || String(e.text).includes("我也发个通知"))).toBe(
      false,
    );
  });
});
