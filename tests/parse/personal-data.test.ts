// One masker for personal data (src/domain/personal-data.ts): mainland mobile numbers and
// resident ID-card numbers, in every common way they are typed, and nothing else.
import { describe, expect, it } from "vitest";
import {
  findIdNumbers,
  findPersonalData,
  findPhones,
  hasPersonalData,
  maskPersonalData,
} from "../../src/domain/personal-data";

describe("maskPersonalData: mobile numbers", () => {
  it.each([
    ["13812345678", "138****5678"],
    ["电话13812345678谢谢", "电话138****5678谢谢"],
    ["138 1234 5678", "138 **** 5678"],
    ["138-1234-5678", "138-****-5678"],
    ["138 1234-5678", "138 ****-5678"],
    ["+86 13812345678", "+86 138****5678"],
    ["+8613812345678", "+86138****5678"],
    ["+86-138-1234-5678", "+86-138-****-5678"],
    ["86-13812345678", "86-138****5678"],
    ["8613812345678", "86138****5678"],
    ["0086 13812345678", "0086 138****5678"],
    ["3-2-86 13812345678", "3-2-86 138****5678"],
    ["１３８１２３４５６７８", "１３８****５６７８"],
    ["１３８　１２３４　５６７８", "１３８　****　５６７８"],
    ["１３８－１２３４－５６７８", "１３８－****－５６７８"],
    ["＋８６１３８１２３４５６７８", "＋８６１３８****５６７８"],
    ["a 13812345678 b 15900001111", "a 138****5678 b 159****1111"],
    ["2-1-110 蒋 13987654321", "2-1-110 蒋 139****4321"],
    ["手机：199 0000 1111。", "手机：199 **** 1111。"],
    ["wx13812345678", "wx138****5678"],
    // Dots, middle dots, slashes, underscores, long dashes, spaces around a dash.
    ["138.1234.5678", "138.****.5678"],
    ["电话:138.1234.5678。", "电话:138.****.5678。"],
    ["138—1234—5678", "138—****—5678"],
    ["138 - 1234 - 5678", "138 - **** - 5678"],
    ["138  1234  5678", "138  ****  5678"],
    ["138·1234·5678", "138·****·5678"],
    ["138_1234_5678", "138_****_5678"],
    ["138/1234/5678", "138/****/5678"],
    ["138．1234．5678", "138．****．5678"],
    ["138。1234。5678", "138。****。5678"],
    ["+86.138.1234.5678", "+86.138.****.5678"],
  ])("%s → %s", (text, want) => expect(maskPersonalData(text)).toBe(want));
});

describe("maskPersonalData: invisible characters inside a number", () => {
  it.each([
    ["138\u200b1234\u200b5678", "138\u200b****\u200b5678"],
    ["1381\u200b2345678", "138*\u200b***5678"],
    [
      "1\u200b3\u200b8\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8",
      "1\u200b3\u200b8\u200b*\u200b*\u200b*\u200b*\u200b5\u200b6\u200b7\u200b8",
    ],
    ["138\u200c1234\u200d5678", "138\u200c****\u200d5678"],
    ["138\u20601234\ufeff5678", "138\u2060****\ufeff5678"],
    ["138\u00ad1234\u00ad5678", "138\u00ad****\u00ad5678"],
    ["\u202d13812345678\u202c", "\u202d138****5678\u202c"],
    ["138\u200b.1234\u200b.5678", "138\u200b.****\u200b.5678"],
    ["１３８\u200b１２３４\u200b５６７８", "１３８\u200b****\u200b５６７８"],
    // A number right after a phone number, across an invisible character, is not part of it.
    ["13812345678\u200b2份", "138****5678\u200b2份"],
    ["110101\u200b19900307\u200b1234", "110101\u200b********\u200b1234"],
  ])("%j → %j", (text, want) => {
    expect(maskPersonalData(text)).toBe(want);
    expect(maskPersonalData(text).length).toBe(text.length);
    expect(hasPersonalData(maskPersonalData(text))).toBe(false);
  });
});

describe("maskPersonalData: ID-card numbers", () => {
  it.each([
    ["110101199003071234", "110101********1234"],
    ["身份证 11010119900307123X", "身份证 110101********123X"],
    ["身份证号:11010119900307123x。", "身份证号:110101********123x。"],
    ["110101 19900307 1234", "110101 ******** 1234"],
    ["１１０１０１１９９００３０７１２３４", "１１０１０１********１２３４"],
    ["旧证 110101900307123", "旧证 110101******123"],
    ["3-2-501 王五 110101199003071234 鸡蛋2盒", "3-2-501 王五 110101********1234 鸡蛋2盒"],
  ])("%s → %s", (text, want) => expect(maskPersonalData(text)).toBe(want));
});

