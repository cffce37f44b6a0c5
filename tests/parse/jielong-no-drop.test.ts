// Issue 9: no 接龙 entry is dropped without a word. Entries numbered 1000 and up are entries; a
// flattened list that skips a number keeps each household's goods on its own entry; a line that
// cannot be read is an entry carrying its problem.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parse } from "./helpers";

describe("接龙 entries are never dropped", () => {
  it("entries numbered 1000 and up are read", () => {
    const body = Array.from(
      { length: 1002 },
      (_, k) => `${k + 1}. ${Math.floor(k / 100) + 1}-1-${(k % 100) + 101} 1罐`,
    ).join("\n");
    const r = parse(`#接龙\n奶粉团购\n${body}`);
    expect(r.entries.length).toBe(1002);
    expect(r.entries[999]!.household).toBe("10-1-200");
    expect(r.entries[1001]!.household).toBe("11-1-102");
    expect(r.entries[1001]!.items).toEqual([{ sku: "FORMULA", qty: 1 }]);
  });

  it("a list picked up at 1000 is read", () => {
    const r = parse("#接龙\n奶粉团购\n1000. 5-1-102 李 1罐\n1001. 5-1-103 张 1罐");
    expect(r.entries.map((e) => e.household)).toEqual(["5-1-102", "5-1-103"]);
  });

  it("a flattened list that skips a number keeps every entry on its own household", () => {
    const r = parse("#接龙 奶粉团购 1. 5-1-101 2罐 2. 5-1-102 1罐 4. 5-1-104 3罐 1000. 5-1-105 1罐");
    expect(r.entries.map((e) => [e.household, e.items.map((i) => i.qty)])).toEqual([
      ["5-1-101", [2]],
      ["5-1-102", [1]],
      ["5-1-104", [3]],
      ["5-1-105", [1]],
    ]);
  });

  it("a line that cannot be read is an entry that carries its problem", () => {
    const r = parse("#接龙\n奶粉团购\n1. 5-1-101 王 2罐\n2. ？？？\n3. 李 1罐\n1234. 5-1-104 大米一亿袋");
    expect(r.entries.map((e) => e.household)).toEqual(["5-1-101", null, null, "5-1-104"]);
    expect(r.entries[3]!.rejected.map((x) => x.reason)).toEqual(["BAD_QUANTITY"]);
  });
});

describe("接龙 lines without the usual number", () => {
  it("an unnumbered or bracket-numbered line that orders for a household is an entry; notes are not", () => {
    const r = parse(
      "#接龙\n奶粉团购\n1. 5-1-101 王 2罐\n5-1-102 李 1罐\n(3) 5-1-103 赵 1罐\n（4）5-1-104 钱 2罐\n补充：今晚8点截止，3-2-501 的放门口\n请大家按格式接龙",
    );
    expect(r.entries.map((e) => [e.household, e.items.map((i) => i.qty)])).toEqual([
      ["5-1-101", [2]],
      ["5-1-102", [1]],
      ["5-1-103", [1]],
      ["5-1-104", [2]],
    ]);
  });
});

describe("接龙 numbering, any numbering", () => {
  const entry = fc.record({
    building: fc.integer({ min: 1, max: 30 }),
    room: fc.integer({ min: 101, max: 2504 }),
    qty: fc.integer({ min: 1, max: 9 }),
    gap: fc.integer({ min: 1, max: 3 }),
  });
  test.prop(
    [
      fc.integer({ min: 1, max: 20_000 }),
      fc.array(entry, { minLength: 1, maxLength: 12 }),
      fc.constantFrom(". ", "、", ") ", "．"),
      fc.boolean(),
    ],
    { numRuns: 300 },
  )("every numbered entry is read, on its own household, one a line or flattened", (first, list, marker, flat) => {
    let n = first;
    const lines = list.map((e) => {
      const line = `${n}${marker}${e.building}-1-${e.room} ${e.qty}罐`;
      n += e.gap;
      return line;
    });
    const r = parse(`#接龙\n奶粉团购\n${lines.join(flat ? " " : "\n")}`);
    expect(r.entries.map((e) => e.household)).toEqual(list.map((e) => `${e.building}-1-${e.room}`));
    expect(r.entries.map((e) => e.items)).toEqual(list.map((e) => [{ sku: "FORMULA", qty: e.qty }]));
  });
});
