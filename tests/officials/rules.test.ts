import { describe, expect, it } from "vitest";
import { baselineFor, judgePrice, median } from "../../src/flows/officials/price-rules";
import { demandBySku, judgeDemand, judgeStock, targetDays, wantedDays } from "../../src/flows/officials/stock-rules";
import { matchRumour } from "../../src/flows/officials/rumour";

describe("price baseline", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[26, 26, 30, 25], 26],
  ] as const)("median of %j is %s", (xs, want) => {
    expect(median(xs)).toBe(want);
  });
  it("prefers the configured baseline, else the 7-day median", () => {
    expect(baselineFor("PORK", { PORK: 26 }, [30, 31])).toEqual({ value: 26, source: "configured" });
    expect(baselineFor("PORK", {}, [30, 31, 32])).toEqual({ value: 31, source: "median7d" });
    expect(baselineFor("PORK", {}, [])).toBeNull();
  });
});

describe("price alerts", () => {
  const configured = { value: 26, source: "configured" as const };
  it.each([
    // price, last alerted today → level, change, alert, again
    [30, null, "high", 15.4, true, false],
    [27, null, "normal", 3.8, false, false], // 3.846…% is 3.8, not 3.9
    [28.6, null, "normal", 10, false, false], // exactly 10% is not more than 10%
    [28.61, null, "high", 10, true, false],
    [30, 30, "high", 15.4, false, false], // the same price again: no new alert
    [29, 30, "high", 11.5, false, false], // high, but below the price alerted
    [32, 30, "high", 23.1, true, true], // a further rise alerts again
    [26, null, "normal", 0, false, false],
    [23.4, null, "normal", -10, false, false],
    [23, null, "low", -11.5, false, false], // noted in the daily report, no alert
  ] as const)("%s yuan (alerted today: %s) → %s %s%%, alert %s", (price, last, level, change, alert, again) => {
    expect(judgePrice({ price, baseline: configured, alertPct: 10, lastAlertedToday: last })).toEqual({
      level,
      changePct: change,
      alert,
      again,
    });
  });
  it("without a baseline there is nothing to judge", () => {
    expect(judgePrice({ price: 30, baseline: null, alertPct: 10, lastAlertedToday: null })).toEqual({
      level: "unknown",
      changePct: null,
      alert: false,
      again: false,
    });
  });
  it("honours another threshold", () => {
    expect(judgePrice({ price: 27, baseline: configured, alertPct: 3, lastAlertedToday: null }).alert).toBe(true);
    expect(judgePrice({ price: 30, baseline: configured, alertPct: 20, lastAlertedToday: null }).alert).toBe(false);
  });
});

describe("stock targets", () => {
  it.each([
    ["RICE", 10, null],
    ["FLOUR", 10, null],
    ["OIL", 10, null],
    ["PORK", 3, 7],
    ["BEEF", 3, 7],
    ["CHICKEN", 3, 7],
    ["FISH", 3, 7],
    ["VEG", 3, null],
    ["EGGS", 3, null],
    ["MILK", 3, null],
    ["NOODLES", 3, null],
    ["SUGAR", 3, null],
    ["SALT", 3, null],
    ["TISSUE", null, null],
    ["PKG100", null, null],
  ] as const)("%s: %s days (wanted %s)", (sku, target, wanted) => {
    expect(targetDays(sku, {})).toBe(target);
    expect(wantedDays(sku)).toBe(wanted);
  });
  it("the setup overrides", () => {
    expect(targetDays("RICE", { RICE: 14 })).toBe(14);
    expect(targetDays("TISSUE", { TISSUE: 5 })).toBe(5);
  });
  it.each([
    // stock, daily use, target → days left, below, restore
    [3000, 600, 10, 5, true, 3000],
    [6000, 600, 10, 10, false, 0],
    [1000, 400, 3, 2.5, true, 200],
    [1000, 300, 3, 3.3, false, 0],
    [0, 50, 3, 0, true, 150],
    [100, 30, 10, 3.3, true, 200],
    [500, 0, 3, null, false, 0],
    [100, 50, null, 2, false, 0],
  ] as const)(
    "stock %s, use %s, target %s → %s days, below %s, restore %s",
    (stock, dailyUse, target, days, below, restore) => {
      expect(judgeStock({ stock, dailyUse, target })).toEqual({ daysLeft: days, target, below, restoreQty: restore });
    },
  );
});

describe("orders as a signal", () => {
  it("sums demand per sku, packages as packages", () => {
    expect([
      ...demandBySku([
        { sku: "RICE", qty: 2 },
        { sku: "PKG100", qty: 1 },
        { sku: "RICE", qty: 3 },
      ]),
    ]).toEqual([
      ["RICE", 5],
      ["PKG100", 1],
    ]);
  });
  it.each([
    [5, 10, false, 5, 0],
    [10, 10, true, 0, 0],
    [12, 10, true, 0, 2],
    [0, 0, false, 0, 0],
  ] as const)("demand %s against stock %s: empties %s", (demand, stock, empties, left, shortfall) => {
    expect(judgeDemand({ demand, stock })).toEqual({ empties, left, shortfall });
  });
});

describe("rumour keywords", () => {
  const watches = [
    { id: "R1", keywords: ["封城", "断粮"] },
    { id: "R2", keywords: ["停水+全镇"] },
  ];
  it.each([
    ["听说下周要封城了？", "R1", "封城"],
    ["是不是要断 粮了", "R1", "断粮"],
    ["全镇明天停水吗", "R2", "停水+全镇"],
    ["我家停水了", null, null],
    ["聽說要斷糧了", "R1", "断粮"], // traditional characters read like simplified ones
    ["全鎮明天停水嗎", "R2", "停水+全镇"],
    ["3-2-501 100元套餐1份", null, null],
  ] as const)("%s → %s", (text, id, kw) => {
    const m = matchRumour(text, watches);
    expect(m?.watch.id ?? null).toBe(id);
    expect(m?.keyword ?? null).toBe(kw);
  });
});
