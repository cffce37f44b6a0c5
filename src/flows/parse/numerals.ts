/** Numbers as people type them: Arabic, Chinese (一二两俩…十百千), financial (壹贰叁…) and English words. */
import { normalizeText } from "./normalize";

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  "○": 0,
  一: 1,
  壹: 1,
  幺: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  弍: 2,
  三: 3,
  叁: 3,
  仨: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const CN_MULTS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

const DIGIT_OF = new Int8Array(65536).fill(-1);
const MULT_OF = new Int16Array(65536);
for (const [ch, v] of Object.entries(CN_DIGITS)) DIGIT_OF[ch.charCodeAt(0)] = v;
for (const [ch, v] of Object.entries(CN_MULTS)) MULT_OF[ch.charCodeAt(0)] = v;

/**
 * A character of a Chinese numeral (digit or 十/百/千). 万 / 亿 are left out — 万 is also a surname
 * and an estate name — and read only right after a number (number-tokens.ts: 一万, 1亿).
 */
export function isCnNumeral(c: number): boolean {
  return DIGIT_OF[c]! >= 0 || MULT_OF[c]! > 0;
}

/** End (exclusive) of the run of Chinese numeral characters starting at `i`. */
export function cnRunEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isCnNumeral(s.charCodeAt(j))) j++;
  return j;
}

/** End (exclusive) of the run of Chinese digits (no 十/百/千) starting at `i`. */
export function cnDigitsEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && DIGIT_OF[s.charCodeAt(j)]! >= 0) j++;
  return j;
}

/** The Chinese digits from..to as ASCII digits (五零 → "50"). */
export function cnDigitString(s: string, from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) out += String(DIGIT_OF[s.charCodeAt(i)]);
  return out;
}

/**
 * Value of a Chinese numeral run, or null. Without 十/百/千 the run is read digit by digit
 * (五零一 = 501); with them positionally (二十一 = 21, 一百零五 = 105, 一百五 = 150).
 */
export function parseCnNumber(s: string, from: number, to: number): number | null {
  if (to <= from || to - from > 12) return null;
  let hasMult = false;
  for (let i = from; i < to; i++) if (MULT_OF[s.charCodeAt(i)]! > 0) hasMult = true;
  if (!hasMult) {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + DIGIT_OF[s.charCodeAt(i)]!;
    return v;
  }
  let total = 0;
  let digit = -1;
  let lastMult = 0;
  let zeroSeen = false;
  let digitRightAfterMult = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const m = MULT_OF[c]!;
    if (m > 0) {
      if (lastMult && m >= lastMult) return null; // 十百, 百千: not a number
      total += (digit < 0 ? 1 : digit) * m;
      digit = -1;
      lastMult = m;
      zeroSeen = false;
      continue;
    }
    const d = DIGIT_OF[c]!;
    if (d === 0) {
      zeroSeen = true;
      continue;
    }
    if (digit >= 0) return null; // two digits in a row inside a positional number
    digit = d;
    digitRightAfterMult = lastMult > 0 && MULT_OF[s.charCodeAt(i - 1)]! > 0;
  }
  if (digit >= 0) {
    // 一百五 = 150, 两千五 = 2500: a last digit right after 百/千 counts one place lower.
    if (!zeroSeen && lastMult >= 100 && digitRightAfterMult) total += digit * (lastMult / 10);
    else total += digit;
  }
  return total;
}

const EN_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  single: 1,
  couple: 2,
  pair: 2,
};
export function englishNumber(word: string): number | null {
  return Object.hasOwn(EN_NUMBERS, word) ? EN_NUMBERS[word]! : null;
}

/**
 * The text with full-width digits made ASCII and every Chinese numeral run replaced by its value,
 * the way the address scanner reads them. Tests use it to check that a household is in the text.
 */
export function normalizeNumerals(text: string): string {
  const { norm } = normalizeText(text);
  let out = "";
  let i = 0;
  while (i < norm.length) {
    const c = norm.charCodeAt(i);
    if (isCnNumeral(c)) {
      const end = cnRunEnd(norm, i);
      const v = parseCnNumber(norm, i, end);
      out += v === null ? norm.slice(i, end) : String(v);
      i = end;
    } else {
      out += norm[i];
      i++;
    }
  }
  return out;
}
