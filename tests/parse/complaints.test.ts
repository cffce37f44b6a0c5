// Complaints are not orders (issue 10): a price seen and complained about is kind none, with
// `complaint` (goods, sku, price, unit — no name, no phone) for the officials' price watch.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ROWS: Row[] = [
  [
    "奶粉涨到300一罐 买不起了",
    undefined,
    { kind: "none", complaint: { goods: "奶粉", sku: "FORMULA", price: 300, unit: "罐" } },
  ],
  [
    "白菜5块一斤 比平时贵一倍",
    undefined,
    { kind: "none", complaint: { goods: "白菜", sku: null, price: 5, unit: "斤" } },
  ],
  [
    "牛奶一箱要80元？太贵了吧",
    "3-2-501 王",
    { kind: "none", complaint: { goods: "牛奶", sku: "MILK", price: 80, unit: "箱" } },
  ],
  [
    "食用油卖到120 太离谱了 13812345678",
    undefined,
    { kind: "none", phone: "13812345678", complaint: { goods: "食用油", sku: "OIL", price: 120, unit: null } },
  ],
  [
    "鸡蛋涨到二十五一盒了 黑心",
    undefined,
    { kind: "none", complaint: { goods: "鸡蛋", sku: "EGGS", price: 25, unit: "盒" } },
  ],
  [
    "大米一袋45 比上周贵了5块",
    undefined,
    { kind: "none", complaint: { goods: "大米", sku: "RICE", price: 45, unit: "袋" } },
  ],
  // An order that grumbles, naming no price, is still an order.
  ["3-2-501 大米一袋 贵点没关系", undefined, { kind: "order", items: [["RICE", 1]], complaint: null }],
  // Grumbling with no price, or an order that mentions the price: no complaint.
  ["东西太贵了", undefined, { kind: "none", complaint: null }],
  ["3-2-501 鸡蛋两盒 贵也得买", undefined, { kind: "order", items: [["EGGS", 2]], complaint: null }],
];

describe("price complaints", () => {
  it.each(ROWS)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
