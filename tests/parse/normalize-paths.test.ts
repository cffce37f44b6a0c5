// The normaliser builds a short text from slices and a long one through a typed array: both
// ways must give the same characters, whatever the text holds (full-width forms, traditional
// characters, capitals, Cantonese, 薴 which the tables map twice: 薴 → 苧 → 苎).
import { describe, expect, it } from "vitest";
import { normalizeText, toSimplified } from "../../src/flows/parse/normalize";

const SAMPLES = [
  "３栋２单元５０１　王五　１００元套餐１份，鸡蛋×２",
  "雞蛋兩盒 尿不濕2包 衛生紙一提",
  "Zhang: ONE 100 Yuan Package, 2 CANS of Formula",
  "鸡蛋唔要喇 150蚊套餐 中套餐->大套餐",
  "薴 ＡＢＣ 薴abc",
  "A",
  "ａ",
  "好的好的",
  "",
];
// Spaces after the text change nothing it says (every context rule treats a space like an end).
const PAD = " ".repeat(600);

describe("normalizeText, short and long texts", () => {
  it.each(SAMPLES)("%s", (s) => {
    const short = normalizeText(s);
    const long = normalizeText(s + PAD);
    expect(long.norm).toBe(short.norm + PAD);
    expect(long.low).toBe(short.low + PAD);
    expect(short.norm).toHaveLength(s.length);
    expect(short.low).toHaveLength(s.length);
    expect(toSimplified(s + PAD)).toBe(toSimplified(s) + PAD);
  });

  it("lower-cases through the same tables before the first capital", () => {
    // 薴 maps to 苧 in `norm`; `low` is mapped again (苧 → 苎), as it always was.
    expect(normalizeText("薴A").low).toBe(normalizeText(normalizeText("薴A").norm).low);
    expect(normalizeText("薴A").low).toBe("苎a");
  });

  it.each([
    ["100园套餐", "100元套餐"],
    ["五十圆的", "五十元的"],
    ["50员套餐", "50元套餐"],
    ["50原套餐", "50元套餐"],
    ["中套参", "中套餐"],
    ["中套惨", "中套餐"],
    ["中套蚕", "中套餐"],
    ["中套残", "中套餐"],
    ["唔要喇", "不要了"],
    ["150蚊套餐", "150元套餐"],
    ["今朝会送伐", "今天会送吗"],
    ["明朝送", "明天送"],
    ["会送伐", "会送吗"],
    ["中套餐->大套餐", "中套餐→ 大套餐"],
    ["中套餐=>大套餐", "中套餐→ 大套餐"],
  ])("rewrites %s as %s (each rewrite's characters are in the pre-check)", (s, want) => {
    expect(normalizeText(s).norm).toBe(want);
  });
});
