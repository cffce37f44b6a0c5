/** Numbers as the lexer reads them: the number, then what follows it (a unit, 元, or nothing). */
import { isDigit, isLowerLatin } from "./normalize";
import { cnDigitString, cnDigitsEnd, cnRunEnd, englishNumber, isCnNumeral, parseCnNumber } from "./numerals";
import { tok, type Tok } from "./tokens";
import { CJK_UNITS } from "./units";

const LATIN_UNITS_GLUED = new Set(["kg", "g", "pcs", "l", "ml"]);
/** Units that measure one piece of goods (5升的油, 5L): its size, never how many. */
const SIZE_UNITS = new Set(["升"]);
/** 大 / 小 / 整 between a number and its unit (一大袋, 两小盒, 一整箱). */
const SIZE_WORDS = new Set([0x5927 /* 大 */, 0x5c0f /* 小 */, 0x6574 /* 整 */]);
/** Units that take the suffix 子 in speech (一袋子, 两箱子, 一盒子). */
const SUFFIX_UNITS = new Set(["袋", "箱", "盒", "桶", "瓶", "罐"]);

// Units by character code (index into UNIT_NAMES); 公斤 / 千克 are checked apart.
const UNIT_NAMES: string[] = [""];
const UNIT_OF = new Uint8Array(65536);
for (const [k, v] of Object.entries(CJK_UNITS)) {
  if (k.length !== 1) continue;
  UNIT_NAMES.push(v);
  UNIT_OF[k.charCodeAt(0)] = UNIT_NAMES.length - 1;
}

/** Longest Chinese unit at `i` (公斤 before 斤). */
function cjkUnitAt(s: string, i: number): { unit: string; end: number } | null {
  const c = s.charCodeAt(i);
  if (c === 0x5957 /* 套 */ && s.charCodeAt(i + 1) === 0x9910 /* 餐 */) return null;
  if (
    (c === 0x516c /* 公 */ && s.charCodeAt(i + 1) === 0x65a4) /* 公斤 */ ||
    (c === 0x5343 /* 千 */ && s.charCodeAt(i + 1) === 0x514b) /* 千克 */
  )
    return { unit: "斤", end: i + 2 };
  if (c === 0x6beb /* 毫 */ && s.charCodeAt(i + 1) === 0x5347 /* 升 */) return { unit: "升", end: i + 2 };
  const u = UNIT_OF[c];
  if (u) return { unit: UNIT_NAMES[u]!, end: i + 1 };
  if (isLowerLatin(c)) {
    // kg / g / pcs glued to the number
    let j = i;
    while (j < s.length && isLowerLatin(s.charCodeAt(j))) j++;
    const w = s.slice(i, j);
    if (LATIN_UNITS_GLUED.has(w)) return { unit: CJK_UNITS[w]!, end: j };
  }
  return null;
}

export interface NumberRead {
  v: number;
  int: boolean;
  end: number;
  cn: boolean;
}

/** ½ ⅓ ¼ …: fractions typed as one character. */
const VULGAR: Readonly<Record<string, number>> = {
  "½": 1 / 2,
  "⅓": 1 / 3,
  "⅔": 2 / 3,
  "¼": 1 / 4,
  "¾": 3 / 4,
  "⅕": 1 / 5,
  "⅖": 2 / 5,
  "⅗": 3 / 5,
  "⅘": 4 / 5,
  "⅙": 1 / 6,
  "⅚": 5 / 6,
  "⅛": 1 / 8,
  "⅜": 3 / 8,
  "⅝": 5 / 8,
  "⅞": 7 / 8,
};

export function isVulgarFraction(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 0xbc && code <= 0xbe) || (code >= 0x2150 && code <= 0x215e) ? Object.hasOwn(VULGAR, c) : false;
}

/**
 * An Arabic number at `i` (digits, or a fraction character): 12, 1.5, 1½, ½, and scientific
 * notation (1e308, 2E5 — the text is lower-cased), which is never how anyone counts goods and
 * is marked not whole so that it is refused rather than read as 1.
 */
export function readArabic(s: string, i: number): NumberRead {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  let int = true;
  let end = j;
  if (s[j] === "." && isDigit(s.charCodeAt(j + 1))) {
    end = j + 1;
    while (end < s.length && isDigit(s.charCodeAt(end))) end++;
    int = false;
  }
  let k = end;
  if (s.charCodeAt(k) === 0x65 /* e */ && end > i) {
    k++;
    if (s[k] === "+" || s[k] === "-") k++;
    if (isDigit(s.charCodeAt(k))) {
      while (k < s.length && isDigit(s.charCodeAt(k))) k++;
      const v = Number(s.slice(i, k));
      return { v: Number.isNaN(v) ? Number.POSITIVE_INFINITY : v, int: false, end: k, cn: false };
    }
  }
  if (isVulgarFraction(s[end])) {
    const whole = end > i ? Number(s.slice(i, end)) : 0;
    return { v: whole + VULGAR[s[end]!]!, int: false, end: end + 1, cn: false };
  }
  // Very long digit runs would make Number() meaningless; they are never quantities.
  const v = end - i > 15 ? Number.POSITIVE_INFINITY : Number(s.slice(i, end));
  return { v, int: int && Number.isSafeInteger(v), end, cn: false };
}

