import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { hasPersonalData } from "../../src/domain/personal-data";
import { MAX_QTY, normalizeNumerals, ParseResultSchema, type ParseResult } from "../../src/flows/parse";
import { parse } from "./helpers";

const PHONE_RE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;

/** Every number of the household appears in the text or the sender, numerals normalised. */
function householdIsWritten(household: string, text: string, sender: string | undefined): boolean {
  const sources = [normalizeNumerals(text), normalizeNumerals(sender ?? "")].map((s) => s.toUpperCase());
  return household.split("-").every((part) => sources.some((s) => s.includes(part)));
}

// Text that looks like what people write: address pieces, goods, numbers, noise.
const pieces = fc.constantFrom(
  "3",
  "12",
  "501",
  "1102",
  "-",
  "/",
  "#",
  "栋",
  "号楼",
  "单元",
  "门",
  "室",
  "组",
  "号",
  "楼",
  "三",
  "十二",
  "二十一",
  "五零一",
  "两",
  "１２",
  "－",
  " ",
  "，",
  "、",
  "100元",
  "套餐",
  "的",
  "份",
  "罐",
  "奶粉",
  "鸡蛋",
  "大米",
  "香烟",
  "×",
  "*",
  "x",
  "改成",
  "取消",
  "不要了",
  "今天能到吗",
  "订单查询",
  "#接龙",
  "\n",
  "1. ",
  "2、",
  "例：",
  "阿司匹林",
  "盒",
  "13812345678",
  "138-1234-5678",
  "2022-04-15",
  "「",
  "」",
  "- - - - - - - - - - - - - - -",
  "[语音]",
  "@张三 ",
  "王五",
  "one",
  "cans",
  "of",
  "formula",
  "yuan",
  "package",
  "半",
  "壹",
  "〇",
  "138 1234 5678",
  "+8613987654321",
  "+86 139-8765-4321",
  "１３８１２３４５６７８",
  "110101199003071234",
  "11010119900307123X",
  "110101 19900307 1234",
  "110101900307123",
  "蒋",
  "身份证",
  "电话",
  "猪肉",
  "斤",
  "条",
  "万",
  "亿",
  "负",
  "1e308",
  "½",
  "分之",
  "点",
  ",000",
  "1/2",
  "弄",
  "巷",
  "胡同",
  "里",
  "：",
  "；",
  "同上",
  "+1",
  "我家也要",
  "再加",
  "追加",
  "去掉",
  "卖到",
  "块",
  "太贵了",
  "还是",
  "各",
  "A套餐50",
  "B ",
  "雞蛋",
  "兩",
  "李爷爷那份",
  "帮老王",
  "花生米",
  "口服液",
  "园",
  "套参",
);
// A phone or ID-card number in one of the forms people type it.
const personal = fc.constantFrom(
  "13987654321",
  "139 8765 4321",
  "139-8765-4321",
  "+8613987654321",
  "+86 139 8765 4321",
  "86-13987654321",
  "１３９８７６５４３２１",
  "110101199003071234",
  "11010119900307123X",
  "11010119900307123x",
  "110101 19900307 1234",
  "110101900307123",
);
const messy = fc.array(pieces, { maxLength: 30 }).map((a) => a.join(""));
const withPersonal = fc.tuple(messy, personal, messy).map(([a, p, b]) => `${a}${p}${b}`);
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  messy,
);
const senderText = fc.option(fc.oneof(messy, fc.string({ maxLength: 40 })), { nil: undefined });

/** Every piece of text a result quotes back from the message or the sender. */
function echoed(r: ParseResult): string[] {
  return [
    r.name ?? "",
    r.title ?? "",
    ...r.rejected.map((x) => x.text),
    ...r.medicines.map((m) => m.name),
    ...r.entries.flatMap((e) => [e.name ?? "", ...e.rejected.map((x) => x.text)]),
    r.quoted?.name ?? "",
    r.quoted?.text ?? "",
    r.forName ?? "",
    r.complaint?.goods ?? "",
  ];
}

