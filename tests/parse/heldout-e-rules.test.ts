// Rules for the kinds of message held-out corpus E found misread (tests/parse/corpus-heldout-e.jsonl),
// each with sentences of its own: a purpose clause (要蒸馒头, 要包饺子) names no goods; Cantonese 蚊 is 元;
// 孩子闷坏了 is no complaint, so an unknown item with a count beside allowed goods is refused; 再要 / 再来 after the household add;
// goods + 加 + a count after a removal adds; 今朝 … 伐 and X还是Y到 ask for status.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const PURPOSE: Row[] = [
  [
    "3组7号，要两袋面粉，俺娘要蒸包子",
    undefined,
    { kind: "order", household: "3-7", items: [["FLOUR", 2]], rejected: false },
  ],
  ["5-1-101 一袋面粉 要包饺子", undefined, { kind: "order", items: [["FLOUR", 1]], rejected: false }],
  // Asked for, not made: still refused.
  ["5-1-101 要一袋馒头", undefined, { kind: "order", rejected: "UNKNOWN_ITEM" }],
];

const CANTONESE_YUAN: Row[] = [
  ["唔該幫我訂一份50蚊套餐，3棟2單元501", undefined, { kind: "order", household: "3-2-501", items: [["PKG50", 1]] }],
  ["7-1-202 要個100蚊嘅套餐", undefined, { kind: "order", household: "7-1-202", items: [["PKG100", 1]] }],
  [
    "「李生：3-2-501 一份100蚊套餐」\n- - - -\n我都要一份",
    "6-1-101 黄",
    { kind: "order", household: "6-1-101", items: [["PKG100", 1]] },
  ],
];

// 孩子闷坏了 says how the child feels: no 坏了 complaint, so the order stands and the unknown item is refused.
const UNKNOWN_BESIDE: Row[] = [
  [
    "5-2-201 奶粉1罐 积木一盒 孩子憋坏了",
    undefined,
    { kind: "order", items: [["FORMULA", 1]], rejected: "UNKNOWN_ITEM" },
  ],
  ["3-1-101 米2袋 拼图一个 小孩闷坏了", undefined, { kind: "order", items: [["RICE", 2]], rejected: true }],
];

const ADD_AFTER_HOUSEHOLD: Row[] = [
  ["6组3号 再要两袋盐", undefined, { kind: "amend", household: "6-3", items: [["SALT", 2]], mode: "add" }],
  ["3-2-501 再来一桶油", undefined, { kind: "amend", household: "3-2-501", items: [["OIL", 1]], mode: "add" }],
];

const ADD_AFTER_REMOVAL: Row[] = [
  ["5-1-101 酱油不要了，牛奶加一箱", undefined, { kind: "amend", items: [["MILK", 1]], removed: ["SOY"], mode: "add" }],
];

const STATUS: Row[] = [
  ["3-2-501 阿拉的米今朝会送伐", undefined, { kind: "status", household: "3-2-501" }],
  ["6弄3号101室 阿拉的东西今朝到伐", undefined, { kind: "status" }],
  ["5-1-101 我家的大套餐明天还是后天到？", undefined, { kind: "status", household: "5-1-101" }],
];

const TABLES: [string, Row[]][] = [
  ["a purpose clause names no goods", PURPOSE],
  ["Cantonese 蚊 is 元", CANTONESE_YUAN],
  ["闷坏了 / 憋坏了 (how someone feels) beside goods and an unknown item: no complaint", UNKNOWN_BESIDE],
  ["再要 / 再来 after the household", ADD_AFTER_HOUSEHOLD],
  ["goods + 加 + a count after a removal", ADD_AFTER_REMOVAL],
  ["今朝 … 伐, X还是Y到", STATUS],
];

for (const [name, rows] of TABLES)
  describe(name, () => {
    for (const [text, sender, e] of rows) it(text, () => check(parse(text, sender), e));
  });
