// The quantity binder (issue 13 item 8) is a sequence of small named passes that never change the
// tokens they are given: each pass is checked on its own, and the whole never touches its input.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/flows/parse/assemble";
import { bind } from "../../src/flows/parse/attach";
import { emptyPairing, pairAdjacentCounts, pairCountAfterComma, pairEachCount } from "../../src/flows/parse/bind-pair";
import { markDrugWords, markOldCounts, markPieceSizes } from "../../src/flows/parse/bind-retag";
import { lex } from "../../src/flows/parse/lexer";
import { normalizeText } from "../../src/flows/parse/normalize";
import type { Tok } from "../../src/flows/parse/tokens";
import { wholeWords } from "../../src/flows/parse/words";
import { index } from "./helpers";

function tokens(text: string): { toks: Tok[]; norm: string } {
  const { norm, low } = normalizeText(text);
  return { toks: assemble(wholeWords(lex(low, index), low, index), index, { packageContext: false }, norm), norm };
}

const at = (toks: readonly Tok[], norm: string, word: string): Tok => toks.find((t) => norm.slice(t.s, t.e) === word)!;

describe("bind passes", () => {
  it.each([
    "鸡蛋由2盒改成4盒",
    "大米10斤一袋 2袋",
    "鸡蛋、大米各2袋",
    "要100元的套餐，两份",
    "复方甘草片2盒",
    "奶粉不要2罐了，改1罐",
  ])("never change the tokens they are given: %s", (text) => {
    const { toks, norm } = tokens(text);
    const before = JSON.stringify(toks);
    bind(toks, index, norm, { defaultSku: null });
    markPieceSizes(markOldCounts(markDrugWords(toks)));
    expect(JSON.stringify(toks)).toBe(before);
  });

  it("markOldCounts: the count before 改成 is the old one", () => {
    const { toks, norm } = tokens("鸡蛋由2盒改成4盒");
    const out = markOldCounts(toks);
    expect(at(out, norm, "2盒")).toMatchObject({ k: "notgoods", word: "was" });
    expect(at(out, norm, "4盒").k).toBe("qty");
  });

  it("markPieceSizes: a weight beside a count is the size of one piece", () => {
    const { toks, norm } = tokens("大米10斤一袋");
    expect(at(markPieceSizes(toks), norm, "10斤")).toMatchObject({ k: "notgoods", word: "spec" });
  });

  it("markDrugWords: an unknown word with a drug's ending is a medicine", () => {
    const { toks } = tokens("复方甘草片2盒");
    expect(markDrugWords(toks).some((t) => t.k === "med")).toBe(true);
  });

  it("pairing: own counts, a count after a comma, 各", () => {
    const own = tokens("奶粉2罐 3袋大米");
    const p = pairAdjacentCounts(own.toks, index, emptyPairing(own.toks.length));
    expect(own.toks[p.qtyOf[own.toks.indexOf(at(own.toks, own.norm, "奶粉"))]!]!.v).toBe(2);
    expect(own.toks[p.qtyOf[own.toks.indexOf(at(own.toks, own.norm, "大米"))]!]!.v).toBe(3);

    const comma = tokens("要100元的套餐，两份");
    const pc = pairCountAfterComma(comma.toks, pairAdjacentCounts(comma.toks, index, emptyPairing(comma.toks.length)));
    const g = comma.toks.findIndex((t) => t.k === "item");
    expect(comma.toks[pc.qtyOf[g]!]!.v).toBe(2);

    const each = tokens("鸡蛋、大米各2袋");
    const pe = pairEachCount(each.toks, pairAdjacentCounts(each.toks, index, emptyPairing(each.toks.length)));
    const goods = each.toks.map((t, i) => (t.k === "item" ? i : -1)).filter((i) => i >= 0);
    expect(goods.map((i) => each.toks[pe.qtyOf[i]!]!.v)).toEqual([2, 2]);
  });
});