describe("parseMessage properties", () => {
  test.prop([anyText, senderText], { numRuns: 2000 })("never throws and always fits the schema", (text, sender) => {
    const r = parse(text, sender);
    expect(ParseResultSchema.safeParse(r).success).toBe(true);
    expect(r.error).toBeUndefined();
  });

  test.prop([anyText, senderText], { numRuns: 2000 })(
    "never invents a household, never a phone number",
    (text, sender) => {
      const r = parse(text, sender);
      for (const h of [r.household, ...r.entries.map((e) => e.household)]) {
        if (h === null) continue;
        expect(householdIsWritten(h, text, sender)).toBe(true);
        expect(PHONE_RE.test(h.replace(/-/g, ""))).toBe(false);
        expect(h).toMatch(/^[0-9A-Z]+(-[0-9A-Z]+)*$/);
      }
    },
  );

  test.prop(
    [
      fc.oneof(anyText, withPersonal),
      fc.option(
        fc.oneof(
          withPersonal,
          senderText.map((x) => x ?? ""),
        ),
        { nil: undefined },
      ),
    ],
    { numRuns: 2000 },
  )("a name, a refusal or a title never holds an unmasked phone or ID-card number", (text, sender) => {
    const r = parse(text, sender);
    for (const s of echoed(r)) expect(hasPersonalData(s), JSON.stringify(s)).toBe(false);
    if (r.phone !== null) expect(r.phone).toMatch(/^1[3-9][0-9]{9}$/);
  });

  test.prop([
    fc.constantFrom("2-1-110 ", "3-501 ", "七组二十号 ", ""),
    fc.constantFrom("蒋", "王五", "李奶奶", "Zhang"),
    fc.constantFrom(" ", "", "-", "/"),
    personal,
  ])("a group nickname with a phone or ID-card number gives the name without it", (household, name, sep, p) => {
    const r = parse("鸡蛋2盒", `${household}${name}${sep}${p}`);
    expect(r.name).toBe(name);
  });

  test.prop([messy], { numRuns: 500 })("quantities are whole numbers from 1 to 99", (text) => {
    const r = parse(text);
    for (const i of [...r.items, ...r.entries.flatMap((e) => e.items)]) {
      expect(Number.isInteger(i.qty)).toBe(true);
      expect(i.qty).toBeGreaterThanOrEqual(1);
      expect(i.qty).toBeLessThanOrEqual(99);
    }
  });

  test.prop([fc.string({ minLength: 1, maxLength: 20 })], { numRuns: 50 })(
    "handles very long text (timed by npm run bench -- long)",
    (unit) => {
      const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      const r = parse(text);
      expect(ParseResultSchema.safeParse(r).success).toBe(true);
    },
  );
});

// A quantity that is not a whole count from 1 to MAX_QTY, in the ways people (and pranksters) write one.
const CN = ["一", "两", "三", "五", "十", "二十", "一百", "五千"];
const absurdQty = fc.oneof(
  fc.integer({ min: MAX_QTY + 1, max: 1e15 }).map(String),
  fc.integer({ min: 1, max: MAX_QTY }).chain((n) => fc.constantFrom(`-${n}`, `负${n}`, `－${n}`, `0`, `零`)),
  fc
    .tuple(fc.constantFrom(...CN), fc.constantFrom("负", ""))
    .map(([c, neg]) => `${neg}${c}`)
    .filter((x) => x.startsWith("负")),
  fc.tuple(fc.constantFrom(...CN), fc.constantFrom("万", "亿", "兆")).map(([c, big]) => `${c}${big}`),
  fc
    .tuple(fc.constantFrom("一", "两", "三", "九"), fc.constantFrom("百万", "千万", "万亿", "万五千"))
    .map(([c, big]) => `${c}${big}`),
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom("e", "E", "e+", "e-"))
    .map(([m, e, s]) => `${m}${s}${e}`),
  fc.tuple(fc.integer({ min: 0, max: 98 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom("半", "1/2", "½", "1½", "二分之一", "三分之二", "一点五", "零点五"),
);
const goodsWithUnit = fc.constantFrom(
  ["大米", "袋"],
  ["鸡蛋", "盒"],
  ["奶粉", "罐"],
  ["100元套餐", "份"],
  ["食用油", "桶"],
  ["纸尿裤", "包"],
);

describe("absurd quantities", () => {
  test.prop([goodsWithUnit, absurdQty, fc.boolean(), fc.boolean()], { numRuns: 1000 })(
    "are refused as BAD_QUANTITY, never read as a count, and the rest is still read",
    ([goods, unit], qty, qtyFirst, more) => {
      const asked = qtyFirst ? `${qty}${unit}${goods}` : `${goods}${qty}${unit}`;
      const r = parse(`3-2-501 ${asked}${more ? " 卫生纸2提" : ""}`);
      expect(r.kind).toBe("order");
      expect(r.items).toEqual(more ? [{ sku: "TISSUE", qty: 2 }] : []);
      expect(r.rejected.map((x) => x.reason)).toEqual(["BAD_QUANTITY"]);
    },
  );
});

describe("long messages", () => {
  test.each([
    ["an order repeated", "3-2-501 王五 100元套餐1份，鸡蛋2盒 香烟一条 奶粉×2 谢谢团长！ "],
    ["digits", "1"],
    ["Chinese numerals", "一二三四五六七八九十"],
    ["dashes and digits", "1-"],
    ["a 接龙 body", "#接龙\n1. 3-2-501 2罐\n"],
    ["quotes", "「张三："],
    ["brackets", "[语音"],
    ["spaces", " "],
    ["an English address word and spaces", "room      "],
    ["WeChat separators", "- "],
    ["list numbers", "1. 2. 3. "],
    ["letter buildings", "a栋"],
    ["times signs", "x1"],
    ["mentions", "@"],
    ["a price complaint's numerals", "涨到一一一"],
    ["a price complaint's spaces", "卖到 "],
    ["a legend", "#接龙\na套餐 "],
    ["a menu line", "#接龙\n1、111"],
    ["households", "3-1-101和"],
    ["a quote", "「3-1-101 王：鸡蛋1盒」\n- - - - -\n同上"],
    ["lanes", "58弄"],
    ["food words inside words", "花生米"],
    ["drug names", "葡萄糖酸钙口服液"],
    ["goods named again", "没米了 要一袋米 "],
  ])("100,000 characters: %s", (_label, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const r = parse(text);
    expect(ParseResultSchema.safeParse(r).success).toBe(true);
  });
});
