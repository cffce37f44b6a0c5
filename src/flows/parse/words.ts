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

/** One token spanning toks[from..to], of kind `k`. */
function spanning(toks: readonly Tok[], from: number, to: number, s: string, k: Tok["k"]): Tok {
  const first = toks[from]!;
  const last = toks[to]!;
  return { ...first, k, s: first.s, e: last.e, gap: first.gap, word: s.slice(first.s, last.e), sku: "", generic: false };
}

function isOtherGoods(t: Tok | undefined): t is Tok {
  return t !== undefined && (t.k === "refused" || t.k === "other");
}

/**
 * A one-character catalog alias glued to unknown characters or to goods outside the catalog:
 * one word, unknown (花生米, 油条) or of those goods (榴莲糖, 无糖饼干). Brands and kinds written
 * before goods (低钠盐, 珍珠米: ./goods-words.ts) are not unknown characters. One pass.
 */
function joinGluedAliases(toks: readonly Tok[], s: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== "item" || t.e - t.s !== 1 || !isCjk(s.charCodeAt(t.s))) {
      out.push(t);
      continue;
    }
    const prev = out[out.length - 1];
    const next = toks[i + 1];
    // Before: a word of two characters or more (花生米; 要米 and 没米 stay rice). After: any (油条).
    const leftWord = (isWord(prev) || isOtherGoods(prev)) && glued(prev, t);
    const left = leftWord && prev.e - prev.s >= 2;
    const right = (isWord(next) || isOtherGoods(next)) && glued(t, next);
    if (!left && !right) {
      out.push(t);
      continue;
    }
    const parts = [...(leftWord ? [out.pop()!] : []), t, ...(right ? [next] : [])];
    // The compound is goods outside the catalog when a part of it is (无糖饼干 is 饼干).
    const goods = parts.find(isOtherGoods);
    out.push(spanning(parts, 0, parts.length - 1, s, goods ? goods.k : "word"));
    if (right) i++;
  }
  return out;
}

/** A drug name (a medicine, or a word with a drug's ending) takes in what is glued before it. */
function absorbIntoDrugNames(toks: readonly Tok[], s: string): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    const drug = t.k === "med" ? !t.generic : t.k === "word" && isDrugWord(t.word);
    if (!drug) {
      out.push(t);
      continue;
    }
    let first = t;
    while (out.length) {
      const p = out[out.length - 1]!;
      if (!glued(p, first) || !(p.k === "item" || p.k === "refused" || p.k === "other" || p.k === "word")) break;
      first = out.pop()!;
    }
    if (first === t && t.k === "med") {
      out.push(t);
      continue;
    }
    out.push({ ...t, k: "med", s: first.s, gap: first.gap, word: s.slice(first.s, t.e), sku: "", generic: false });
  }
  return out;
}

/** Token-level fixes of word boundaries, after the lexer and before goods are assembled. */
export function wholeWords(toks: readonly Tok[], s: string): Tok[] {
  return absorbIntoDrugNames(joinGluedAliases(toks, s), s);
}
