import { describe, expect, it } from "vitest";
import { normalizeNumerals } from "../../src/flows/parse";
import { englishNumber, parseCnNumber } from "../../src/flows/parse/numerals";

describe("Chinese numerals", () => {
  it.each([
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["二十一", 21],
    ["一百", 100],
    ["一百零五", 105],
    ["一百五", 150],
    ["一百五十", 150],
    ["两千五", 2500],
    ["五零一", 501],
    ["一一零二", 1102],
    ["壹佰", 100],
    ["贰拾叁", 23],
    ["俩", 2],
    ["两", 2],
    ["〇", 0],
    ["十百", null],
    ["一二十", null],
  ] as const)("%s = %s", (s, v) => expect(parseCnNumber(s, 0, s.length)).toBe(v));

  it("normalises text the way addresses are read", () => {
    expect(normalizeNumerals("十二栋一单元１１０２")).toBe("12栋1单元1102");
    expect(normalizeNumerals("三组十五号")).toBe("3组15号");
  });

  it.each([
    ["one", 1],
    ["twelve", 12],
    ["twenty", 20],
    ["dozen", 12],
    ["apple", null],
  ] as const)("English %s = %s", (w, v) => expect(englishNumber(w)).toBe(v));
});
