// Rules for the kinds of message held-out corpus E found misread (tests/parse/corpus-heldout-e.jsonl),
// each with sentences of its own: a purpose clause (要蒸馒头, 要包饺子) names no goods; Cantonese 蚊 is 元;
// an unknown item with a count beside allowed goods is refused; 再要 / 再来 after the household add;
// goods + 加 + a count after a removal adds; 今朝 … 伐 and X还是Y到 ask for status.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";



const UNKNOWN_BESIDE: Row[] = [
  ["5-2-201 奶粉1罐 积木一盒", undefined, { kind: "order", items: [["FORMULA", 1]], rejected: "UNKNOWN_ITEM" }],
  ["3-1-101 米2袋 拼图一个 在家无聊", undefined, { kind: "order", items: [["RICE", 2]], rejected: true }],
];

const ADD_AFTER_HOUSEHOLD: Row[] = [
  ["6组3号 再要两袋盐", undefined, { kind: "amend", household: "6-3", items: [["SALT", 2]], mode: "add" }],
  ["3-2-501 再来一桶油", undefined, { kind: "amend", household: "3-2-501", items: [["OIL", 1]], mode: "add" }],
];

const ADD_AFTER_REMOVAL: Row[] = [
  ["5-1-101 酱油不要了，牛奶加一箱", undefined, { kind: "amend", items: [["MILK", 1]], removed: ["SOY"], mode: "add" }],
];


const TABLES: [string, Row[]][] = [
  ["an unknown item with a count beside allowed goods", UNKNOWN_BESIDE],
  ["再要 / 再来 after the household", ADD_AFTER_HOUSEHOLD],
  ["goods + 加 + a count after a removal", ADD_AFTER_REMOVAL],
];

for (const [name, rows] of TABLES)
  describe(name, () => {
    for (const [text, sender, e] of rows) it(text, () => check(parse(text, sender), e));
  });