/** 万 / 亿 / 兆 at `i`: their value, else 0. */
function bigUnitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c === 0x4e07 /* 万 */ ? 1e4 : c === 0x4ebf /* 亿 */ ? 1e8 : c === 0x5146 /* 兆 */ ? 1e12 : 0;
}

/**
 * 万 / 亿 / 兆 right after a number (一万, 1.5万, 一万五千, 一千万, 三兆): the number they make.
 * Only after a number — alone, 万 is a surname and the start of estate names (万科城).
 */
function withBigUnits(s: string, r: NumberRead): NumberRead {
  let m = bigUnitAt(s, r.end);
  if (m === 0) return r;
  let total = 0;
  let section = r.v;
  let lastBig = 0;
  let end = r.end;
  while (m > 0) {
    // 一万亿: a bigger unit multiplies everything before it.
    total = lastBig > 0 && m > lastBig ? (total + section) * m : total + section * m;
    lastBig = m;
    section = 0;
    end++;
    if (isCnNumeral(s.charCodeAt(end))) {
      const j = cnRunEnd(s, end);
      const v = parseCnNumber(s, end, j);
      if (v === null) break;
      section = v;
      end = j;
    }
    m = bigUnitAt(s, end);
  }
  total += section;
  return { v: total, int: r.int && Number.isSafeInteger(total), end, cn: r.cn };
}

/** 二分之一 / 2分之1: a fraction, never a whole count. */
function withFractionWords(s: string, r: NumberRead): NumberRead {
  if (s.charCodeAt(r.end) !== 0x5206 /* 分 */ || s.charCodeAt(r.end + 1) !== 0x4e4b /* 之 */) return r;
  const k = r.end + 2;
  const top = readAnyNumber(s, k);
  if (!top || top.end === k) return r;
  return { v: top.v / r.v, int: false, end: top.end, cn: r.cn };
}

/** 1/2盒: a fraction, read as one only when a unit follows it (12/6 is a date). */
function withSlashFraction(s: string, r: NumberRead): NumberRead {
  if (s[r.end] !== "/" || !r.int || !isDigit(s.charCodeAt(r.end + 1))) return r;
  let k = r.end + 1;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  if (!cjkUnitAt(s, k)) return r;
  return { v: r.v / Number(s.slice(r.end + 1, k)), int: false, end: k, cn: false };
}

/** 1,000袋: thousands separators, read only when a unit follows (鸡蛋2,100元套餐 is two things). */
function withThousands(s: string, i: number, r: NumberRead): NumberRead {
  if (s[r.end] !== "," || !r.int) return r;
  let k = r.end;
  while (s[k] === "," && isDigit(s.charCodeAt(k + 1)) && isDigit(s.charCodeAt(k + 2)) && isDigit(s.charCodeAt(k + 3)))
    k += 4;
  if (k === r.end || isDigit(s.charCodeAt(k)) || !cjkUnitAt(s, k)) return r;
  const v = Number(s.slice(i, k).replace(/,/g, ""));
  return { v, int: Number.isSafeInteger(v), end: k, cn: false };
}

/** 一点五盒 at `i`: a Chinese decimal with a unit after it (一点 alone is a filler word). */
export function cnDecimalQtyAt(s: string, i: number): boolean {
  const j = cnRunEnd(s, i);
  if (j === i || s.charCodeAt(j) !== 0x70b9 /* 点 */) return false;
  const k = cnDigitsEnd(s, j + 1);
  return k > j + 1 && k === cnRunEnd(s, j + 1) && cjkUnitAt(s, k) !== null;
}

/** An Arabic number as the lexer reads it, with what may follow its digits (万, 分之, /2, ,000). */
export function readArabicNumber(s: string, i: number): NumberRead {
  let r = readArabic(s, i);
  r = withThousands(s, i, r);
  r = withSlashFraction(s, r);
  r = withFractionWords(s, r);
  return withBigUnits(s, r);
}

/**
 * A Chinese numeral at `i` (run end `j`, value `v`) with what may follow it: 一点五 (a
 * decimal, digits only after 点 — 十点五十 is a time), 二分之一, 一万 / 一亿.
 */