describe("maskPersonalData leaves other numbers alone", () => {
  it.each([
    "3-2-501 100元套餐1份",
    "58-12-601 王 鸡蛋2盒",
    "3-2-501 1001 12345678901234",
    "12345678901",
    "213812345678",
    "138123456789",
    "2022-04-15 20:00",
    "¥138.50 共12345678元",
    "大米99袋 奶粉1000罐",
    "订单号 A13812345678B",
    "SKU AB110101199003071234CD",
    "单号 1381234567800",
    "消息 7263547823648723648",
    "123456789012345678",
    "999999999999999",
    "13.812345678",
    "2022.138.1234",
    "138.1234",
    "3.2.501 100元套餐1份",
    "1.38.1234.5678",
    "138.123.45678",
    "138\u200b1234\u200b567",
    "",
  ])("%s", (text) => expect(maskPersonalData(text)).toBe(text));
});

describe("finders", () => {
  it("findPhones gives the span and the 11 digits", () => {
    expect(findPhones("电话 +86 138-1234-5678 王")).toEqual([
      { kind: "phone", start: 3, end: 20, digits: "13812345678", insideIdentifier: false },
    ]);
    expect(findPhones("１３８１２３４５６７８").map((p) => p.digits)).toEqual(["13812345678"]);
  });

  it("a span with invisible characters inside is where the number stands in the text as given", () => {
    expect(findPhones("a\u200b138\u200b1234\u200b5678 b")).toEqual([
      { kind: "phone", start: 2, end: 15, digits: "13812345678", insideIdentifier: false },
    ]);
    expect(findPhones("电话 138.1234.5678")).toEqual([
      { kind: "phone", start: 3, end: 16, digits: "13812345678", insideIdentifier: false },
    ]);
  });

  it("findIdNumbers gives the span and the number, X upper-case", () => {
    expect(findIdNumbers("证 11010119900307123x")).toEqual([
      { kind: "id", start: 2, end: 20, digits: "11010119900307123X", insideIdentifier: false },
    ]);
  });

  it("a room numbered 86 stays outside the phone number after it", () => {
    expect(findPhones("3-2-86 13812345678")).toEqual([
      { kind: "phone", start: 7, end: 18, digits: "13812345678", insideIdentifier: false },
    ]);
    expect(findPhones("86-13812345678")[0]!.start).toBe(0);
  });

  it("an ID-card number is not also read as a phone number", () => {
    expect(findPersonalData("130101199003071234").map((s) => s.kind)).toEqual(["id"]);
    expect(findPersonalData("13812345678 110101199003071234").map((s) => s.kind)).toEqual(["phone", "id"]);
    expect(findPersonalData("11010119900307123X13812345678").map((s) => s.kind)).toEqual(["id", "phone"]);
  });

  it("numbers inside identifiers are found only when asked for", () => {
    expect(findPhones("订单 A13812345678B")).toEqual([]);
    expect(findPhones("订单 A13812345678B", { insideIdentifiers: true })).toEqual([
      { kind: "phone", start: 4, end: 15, digits: "13812345678", insideIdentifier: true },
    ]);
    expect(maskPersonalData("x13987654321cans", { insideIdentifiers: true })).toBe("x139****4321cans");
    expect(maskPersonalData("x13987654321cans")).toBe("x13987654321cans");
  });

  it("masking keeps the length, so spans found in the text stay valid", () => {
    for (const t of ["+8613812345678", "138 1234 5678", "11010119900307123X", "王 １３８１２３４５６７８ 3-2-501"])
      expect(maskPersonalData(t).length).toBe(t.length);
  });

  it("masks landlines with their area code, glued or after one dash or space, and finds them as such", () => {
    expect(maskPersonalData("咨询 0571-88123456")).toBe("咨询 0571-****3456");
    expect(maskPersonalData("电话 010 12345678，或 057188123456")).toBe("电话 010 ****5678，或 0571****3456");
    expect(maskPersonalData("座机０５７１－８８１２３４５６")).toBe("座机０５７１－****３４５６");
    expect(findPersonalData("王 0571-88123456 3-2-501").map((p) => [p.kind, p.digits])).toEqual([
      ["landline", "057188123456"],
    ]);
    for (const s of ["3-2-501 1001", "2026-12-06", "05712", "订单 A057188123456B"]) expect(maskPersonalData(s)).toBe(s);
  });

  it("hasPersonalData", () => {
    expect(hasPersonalData("王 138-1234-5678")).toBe(true);
    expect(hasPersonalData("王 138-****-5678")).toBe(false);
    expect(hasPersonalData("3-2-501 鸡蛋2盒")).toBe(false);
  });

  it("does not choke on long text or odd input", () => {
    const long = `${"1".repeat(100_000)} 13812345678 ${"3-2-501 ".repeat(10_000)}`;
    expect(maskPersonalData(long)).toContain(" 138****5678 ");
    expect(maskPersonalData(undefined as unknown as string)).toBe("");
  });
});
