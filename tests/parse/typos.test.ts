// Input-method slips in the words that matter are read (issue 10): 园/圆/员 for 元 after a
// number, 参/惨/蚕/残 for 餐 after 套 — and nowhere else.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ROWS: Row[] = [
  [
    "3-2-501 150园套餐一份",
    undefined,
    { kind: "order", household: "3-2-501", items: [["PKG150", 1]], rejected: false },
  ],
  ["五十园的套餐两份", "4-1-101 钱", { kind: "order", items: [["PKG50", 2]], rejected: false }],
  ["100员套餐1份 7-2-302", undefined, { kind: "order", items: [["PKG100", 1]], rejected: false }],
  ["大套惨一份", "6-6-601 吕", { kind: "order", items: [["PKG150", 1]], rejected: false }],
  [
    "小套参2份 鸡蛋一盒 9组4号",
    undefined,
    {
      kind: "order",
      household: "9-4",
      items: [
        ["PKG50", 2],
        ["EGGS", 1],
      ],
      rejected: false,
    },
  ],
  ["换成中套蚕", "2-1-101 老吴", { kind: "amend", items: [["PKG100", 1]] }],
  // Not slips: a garden in a road's name, a reference book.
  ["愚园路8弄2号101室 小套餐1份", undefined, { kind: "order", household: "8-2-101", items: [["PKG50", 1]] }],
  ["团长 套餐里有参考价吗", undefined, { kind: "none" }],
];

describe("input-method slips", () => {
  it.each(ROWS)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