export function readCnNumber(s: string, _i: number, j: number, v: number): NumberRead {
  let r: NumberRead = { v, int: Number.isInteger(v), end: j, cn: true };
  if (s.charCodeAt(j) === 0x70b9 /* 点 */) {
    const k = cnDigitsEnd(s, j + 1);
    if (k > j + 1 && k === cnRunEnd(s, j + 1))
      r = { v: Number(`${v}.${cnDigitString(s, j + 1, k)}`), int: false, end: k, cn: true };
  }
  r = withFractionWords(s, r);
  return withBigUnits(s, r);
}

/** After a number: a unit makes a qty, 元/块 a price, otherwise it stays a bare number. */
export function numberToken(
  s: string,
  r: NumberRead,
  start: number,
  gap: boolean,
  neg: boolean,
  allowSpace: boolean,
): Tok {
  let k = r.end;
  if (allowSpace) while (s.charCodeAt(k) === 0x20) k++;
  const ch = s[k];
  if (ch === "元" || ch === "圆" || (ch === "块" && (r.v >= 10 || s[k + 1] === "钱" || s[k + 1] === "的"))) {
    let e = k + 1;
    if (s[e] === "钱") e++;
    const t = tok("price", start, e, gap);
    t.v = r.v;
    t.int = r.int;
    t.cn = r.cn;
    return t;
  }
  // 奶粉3段, 纸尿裤4码: a grade of the goods, not a quantity.
  if (!allowSpace || k === r.end) {
    const sc = s.charCodeAt(r.end);
    if (sc === 0x6bb5 /* 段 */ || sc === 0x7801 /* 码 */) {
      const spec = tok("notgoods", start, r.end + 1, gap);
      spec.word = "spec";
      return spec;
    }
  }
  let u: { unit: string; end: number } | null = cjkUnitAt(s, k);
  // 一大袋米 / 两小盒 / 一整箱: a size word between the number and its unit.
  if (!u && SIZE_WORDS.has(s.charCodeAt(k))) {
    const v = cjkUnitAt(s, k + 1);
    // …but 两大套餐 is two of the 大套餐, not two big 套.
    if (v && v.unit !== "斤" && v.unit !== "升" && !s.startsWith("套餐", k + 1)) u = v;
  }
  // 一袋子米 / 两箱子: the unit with the noun suffix 子.
  if (u && s.charCodeAt(u.end) === 0x5b50 /* 子 */ && SUFFIX_UNITS.has(u.unit)) u = { unit: u.unit, end: u.end + 1 };
  // 10斤装, 24盒装, 5L: the size of one piece (大米10斤装1袋), not a quantity.
  if (u && (s.charCodeAt(u.end) === 0x88c5 /* 装 */ || SIZE_UNITS.has(u.unit))) {
    const spec = tok("notgoods", start, s.charCodeAt(u.end) === 0x88c5 ? u.end + 1 : u.end, gap);
    spec.word = "spec";
    return spec;
  }
  if (u) {
    // 一袋半 / 两份半: a count and a half (not 一份半价, 两袋半斤装).
    let v = r.v;
    let int = r.int;
    if (
      s.charCodeAt(u.end) === 0x534a /* 半 */ &&
      s.charCodeAt(u.end + 1) !== 0x4ef7 /* 价 */ &&
      !cjkUnitAt(s, u.end + 1)
    ) {
      v += 0.5;
      int = false;
      u = { unit: u.unit, end: u.end + 1 };
    }
    const t = tok("qty", start, u.end, gap);
    t.v = neg ? -v : v;
    t.int = int;
    t.neg = neg;
    t.unit = u.unit;
    t.cn = r.cn;
    return t;
  }
  const t = tok("num", start, r.end, gap);
  t.v = neg ? -r.v : r.v;
  t.int = r.int;
  t.neg = neg;
  t.cn = r.cn;
  return t;
}

/** Reads a number (Arabic, Chinese or an English word) at `i` for ×N; null when there is none. */
export function readAnyNumber(s: string, i: number): NumberRead | null {
  const c = s.charCodeAt(i);
  if (isDigit(c) || isVulgarFraction(s[i])) return readArabicNumber(s, i);
  if (isCnNumeral(c)) {
    const j = cnRunEnd(s, i);
    const v = parseCnNumber(s, i, j);
    return v === null ? null : readCnNumber(s, i, j, v);
  }
  if (isLowerLatin(c)) {
    let j = i;
    while (j < s.length && isLowerLatin(s.charCodeAt(j))) j++;
    const v = englishNumber(s.slice(i, j));
    return v === null ? null : { v, int: true, end: j, cn: true };
  }
  return null;
}
