/**
 * Splits normalised, lower-cased text into tokens in one left-to-right pass: lexicon words
 * (longest match), numbers with their units, separators, and leftover words.
 */
import type { CatalogIndex, Term } from "./catalog-index";
import { takesPlural } from "./catalog-index";
import { isCjk, isDigit, isLowerLatin } from "./normalize";
import { MEDICINE_FORMS } from "./medicine-words";
import {
  cnDecimalQtyAt,
  isVulgarFraction,
  numberToken,
  readAnyNumber,
  readArabic,
  readArabicNumber,
  readCnNumber,
  type NumberRead,
} from "./number-tokens";
import { cnRunEnd, englishNumber, isCnNumeral, parseCnNumber } from "./numerals";
import { itemTok, tok, type Tok } from "./tokens";
import { EN_UNITS } from "./units";

// Character classes by code: one typed-array lookup per character in the hot loop.
const C_HARD = 1;
const C_SOFT = 2;
const C_QUESTION = 3;
const C_TIMES = 4;
const CLASS = new Uint8Array(65536);
for (const ch of "，,;；。!！\n") CLASS[ch.charCodeAt(0)] = C_HARD;
for (const ch of "、+&|/~＋") CLASS[ch.charCodeAt(0)] = C_SOFT;
for (const ch of "?？") CLASS[ch.charCodeAt(0)] = C_QUESTION;
for (const ch of "×*✖✕╳⨯") CLASS[ch.charCodeAt(0)] = C_TIMES;
const SEP_WORD = ["", "hard", "soft", "q"];
const YUAN_WORDS = new Set(["yuan", "rmb", "kuai", "cny"]);
const SIZES = new Set(["s", "m", "l", "xl", "xxl", "xxxl", "xs", "nb"]);

const FORMS = [...MEDICINE_FORMS].sort((a, b) => b.length - a.length);

/** 二甲双胍 + 片, 硝苯地平 + 缓释片: the form belongs to the drug's name. */
function medicineFormEnd(s: string, e: number): number {
  const c = s.charCodeAt(e);
  if (!isCjk(c)) return e;
  for (const f of FORMS) if (s.startsWith(f, e)) return e + f.length;
  return e;
}

function termToken(t: Term, s: number, e: number, gap: boolean): Tok {
  switch (t.k) {
    case "item":
      return itemTok(t.sku, s, e, gap);
    case "refused":
    case "other": {
      const x = tok(t.k, s, e, gap);
      x.word = t.word;
      return x;
    }
    case "med": {
      const x = tok("med", s, e, gap);
      x.word = t.name;
      x.generic = t.generic;
      return x;
    }
    case "kw": {
      const x = tok("kw", s, e, gap);
      x.word = t.tag;
      return x;
    }
    case "pkg":
      return tok("pkg", s, e, gap);
    case "notgoods":
      return tok("notgoods", s, e, gap);
    case "brand": {
      const x = tok("notgoods", s, e, gap);
      x.word = "brand";
      return x;
    }
  }
}

