// Several households in one message (issue 10): kind order with one entry per household, in the
// order written; household null and items empty at the top; one household's goods never on
// another's; several households and one set of goods without "each" is unclear.
import { describe, expect, it } from "vitest";
import { ParseResultSchema } from "../../src/flows/parse";
import { check, parse, type Row } from "./helpers";

const ROWS: Row[] = [
  [
    "7-1-101 小套餐一份；7-1-102 大套餐两份",
    undefined,
    {
      kind: "order",
      household: null,
      items: [],
      entries: [
        ["7-1-101", [["PKG50", 1]]],
        ["7-1-102", [["PKG150", 2]]],
      ],
    },
  ],
  [
    "9-2-301和9-2-302各要一盒鸡蛋",
    undefined,
    {
      kind: "order",
      household: null,
      entries: [
        ["9-2-301", [["EGGS", 1]]],
        ["9-2-302", [["EGGS", 1]]],
      ],
    },
  ],
  [
    "代下单：\n2组3号 孙奶奶 中套餐1份\n2组6号 钱爷爷 小套餐1份 食盐1袋",
    "志愿者 小何",
    {
      kind: "order",
      household: null,
      entries: [
        ["2-3", [["PKG100", 1]]],
        [
          "2-6",
          [
            ["PKG50", 1],
            ["SALT", 1],
          ],
        ],
      ],
    },
  ],
  [
    "小套餐1份 5-5-101；大套餐1份 5-5-102",
    undefined,
    {
      kind: "order",
      entries: [
        ["5-5-101", [["PKG50", 1]]],
        ["5-5-102", [["PKG150", 1]]],
      ],
    },
  ],
  [
    "10-1-201、10-1-202、10-1-203 每户一份中套餐",
    undefined,
    {
      kind: "order",
      entries: [
        ["10-1-201", [["PKG100", 1]]],
        ["10-1-202", [["PKG100", 1]]],
        ["10-1-203", [["PKG100", 1]]],
      ],
    },
  ],
  [
    "帮两位邻居报：4-4-401 中套餐1份 香烟一条，4-4-402 大米2袋",
    "4-4-403 陶",
    {
      kind: "order",
      entries: [
        ["4-4-401", [["PKG100", 1]]],
        ["4-4-402", [["RICE", 2]]],
      ],
    },
  ],
  [
    "3栋2单元301 奶粉1罐\n3栋2单元302 纸尿裤2包 奶粉1罐",
    undefined,
    {
      kind: "order",
      entries: [
        ["3-2-301", [["FORMULA", 1]]],
        [
          "3-2-302",
          [
            ["DIAPERS", 2],
            ["FORMULA", 1],
          ],
        ],
      ],
    },
  ],
  [
    "for 6-1-101 two boxes of eggs; for 6-1-102 one bag of rice",
    undefined,
    {
      kind: "order",
      entries: [
        ["6-1-101", [["EGGS", 2]]],
        ["6-1-102", [["RICE", 1]]],
      ],
    },
  ],
  [
    "我和邻居 5-5-501 5-5-502 一人一份小套餐",
    undefined,
    {
      kind: "order",
      entries: [
        ["5-5-501", [["PKG50", 1]]],
        ["5-5-502", [["PKG50", 1]]],
      ],
    },
  ],
  [
    "for 8-1-101 and 8-1-102, one 50 yuan package each",
    undefined,
    {
      kind: "order",
      entries: [
        ["8-1-101", [["PKG50", 1]]],
        ["8-1-102", [["PKG50", 1]]],
      ],
    },
  ],
  [
    "小套餐1份给3-1-101，大套餐1份给3-1-102",
    undefined,
    {
      kind: "order",
      entries: [
        ["3-1-101", [["PKG50", 1]]],
        ["3-1-102", [["PKG150", 1]]],
      ],
    },
  ],
  // Not several orders: one household, the other only where to deliver.
  ["3-2-501 100元套餐1份 放到3-2-502门口", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  // Two households, one of them ordered for (帮 / 给): that one.
  [
    "我是3-1-201的志愿者 帮3-1-101 下单 小套餐1份",
    undefined,
    { kind: "order", household: "3-1-101", items: [["PKG50", 1]], entries: [] },
  ],
  ["3-1-201 给3-1-101的王奶奶订一份小套餐", undefined, { kind: "order", household: "3-1-101", items: [["PKG50", 1]] }],
];

const UNCLEAR: Row[] = [
  ["6-6-601和6-6-602 中套餐一份", undefined, { kind: "none", household: null, unclear: true }],
  ["3-1-101 3-1-102 大米两袋", undefined, { kind: "none", unclear: true }],
  // A plain order is never unclear.
  ["3-1-101 大米两袋", undefined, { kind: "order", unclear: false }],
];

describe("several households in one message", () => {
  it.each(ROWS)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
  it.each(UNCLEAR)("unclear: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});

describe("several households: long messages", () => {
  it.each([" ", "；", "\n"])(
    "100,000 characters of distinct households, separated by %j, read whole (timed by npm run bench -- long)",
    (sep) => {
      let text = "";
      for (let i = 0; text.length < 100_000; i++)
        text += `${1 + (i % 30)}-${1 + (Math.floor(i / 30) % 4)}-${100 + (i % 997)} 鸡蛋1盒${sep}`;
      const r = parse(text.slice(0, 100_000));
      expect(ParseResultSchema.safeParse(r).success).toBe(true);
    },
  );
});
