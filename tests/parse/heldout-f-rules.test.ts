// Rules for what held-out corpus F (tests/parse/corpus-heldout-f.jsonl) found, and one the
// round before it risked, each with sentences of its own: a clause after goods taken out that
// opens with connecting words and an add word (鸡蛋不要了 另外加一箱方便面) adds; a choice of
// day left open (明天还是后天送都行) is an order, not a question about delivery.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const CONNECTED_ADD: Row[] = [
  [
    "4-1-1001 鸡蛋不要了 另外加一箱方便面",
    undefined,
    { kind: "amend", household: "4-1-1001", items: [["NOODLES", 1]], removed: ["EGGS"], mode: "add" },
  ],
  [
    "3-2-501 牛奶不要了，还有加两袋盐",
    undefined,
    { kind: "amend", household: "3-2-501", items: [["SALT", 2]], removed: ["MILK"], mode: "add" },
  ],
  [
    "5-1-101 奶粉不要了 然后再加一桶油",
    undefined,
    { kind: "amend", household: "5-1-101", items: [["OIL", 1]], removed: ["FORMULA"], mode: "add" },
  ],
];

const CHOICE_LEFT_OPEN: Row[] = [
  ["3-2-501 大套餐明天还是后天送都行", undefined, { kind: "order", household: "3-2-501", items: [["PKG150", 1]] }],
  [
    "5-1-101 中套餐一份 今天还是明天送都可以",
    undefined,
    { kind: "order", household: "5-1-101", items: [["PKG100", 1]] },
  ],
  // asked outright, it is still a question
  ["3-2-501 我们的中套餐今天还是明天到？", undefined, { kind: "status", household: "3-2-501" }],
];

const TABLES: [string, Row[]][] = [
  ["connecting words, then an add word, after goods taken out", CONNECTED_ADD],
  ["a choice of day left open is no question", CHOICE_LEFT_OPEN],
];

for (const [name, rows] of TABLES)
  describe(name, () => {
    for (const [text, sender, e] of rows) it(text, () => check(parse(text, sender), e));
  });