export function lex(s: string, index: CatalogIndex): Tok[] {
  const out: Tok[] = [];
  const lexicon = index.lexicon;
  const n = s.length;
  let i = 0;
  let gap = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      gap = true;
      i++;
      continue;
    }
    if (lexicon.startsWith(c) && !(isCnNumeral(c) && cnDecimalQtyAt(s, i))) {
      const m = lexicon.match(s, i, takesPlural);
      if (m) {
        const t = termToken(m.value, i, m.end, gap);
        if (t.k === "med") t.e = medicineFormEnd(s, t.e);
        out.push(t);
        gap = false;
        i = t.e;
        continue;
      }
    }
    if (isDigit(c) || isVulgarFraction(s[i])) {
      const sign = signBefore(out, s, i);
      const r = readArabicNumber(s, i);
      const t = numberToken(s, r, i, gap, sign >= 0, true);
      if (sign >= 0) takeSign(out, t, s, sign);
      out.push(t);
      gap = false;
      i = t.e;
      continue;
    }
    if (isCnNumeral(c) || c === 0x534a /* 半 */) {
      const j = c === 0x534a ? i + 1 : cnRunEnd(s, i);
      const v = c === 0x534a ? 0.5 : parseCnNumber(s, i, j);
      if (v !== null) {
        const r: NumberRead = c === 0x534a ? { v, int: false, end: j, cn: true } : readCnNumber(s, i, j, v);
        const sign = signBefore(out, s, i);
        const t = numberToken(s, r, i, gap, sign >= 0, false);
        const nx = s[r.end];
        // 俩 / 仨 carry their own measure word (俩 = 两个): a count even with no unit after it.
        const pair = r.end === i + 1 && (c === 0x4fe9 /* 俩 */ || c === 0x4ee8) /* 仨 */;
        // 两大套餐 / 三小套餐: a count glued to a package named by its size.
        const sizedPackage = (nx === "大" || nx === "中" || nx === "小") && s.startsWith("套餐", r.end + 1);
        const keep =
          t.k !== "num" || pair || sizedPackage || (r.v >= 10 && (nx === "的" || s.startsWith("套餐", r.end)));
        if (keep) {
          if (sign >= 0) takeSign(out, t, s, sign);
          out.push(t);
          gap = false;
          i = t.e;
          continue;
        }
      }
      // Not a number here (一下, 十分): part of a word.
      addWordChars(out, s, i, j, gap);
      gap = false;
      i = j;
      continue;
    }
    const cls = CLASS[c]!;
    if (
      cls === C_TIMES ||
      (c === 0x78 /* x */ && !isLowerLatin(s.charCodeAt(i - 1)) && !isLowerLatin(s.charCodeAt(i + 1)))
    ) {
      // 2x eggs / 1× 100元套餐: the count written before the sign, the sign glued to it.
      const last = out[out.length - 1];
      const after = s.charCodeAt(i + 1);
      if (
        last &&
        last.k === "num" &&
        last.e === i &&
        !last.cn &&
        (after === 0x20 || !(isDigit(after) || isCnNumeral(after)))
      ) {
        last.k = "qty";
        last.times = true;
        last.e = i + 1;
        gap = false;
        i++;
        continue;
      }
      let k = i + 1;
      while (s.charCodeAt(k) === 0x20) k++;
      const r = readAnyNumber(s, k);
      // 2 x 100 yuan packages: the count before the sign, the package price after it.
      if (
        last &&
        last.k === "num" &&
        !last.cn &&
        r &&
        !r.cn &&
        index.packageByPrice.has(r.v) &&
        s.slice(last.e, i).trim() === ""
      ) {
        last.k = "qty";
        last.times = true;
        gap = true;
        i++;
        continue;
      }
      if (r) {
        const t = numberToken(s, r, i, gap, false, false);
        t.k = "qty";
        t.times = t.unit === "";
        t.s = i;
        out.push(t);
        gap = false;
        i = t.e;
        continue;
      }
      gap = true;
      i++;
      continue;
    }
    if (c === 0xa5 /* ¥ */ && isDigit(s.charCodeAt(i + 1))) {
      const r = readArabic(s, i + 1);
      const t = tok("price", i, r.end, gap);
      t.v = r.v;
      t.int = r.int;
      out.push(t);
      gap = false;
      i = r.end;
      if (s[i] === "元") i++;
      continue;
    }
    if (isLowerLatin(c)) {
      let j = i;
      while (j < n && (isLowerLatin(s.charCodeAt(j)) || (s[j] === "'" && isLowerLatin(s.charCodeAt(j + 1))))) j++;
      // 纸尿裤L码, XL号, xxl: a size of the goods, not a quantity or a package letter.
      const w = s.slice(i, j);
      if (SIZES.has(w) && (s[j] === "码" || s[j] === "号" || w.length >= 2)) {
        const spec = tok("notgoods", i, s[j] === "码" || s[j] === "号" ? j + 1 : j, gap);
        spec.word = "spec";
        out.push(spec);
        gap = false;
        i = spec.e;
        continue;
      }
      out.push(latinToken(s, i, j, gap));
      gap = false;
      i = j;
      continue;
    }
    if (cls >= C_HARD && cls <= C_QUESTION) {
      const t = tok("sep", i, i + 1, gap);
      t.word = SEP_WORD[cls]!;
      out.push(t);
      gap = false;
      i++;
      continue;
    }
    if (isCjk(c)) {
      addWordChars(out, s, i, i + 1, gap);
      gap = false;
      i++;
      continue;
    }
    // Emoji, brackets, colons, dashes: a boundary, nothing more.
    gap = true;
    i++;
  }
  return out;
}

/**
 * Where a minus sign right before the number at `i` starts, or -1: 负 (still the last character of
 * the word token before it: 负一份, not 负责) or a dash that does not follow a digit or a letter
 * (-1份, 100元套餐－1份; 1-2份 is a range, 3-2-501 an address).
 */
function signBefore(out: readonly Tok[], s: string, i: number): number {
  const p = s.charCodeAt(i - 1);
  if (p === 0x8d1f /* 负 */) {
    const last = out[out.length - 1];
    return last !== undefined && last.k === "word" && last.e === i ? i - 1 : -1;
  }
  if (p === 0x2d && !(i >= 2 && (isDigit(s.charCodeAt(i - 2)) || isLowerLatin(s.charCodeAt(i - 2))))) return i - 1;
  return -1;
}

/** The number token takes its sign: it starts at the sign, and a 负 leaves the word before it. */
function takeSign(out: Tok[], t: Tok, s: string, sign: number): void {
  const last = out[out.length - 1];
  if (s.charCodeAt(sign) === 0x8d1f && last !== undefined && last.k === "word" && last.e === sign + 1) {
    if (last.s === sign) {
      out.pop();
      t.gap = last.gap;
    } else {
      last.e = sign;
      last.word = s.slice(last.s, sign);
      t.gap = false;
    }
  }
  t.s = sign;
}

function addWordChars(out: Tok[], s: string, from: number, to: number, gap: boolean): void {
  const last = out[out.length - 1];
  if (last && last.k === "word" && last.e === from && !gap) {
    last.e = to;
    last.word = s.slice(last.s, to);
    return;
  }
  const t = tok("word", from, to, gap);
  t.word = s.slice(from, to);
  out.push(t);
}

function latinToken(s: string, i: number, j: number, gap: boolean): Tok {
  const w = s.slice(i, j);
  const num = englishNumber(w);
  if (num !== null) {
    const t = tok("num", i, j, gap);
    t.v = num;
    t.cn = true;
    return t;
  }
  if (w === "a" || w === "an") {
    const t = tok("num", i, j, gap);
    t.v = 1;
    t.cn = true;
    t.word = "a";
    return t;
  }
  const unit = EN_UNITS[w];
  if (unit !== undefined) {
    const t = tok("unitw", i, j, gap);
    t.unit = unit;
    return t;
  }
  if (YUAN_WORDS.has(w)) return tok("yuan", i, j, gap);
  if (w === "of") return tok("of", i, j, gap);
  if (w.length === 1) {
    const t = tok("letter", i, j, gap);
    t.word = w;
    return t;
  }
  const t = tok("latin", i, j, gap);
  t.word = w;
  return t;
}
