// Issue 9, item 11: a quantity that is not a whole count from 1 to MAX_QTY is refused with
// BAD_QUANTITY — never read as 1, never dropped — and the rest of the message is still read.
import { describe, expect, it } from "vitest";
import { MAX_QTY, type ParseResult } from "../../src/flows/parse";
import { parse } from "./helpers";

function bad(r: ParseResult): string[] {
  return r.rejected.filter((x) => x.reason === "BAD_QUANTITY").map((x) => x.text);
}

describe("MAX_QTY", () => {
  it("is the largest count of one item the parser accepts", () => {
    expect(MAX_QTY).toBe(99);
    expect(parse(`3-2-501 鸡蛋${MAX_QTY}盒`).items).toEqual([{ sku: "EGGS", qty: MAX_QTY }]);
    expect(bad(parse(`3-2-501 鸡蛋${MAX_QTY + 1}盒`))).toEqual([`鸡蛋${MAX_QTY + 1}盒`]);
  });
});

// [text, the refused text]: the only goods named have an absurd quantity.
const ALONE: [string, string][] = [
  // huge Chinese numerals
  ["大米一亿袋", "大米一亿袋"],
  ["3-2-501 大米一亿袋", "大米一亿袋"],
  ["3-2-501 大米一万袋", "大米一万袋"],
  ["3-2-501 大米1万袋", "大米1万袋"],
  ["3-2-501 大米1.5万袋", "大米1.5万袋"],
  ["3-2-501 大米三兆袋", "大米三兆袋"],
  ["3-2-501 大米一千万袋", "大米一千万袋"],
  ["3-2-501 大米一万五千袋", "大米一万五千袋"],
  ["3-2-501 两万份100元套餐", "两万份100元套餐"],
  ["3-2-501 100元套餐十万份", "100元套餐十万份"],
  ["3-2-501 奶粉壹萬罐", "奶粉壹万罐"],
  ["3-2-501 100元套餐×一万", "100元套餐×一万"],
  // negatives
  ["3-2-501 100元套餐负一份", "100元套餐负一份"],
  ["3-2-501 100元套餐负1份", "100元套餐负1份"],
  ["3-2-501 负一份100元套餐", "负一份100元套餐"],
  ["3-2-501 100元套餐-1份", "100元套餐-1份"],
  ["3-2-501 100元套餐－1份", "100元套餐-1份"],
  ["3-2-501 -1份100元套餐", "-1份100元套餐"],
  ["3-2-501 鸡蛋负两盒", "鸡蛋负两盒"],
  // scientific notation
  ["3-2-501 100元套餐1e308份", "100元套餐1e308份"],
  ["3-2-501 大米1E5袋", "大米1E5袋"],
  ["3-2-501 大米2e1袋", "大米2e1袋"],
  ["3-2-501 100元套餐×1e308", "100元套餐×1e308"],
  // not a whole count
  ["3-2-501 100元套餐半份", "100元套餐半份"],
  ["3-2-501 鸡蛋1.5盒", "鸡蛋1.5盒"],
  ["3-2-501 鸡蛋1/2盒", "鸡蛋1/2盒"],
  ["3-2-501 鸡蛋½盒", "鸡蛋½盒"],
  ["3-2-501 大米二分之一袋", "大米二分之一袋"],
  ["3-2-501 大米一袋半", "大米一袋半"],
  ["3-2-501 鸡蛋二盒半", "鸡蛋二盒半"],
  ["3-2-501 鸡蛋一点五盒", "鸡蛋一点五盒"],
  // past the largest allowed
  ["3-2-501 大米100袋", "大米100袋"],
  ["3-2-501 大米一百袋", "大米一百袋"],
  ["3-2-501 大米1,000袋", "大米1,000袋"],
  ["3-2-501 大米10000000000000000000袋", "大米10000000000000000000袋"],
];

describe("an absurd quantity is refused, not read as 1", () => {
  it.each(ALONE)("%s", (text, refused) => {
    const r = parse(text);
    expect(r.kind).toBe("order");
    expect(r.items).toEqual([]);
    expect(bad(r)).toEqual([refused]);
  });
});

describe("changes to an order", () => {
  it.each([
    ["3-2-501 改成负一份", "负一份"],
    ["3-2-501 改成一万份", "一万份"],
    ["3-2-501 数量改为1e9份", "1e9份"],
    ["3-2-501 100元套餐改成一万份", "100元套餐改成一万份"],
  ])("%s", (text, refused) => {
    const r = parse(text);
    expect(r.kind).toBe("amend");
    expect(r.items).toEqual([]);
    expect(bad(r)).toEqual([refused]);
  });

  it("a good count with no goods is unchanged", () => {
    const r = parse("3-2-501 改成两份");
    expect(r.kind).toBe("amend");
    expect(r.rejected).toEqual([]);
  });
});

