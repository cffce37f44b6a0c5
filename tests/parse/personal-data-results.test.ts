// What the parser gives back never holds a phone or ID-card number it was not asked for: a
// name is a name (the phone goes to `phone`), a refusal quotes goods, not an ID number.
import { describe, expect, it } from "vitest";
import { hasPersonalData } from "../../src/domain/personal-data";
import type { ParseResult } from "../../src/flows/parse";
import { parse } from "./helpers";

/** Every piece of text the result echoes back from the message. */
function echoed(r: ParseResult): string[] {
  return [
    r.name ?? "",
    r.title ?? "",
    ...r.rejected.map((x) => x.text),
    ...r.medicines.map((m) => m.name),
    ...r.entries.flatMap((e) => [e.name ?? "", ...e.rejected.map((x) => x.text)]),
  ];
}

describe("a name never holds a phone or ID-card number", () => {
  it.each([
    ["2-1-110 蒋 13987654321", "13987654321"],
    ["2-1-110 蒋 139 8765 4321", "13987654321"],
    ["2-1-110 蒋 139-8765-4321", "13987654321"],
    ["2-1-110 蒋 139 8765-4321", "13987654321"],
    ["2-1-110 蒋 +8613987654321", "13987654321"],
    ["2-1-110 蒋 +86 139 8765 4321", "13987654321"],
    ["2-1-110 蒋 １３９８７６５４３２１", "13987654321"],
    ["2-1-110 蒋 139.8765.4321", "13987654321"],
    ["2-1-110 蒋 139—8765—4321", "13987654321"],
    ["2-1-110 蒋 139\u200b8765\u200b4321", "13987654321"],
    ["2-1-110 蒋 1398\u200b7654321", "13987654321"],
    ["2-1-110 蒋 110101199003071234", null],
    ["2-1-110 蒋 11010119900307123X", null],
  ])("sender %s", (sender, phone) => {
    const r = parse("鸡蛋2盒", sender);
    expect(r.household).toBe("2-1-110");
    expect(r.name).toBe("蒋");
    expect(r.phone).toBe(phone);
  });

  it.each([["蒋 139-8765-4321"], ["蒋 +8613987654321"], ["蒋 110101199003071234"]])(
    "sender without a household: %s",
    (sender) => {
      const r = parse("鸡蛋2盒", sender);
      expect(r.name).toBe("蒋");
    },
  );

  it.each([
    ["2-1-110 蒋 13987654321 鸡蛋2盒"],
    ["2-1-110 蒋 139 8765 4321 鸡蛋2盒"],
    ["2-1-110 蒋 +8613987654321 鸡蛋2盒"],
    ["2-1-110 蒋 110101199003071234 鸡蛋2盒"],
  ])("text %s", (text) => {
    const r = parse(text);
    expect(r.name).toBe("蒋");
    expect(r.items).toEqual([{ sku: "EGGS", qty: 2 }]);
    expect(r.rejected).toEqual([]);
  });

  it("接龙 entries", () => {
    const r = parse("#接龙\n奶粉团购\n1. 5-1-101 王 138 1234 5678 2罐\n2. 李 +8613812345678 1罐");
    expect(r.entries.map((e) => [e.household, e.name])).toEqual([
      ["5-1-101", "王"],
      [null, "李"],
    ]);
    expect(r.entries.flatMap((e) => e.items)).toEqual([
      { sku: "FORMULA", qty: 2 },
      { sku: "FORMULA", qty: 1 },
    ]);
  });
});

describe("an ID-card number is not goods and is never echoed back", () => {
  it.each([
    "3-2-501 身份证11010119900307123X 鸡蛋2盒",
    "3-2-501 身份证号：110101199003071234，鸡蛋2盒",
    "3-2-501 鸡蛋2盒 110101 19900307 1234",
    "3-2-501 鸡蛋2盒 旧身份证110101900307123",
  ])("%s", (text) => {
    const r = parse(text);
    expect(r.kind).toBe("order");
    expect(r.items).toEqual([{ sku: "EGGS", qty: 2 }]);
    expect(r.rejected).toEqual([]);
  });

  it.each([
    "3-2-501 大米110101199003071234袋",
    "3-2-501 香烟 110101199003071234 1条",
    "3-2-501 猪肉 13812345678 2斤",
    "3-2-501 猪肉 138 1234 5678 2斤",
    "3-2-501 猪肉 138.1234.5678 2斤",
    "3-2-501 猪肉 1381\u200b2345678 2斤",
    "3-2-501 香烟 138\u200b1234\u200b5678 1条",
    "3-2-501 鸡蛋×110101199003071234",
    "3-2-501 100元套餐 110101 19900307 1234份",
    "3-2-501 奶粉 110101900307123罐",
    "#接龙\n奶粉团购 联系13812345678\n1. 5-1-103 110101199003071234罐\n2. 5-1-104 香烟 13812345678 1条",
  ])("nothing echoed holds one: %s", (text) => {
    for (const s of echoed(parse(text))) expect(hasPersonalData(s), s).toBe(false);
  });
});
