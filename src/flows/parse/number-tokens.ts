/** Numbers as the lexer reads them: the number, then what follows it (a unit, 元, or nothing). */
import { isDigit, isLowerLatin } from "./normalize";
import { cnRunEnd, englishNumber, isCnNumeral, parseCnNumber } from "./numerals";
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
  if ((c === 0x516c /* 公 */ && s.charCodeAt(i + 1) === 0x65a4) /* 公斤 */ || (c === 0x5343 /* 千 */ && s.charCodeAt(i + 1) === 0x514b) /* 千克 */)
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
  // Very long digit runs would make Number() meaningless; they are never quantities.
  const v = end - i > 15 ? Number.POSITIVE_INFINITY : Number(s.slice(i, end));
  return { v, int: int && Number.isSafeInteger(v), end, cn: false };
}

/** After a number: a unit makes a qty, 元/块 a price, otherwise it stays a bare number. */
export function numberToken(s: string, r: NumberRead, start: number, gap: boolean, neg: boolean, allowSpace: boolean): Tok {
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
  let u = cjkUnitAt(s, k);
  // 一大袋米 / 两小盒 / 一整箱: a size word between the number and its unit.
  if (!u && SIZE_WORDS.has(s.charCodeAt(k))) {
    const v = cjkUnitAt(s, k + 1);
    // …but 两大套餐 is two of the 大套餐, not two big 套.
    if (v && v.unit !== "斤" && v.unit !== "升" && !s.startsWith("套餐", k + 1)) u = v;
  }
  // 一袋子米 / 两箱子: the unit with the noun suffix 子.
  if (u && s.charCodeAt(u.end) === 0x5b50 /* 子 */ && SUFFIX_UNITS.has(u.unit))
    u = { unit: u.unit, end: u.end + 1 };
  // 10斤装, 24盒装, 5L: the size of one piece (大米10斤装1袋), not a quantity.
  if (u && (s.charCodeAt(u.end) === 0x88c5 /* 装 */ || SIZE_UNITS.has(u.unit))) {
    const spec = tok("notgoods", start, s.charCodeAt(u.end) === 0x88c5 ? u.end + 1 : u.end, gap);
    spec.word = "spec";
    return spec;
  }
  if (u) {
    const t = tok("qty", start, u.end, gap);
    t.v = neg ? -r.v : r.v;
    t.int = r.int;
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
  if (isDigit(c)) return readArabic(s, i);
  if (isCnNumeral(c)) {
    const j = cnRunEnd(s, i);
    const v = parseCnNumber(s, i, j);
    return v === null ? null : { v, int: true, end: j, cn: true };
  }
  if (isLowerLatin(c)) {
    let j = i;
    while (j < s.length && isLowerLatin(s.charCodeAt(j))) j++;
    const v = englishNumber(s.slice(i, j));
    return v === null ? null : { v, int: true, end: j, cn: true };
  }
  return null;
}

