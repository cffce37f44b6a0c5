/**
 * Words are words. The lexer matches the longest vocabulary word at each position, so a
 * one-character catalog alias (米, 油, 蛋, 盐, 糖) is found inside longer words the vocabulary
 * does not hold: 花生米 is not rice, 油条 is not oil, 盐水鸭 is not salt, 糖水罐头 is not sugar.
 * Such an alias glued to unknown characters is part of that unknown word. And a drug name takes
 * in the food words glued before it (葡萄糖酸钙口服液, 盐酸二甲双胍缓释片, 甘油灌肠剂): a medicine
 * that contains a food word is a medicine.
 */
import { isDrugWord } from "./attach-context";
import { isCjk } from "./normalize";
import type { Tok } from "./tokens";

function glued(a: Tok, b: Tok): boolean {
  return a.e === b.s && !b.gap;
}

function isWord(t: Tok | undefined): t is Tok {
  return t !== undefined && t.k === "word";
}

function merge(toks: Tok[], from: number, to: number, s: string): void {
  const first = toks[from]!;
  const last = toks[to]!;
  const w = toks[from]!;
  const merged: Tok = { ...w, k: "word", s: first.s, e: last.e, gap: first.gap, word: s.slice(first.s, last.e), sku: "", generic: false };
  toks.splice(from, to - from + 1, merged);
}

function isOtherGoods(t: Tok | undefined): t is Tok {
  return t !== undefined && (t.k === "refused" || t.k === "other");
}

/**
 * A one-character catalog alias glued to unknown characters or to goods outside the catalog:
 * one word, unknown (花生米, 油条) or of those goods (榴莲糖, 无糖饼干). Brands and kinds written
 * before goods (低钠盐, 珍珠米: ./goods-words.ts) are not unknown characters.
 */
function joinGluedAliases(toks: Tok[], s: string): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== "item" || t.e - t.s !== 1 || !isCjk(s.charCodeAt(t.s))) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    // Before: a word of two characters or more (花生米; 要米 and 没米 stay rice). After: any (油条).
    const leftWord = (isWord(prev) || isOtherGoods(prev)) && glued(prev, t);
    const left = leftWord && prev.e - prev.s >= 2;
    const right = (isWord(next) || isOtherGoods(next)) && glued(t, next);
    if (!left && !right) continue;
    const from = leftWord ? i - 1 : i;
    const to = right ? i + 1 : i;
    // The compound is goods outside the catalog when a part of it is (无糖饼干 is 饼干).
    const goods = [toks[from]!, toks[to]!].find(isOtherGoods);
    merge(toks, from, to, s);
    if (goods) {
      const m = toks[from]!;
      m.k = goods.k;
    }
    i = from;
  }
}

/** A drug name (a medicine, or a word with a drug's ending) takes in what is glued before it. */
function absorbIntoDrugNames(toks: Tok[], s: string): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const drug = t.k === "med" ? !t.generic : t.k === "word" && isDrugWord(t.word);
    if (!drug) continue;
    let from = i;
    while (from > 0) {
      const p = toks[from - 1]!;
      if (!glued(p, toks[from]!) || !(p.k === "item" || p.k === "refused" || p.k === "other" || p.k === "word")) break;
      from--;
    }
    if (from === i && t.k === "med") continue;
    const name = s.slice(toks[from]!.s, t.e);
    const m: Tok = { ...t, k: "med", s: toks[from]!.s, gap: toks[from]!.gap, word: name, sku: "", generic: false };
    toks.splice(from, i - from + 1, m);
    i = from;
  }
}

/** Token-level fixes of word boundaries, after the lexer and before goods are assembled. */
export function wholeWords(toks: Tok[], s: string): Tok[] {
  joinGluedAliases(toks, s);
  absorbIntoDrugNames(toks, s);
  return toks;
}
