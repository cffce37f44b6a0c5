import { describe, expect, it } from "vitest";
import { reportCsv, reportRows, reportTotals, type DailyReport } from "../../src/flows/officials/report";
import { render, reportText as reportTextOf } from "../../src/texts";
const reportText = (r: DailyReport) => render(reportTextOf(r), "zh+en");
import { parseCommand } from "../../src/flows/commands";

const report: DailyReport = {
  date: "2026-12-05",
  office: "镇保供专班",
  villages: [
    {
      village: "张家村",
      rules: { intervalDays: 3 },
      orders: 3,
      orderCents: 25000,
      batchesConfirmed: 1,
      batchesDelivered: 0,
      unpaidOrders: 2,
      unpaidCents: 15000,
      refusals: { TOO_SOON: 2, OVER_LIMIT: 1 },
      medicine: 1,
    },
    {
      village: "李家村",
      rules: { intervalDays: 2 },
      orders: 1,
      orderCents: 5000,
      batchesConfirmed: 0,
      batchesDelivered: 1,
      unpaidOrders: 0,
      unpaidCents: 0,
      refusals: {},
      medicine: 0,
    },
  ],
  prices: [
    {
      sku: "PORK",
      name: "猪肉",
      unit: "斤",
      price: 30,
      reports: 2,
      baseline: { value: 26, source: "configured" },
      changePct: 15.4,
      level: "high",
    },
    {
      sku: "VEG",
      name: "蔬菜",
      unit: "斤",
      price: 2,
      reports: 1,
      baseline: { value: 2.5, source: "median7d" },
      changePct: -20,
      level: "low",
    },
  ],
  stocks: [
    {
      sku: "PORK",
      name: "猪肉",
      unit: "斤",
      stock: 1000,
      dailyUse: 400,
      reportedOn: "2026-12-05",
      daysLeft: 2.5,
      target: 3,
      wanted: 7,
      below: true,
      restoreQty: 200,
    },
    {
      sku: "RICE",
      name: "大米",
      unit: "袋",
      stock: 9000,
      dailyUse: 600,
      reportedOn: "2026-12-04",
      daysLeft: 15,
      target: 10,
      wanted: null,
      below: false,
      restoreQty: 0,
    },
  ],
  alerts: { price: 1, stock: 1 },
};

describe("daily report", () => {
  it("adds up the villages", () => {
    expect(reportTotals(report)).toEqual({
      orders: 4,
      orderCents: 30000,
      batchesConfirmed: 1,
      batchesDelivered: 1,
      unpaidOrders: 2,
      unpaidCents: 15000,
      refusals: 3,
      medicine: 1,
    });
  });
  it("says each figure in Chinese, with an English summary", () => {
    const t = reportText(report);
    expect(t).toContain("12月5日保供日报 · 镇保供专班");
    expect(t).toContain("张家村：下单3单（250元），确认批次1个，当日配送批次0个，未付款2单（150元）");
    expect(t).toContain("拒单下单过频×2、超出限购×1");
    expect(t).toContain("猪肉 30元/斤，基准26元，+15.4%，⚠️偏高");
    expect(t).toContain("蔬菜 2元/斤，7天中位数2.5元，-20%，偏低");
    expect(t).toContain("猪肉 库存1000斤，日耗400斤，可供2.5天，目标3天（理想7天），⚠️需补200斤");
    expect(t).toContain("Daily report 2026-12-05: 4 orders");
  });
  it("writes one CSV row per figure, with a BOM for Excel", () => {
    const csv = reportCsv(report);
    expect(csv.startsWith("\uFEFF日期 date,类别 section")).toBe(true);
    const rows = reportRows(report);
    expect(rows.filter((r) => r[1] === "refusals").map((r) => [r[2], r[4], r[5]])).toEqual([
      ["张家村", "OVER_LIMIT", 1],
      ["张家村", "TOO_SOON", 2],
    ]);
    expect(rows.find((r) => r[1] === "price" && r[3] === "PORK")).toEqual([
      "2026-12-05",
      "price",
      null,
      "PORK",
      "猪肉",
      30,
      "元/斤",
      26,
      15.4,
      "high",
      "configured; 2 reports",
    ]);
    expect(rows.find((r) => r[1] === "stock" && r[3] === "PORK")?.[9]).toBe("below");
  });
  it("states each village's own interval in a refusal's note (每三天 for a three-day village)", () => {
    const note = reportRows(report).find((r) => r[1] === "refusals" && r[4] === "TOO_SOON")?.[10];
    expect(note).toBe("每户每三天只能下单一次");
    expect(reportCsv(report)).not.toContain("每两天");
  });
});

describe("officials' commands", () => {
  it.each([
    ["/price 猪肉 30", { name: "official", verb: "price", args: "猪肉 30" }],
    ["/价格 猪肉 30", { name: "official", verb: "price", args: "猪肉 30" }],
    ["/stock 大米 3000 600", { name: "official", verb: "stock", args: "大米 3000 600" }],
    ["/notice @张家村 明天\n核酸", { name: "official", verb: "notice", args: "@张家村 明天\n核酸" }],
    ["/rumour watch 封城,断粮 不实", { name: "official", verb: "rumour", args: "watch 封城,断粮 不实" }],
    ["/辟谣 不实", { name: "official", verb: "rumour", args: "不实" }],
    ["/report", { name: "official", verb: "report", args: "" }],
    ["/report@baogong_bot", { name: "official", verb: "report", args: "" }],
  ] as const)("%j", (text, want) => {
    expect(parseCommand(text, null)).toEqual(want);
  });
  it("a price list without a slash is no command (it is read in the officials' chat)", () => {
    expect(parseCommand("今日价格 猪肉28", null)).toBeNull();
  });
});