describe("a phone or ID-card number written as a count is refused, and quoted masked", () => {
  it.each([
    ["3-2-501 大米110101199003071234袋", "大米110101********1234袋"],
    ["3-2-501 鸡蛋×13812345678", "鸡蛋×138****5678"],
    ["3-2-501 13812345678份100元套餐", "138****5678份100元套餐"],
  ])("%s", (text, refused) => {
    const r = parse(text);
    expect(r.items).toEqual([]);
    expect(bad(r)).toEqual([refused]);
  });
});

describe("the rest of the message is still read", () => {
  it.each([
    ["3-2-501 大米一亿袋 鸡蛋2盒", "大米一亿袋"],
    ["3-2-501 鸡蛋2盒 大米一万袋", "大米一万袋"],
    ["3-2-501 100元套餐负一份 鸡蛋2盒", "100元套餐负一份"],
    ["3-2-501 大米-2袋，鸡蛋2盒", "大米-2袋"],
    ["3-2-501 大米1E5袋 鸡蛋2盒", "大米1E5袋"],
    ["3-2-501 大米两袋半 鸡蛋2盒", "大米两袋半"],
    ["3-2-501 鸡蛋2盒 大米1/2袋", "大米1/2袋"],
  ])("%s", (text, refused) => {
    const r = parse(text);
    expect(r.kind).toBe("order");
    expect(r.items).toEqual([{ sku: "EGGS", qty: 2 }]);
    expect(bad(r)).toEqual([refused]);
  });

  it("the same goods named twice past MAX_QTY quote the goods, not the sku", () => {
    const r = parse("3-2-501 大米60袋 大米50袋 鸡蛋2盒");
    expect(r.items).toEqual([{ sku: "EGGS", qty: 2 }]);
    expect(bad(r)).toEqual(["大米60袋 大米50袋"]);
  });

  it("a long run of the same goods quotes the first few", () => {
    const r = parse(`3-2-501 ${"鸡蛋2盒 ".repeat(2500)}`);
    expect(r.items).toEqual([]);
    expect(bad(r)).toEqual(["鸡蛋2盒 鸡蛋2盒 鸡蛋2盒 …"]);
  });
});

describe("ordinary quantities and words are unchanged", () => {
  it.each([
    ["3-2-501 大米2袋", [["RICE", 2]]],
    ["3-2-501 大米两袋", [["RICE", 2]]],
    [
      "3-2-501 100元套餐1份 鸡蛋十盒",
      [
        ["PKG100", 1],
        ["EGGS", 10],
      ],
    ],
    ["万科城3栋2单元501 鸡蛋2盒", [["EGGS", 2]]],
    ["3-2-501 万 鸡蛋2盒", [["EGGS", 2]]],
    ["3-2-501 负责人说的 鸡蛋2盒", [["EGGS", 2]]],
    ["3-2-501 一点五十送 鸡蛋2盒", [["EGGS", 2]]],
    ["3-2-501 鸡蛋2盒 十点半前送到", [["EGGS", 2]]],
    ["3-2-501 鸡蛋2盒 1.5号楼下取", [["EGGS", 2]]],
    [
      "3-2-501 鸡蛋2,100元套餐1份",
      [
        ["EGGS", 2],
        ["PKG100", 1],
      ],
    ],
  ] as [string, [string, number][]][])("%s", (text, items) => {
    const r = parse(text);
    expect(r.items.map((i) => [i.sku, i.qty])).toEqual(items);
    expect(bad(r)).toEqual([]);
  });
});

describe("接龙 entries", () => {
  it("an entry with an absurd count is refused, the others are read", () => {
    const r = parse(
      "#接龙\n奶粉团购\n1. 5-1-101 王 一万罐\n2. 5-1-102 李 -2罐\n3. 5-1-103 赵 1000\n4. 5-1-104 钱 -2\n5. 5-1-105 孙 2",
    );
    expect(r.entries.map((e) => e.household)).toEqual(["5-1-101", "5-1-102", "5-1-103", "5-1-104", "5-1-105"]);
    expect(r.entries.map((e) => e.items.length)).toEqual([0, 0, 0, 0, 1]);
    expect(r.entries.map((e) => e.rejected.map((x) => x.reason))).toEqual([
      ["BAD_QUANTITY"],
      ["BAD_QUANTITY"],
      ["BAD_QUANTITY"],
      ["BAD_QUANTITY"],
      [],
    ]);
    expect(r.entries[4]!.items).toEqual([{ sku: "FORMULA", qty: 2 }]);
  });
});
