import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "../../src/domain/catalog";
import { buildCommodityIndex } from "../../src/flows/officials/commodities";
import {
  isPriceList,
  parseNotice,
  parsePrices,
  parseRumour,
  parseStocks,
  stripPriceListHeader,
} from "../../src/flows/officials/inputs";

const index = buildCommodityIndex(DEFAULT_CATALOG);

describe("price lists", () => {
  it.each([
    ["猪肉 30", [["PORK", 30]]],
    ["猪肉30", [["PORK", 30]]],
    ["PORK 30", [["PORK", 30]]],
    ["猪肉 30元/斤", [["PORK", 30]]],
    ["猪肉：28.5元", [["PORK", 28.5]]],
    [
      "猪肉28 鸡蛋6.2 白菜2.5",
      [
        ["PORK", 28],
        ["EGGS", 6.2],
        ["VEG", 2.5],
      ],
    ],
    [
      "猪肉28，鸡蛋6.2、大米 45",
      [
        ["PORK", 28],
        ["EGGS", 6.2],
        ["RICE", 45],
      ],
    ],
    ["白菜2.5 土豆3.5", [["VEG", 3]]], // one commodity, several vegetables: their mean
    ["猪肉２８", [["PORK", 28]]],
  ])("%s", (text, want) => {
    expect(parsePrices(text, index).entries.map((e) => [e.sku, e.price])).toEqual(want);
  });
  it("says what it did not understand", () => {
    const r = parsePrices("猪肉28 牛蛙40 鸡蛋", index);
    expect(r.entries.map((e) => e.sku)).toEqual(["PORK"]);
    expect(r.unknown).toEqual(["牛蛙"]);
    expect(r.incomplete).toEqual(["鸡蛋"]);
  });
  it("refuses a zero price", () => {
    expect(parsePrices("猪肉 0", index)).toMatchObject({ entries: [], incomplete: ["猪肉"] });
  });
  it.each([
    ["今日价格 猪肉28 鸡蛋6.2 白菜2.5", true],
    ["今日价格：猪肉28", true],
    ["今日价格(12月5日) 猪肉28", true],
    ["今日菜价 白菜2", true],
    ["猪肉28", false],
    ["今天价格怎么样", false],
  ])("%s is a price list: %s", (text, want) => {
    expect(isPriceList(text)).toBe(want);
  });
  it("the header's date is not a price", () => {
    expect(parsePrices(stripPriceListHeader("今日价格(12月5日) 猪肉28"), index).entries).toEqual([
      { sku: "PORK", names: ["猪肉"], price: 28 },
    ]);
  });
});

describe("stock reports", () => {
  it.each([
    ["大米 3000 600", [["RICE", 3000, 600]]],
    ["大米 库存3000袋 日耗600袋", [["RICE", 3000, 600]]],
    [
      "大米 3000 600 面粉 800 100",
      [
        ["RICE", 3000, 600],
        ["FLOUR", 800, 100],
      ],
    ],
    ["猪肉 1200 400", [["PORK", 1200, 400]]],
  ])("%s", (text, want) => {
    expect(parseStocks(text, index).entries.map((e) => [e.sku, e.stock, e.dailyUse])).toEqual(want);
  });
  it("needs both numbers and some daily use", () => {
    expect(parseStocks("大米 3000", index)).toMatchObject({ entries: [], incomplete: ["大米"] });
    expect(parseStocks("大米 3000 0", index)).toMatchObject({ entries: [], incomplete: ["大米"] });
    expect(parseStocks("大米 3000 面粉 800 100", index)).toMatchObject({
      entries: [{ sku: "FLOUR" }],
      incomplete: ["大米"],
    });
  });
});

describe("notice scope", () => {
  it.each([
    ["明天上午核酸检测", { scope: "all", text: "明天上午核酸检测", urgent: false }],
    ["@张家村 明天上午核酸检测", { scope: { village: "张家村" }, text: "明天上午核酸检测", urgent: false }],
    [
      "@张家村/1 明天上午核酸检测",
      { scope: { village: "张家村", grid: "1" }, text: "明天上午核酸检测", urgent: false },
    ],
    ["＠张家村 通知", { scope: { village: "张家村" }, text: "通知", urgent: false }],
    ["@所有人 通知", { scope: "all", text: "通知", urgent: false }],
    ["第一行\n第二行", { scope: "all", text: "第一行\n第二行", urgent: false }],
    ["【紧急】今晚停水", { scope: "all", text: "【紧急】今晚停水", urgent: true }],
    ["@张家村 ! 今晚8点前取完物资", { scope: { village: "张家村" }, text: "今晚8点前取完物资", urgent: true }],
  ] as const)("%s", (args, want) => {
    expect(parseNotice(args)).toEqual(want);
  });
  it.each(["", "@张家村", "@张家村/1   "])("%j is incomplete", (args) => {
    expect(parseNotice(args)).toBeNull();
  });
});

describe("/rumour", () => {
  it.each([
    ["网传本镇断粮，不实", { kind: "broadcast", text: "网传本镇断粮，不实" }],
    [
      "watch 封城,断粮 不实消息：本镇物资充足",
      { kind: "watch", keywords: ["封城", "断粮"], text: "不实消息：本镇物资充足" },
    ],
    ["watch 封城，断粮、停水 不实消息", { kind: "watch", keywords: ["封城", "断粮", "停水"], text: "不实消息" }],
    [
      "watch 封城 断粮 | 不实消息 本镇物资充足",
      { kind: "watch", keywords: ["封城", "断粮"], text: "不实消息 本镇物资充足" },
    ],
    ["watch 封城 断粮\n不实消息", { kind: "watch", keywords: ["封城", "断粮"], text: "不实消息" }],
    ["watch 封城+断粮 不实", { kind: "watch", keywords: ["封城+断粮"], text: "不实" }],
    ["list", { kind: "list" }],
    ["stop R1A2B3C4", { kind: "stop", id: "R1A2B3C4" }],
    ["watch 封城", { kind: "bad" }],
    ["", { kind: "bad" }],
  ] as const)("%j", (args, want) => {
    expect(parseRumour(args)).toEqual(want);
  });
});
