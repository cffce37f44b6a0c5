import { CANTONESE_CHARS, cantoneseParticles, dialectWords, joinArrows } from "./cantonese";
import { traditionalPairs } from "./traditional";
import { fixTypos } from "./typos";
import { INVISIBLE } from "../../domain/invisible";

/**
 * Character normalisation. Every mapping is one UTF-16 unit to one, so positions in the
 * normalised text are positions in the original: spans found later can be cut from either.
 */

const FULLWIDTH_START = 0xff01;
const FULLWIDTH_END = 0xff5e;

function buildTables(): { keep: Uint16Array; lower: Uint16Array; simplified: Uint16Array } {
  const simplified = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) simplified[c] = c;
  // Traditional → simplified (OpenCC's character tables, ./traditional.ts): 雞蛋兩盒 reads as 鸡蛋两盒.
  for (const [from, to] of traditionalPairs()) simplified[from] = to;
  const keep = new Uint16Array(simplified);
  for (let c = FULLWIDTH_START; c <= FULLWIDTH_END; c++) keep[c] = c - 0xfee0;
  // Spaces of every kind (WeChat puts U+2005 after an @-mention) become a plain space.
  for (const c of [
    0x3000, 0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x0009,
    0x000b, 0x000c, 0x200b, 0x200c, 0x200d, 0xfeff,
  ])
    keep[c] = 0x20;
  keep[0x0d] = 0x0a; // CR → LF
  for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe63, 0x2500, 0x2501]) keep[c] = 0x2d; // dashes → '-'
  keep[0xffe5] = 0xa5; // full-width yen sign → ¥
  keep[0x3007] = 0x3007; // 〇 kept (a numeral)
  // Written Cantonese (唔, 冇, 咗, 哋 …: ./cantonese.ts) as Mandarin; the arrows ⇒ ➡ ➔ as →.
  for (const [from, to] of Object.entries(CANTONESE_CHARS)) keep[from.charCodeAt(0)] = to.charCodeAt(0);
  for (const c of [0x21d2, 0x27a1, 0x2794, 0x279c, 0x27f6, 0x2b95]) keep[c] = 0x2192;
  const lower = new Uint16Array(keep);
  for (let c = 0; c < 65536; c++) {
    const k = keep[c]!;
    if (k >= 0x41 && k <= 0x5a) lower[c] = k + 32;
  }
  return { keep, lower, simplified };
}

const { keep: KEEP, lower: LOWER, simplified: SIMPLIFIED } = buildTables();

const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });
// Below this length a mapped string is put together from slices: cheaper than a typed array and a
// decoder call for the one-line messages that make up nearly all the traffic.
const SLICES_MAX = 512;

/** `s` with every code unit mapped through `table`; `from`: the first unit the table changes. */
function mapped(s: string, table: Uint16Array, from: number): string {
  const n = s.length;
  if (n > SLICES_MAX) {
    const a = new Uint16Array(n);
    for (let j = 0; j < n; j++) a[j] = table[s.charCodeAt(j)]!;
    return UTF16.decode(a);
  }
  let out = s.slice(0, from);
  let last = from;
  for (let j = from; j < n; j++) {
    const c = s.charCodeAt(j);
    const m = table[c]!;
    if (m === c) continue;
    out += j > last ? s.slice(last, j) + String.fromCharCode(m) : String.fromCharCode(m);
    last = j + 1;
  }
  return last < n ? out + s.slice(last) : out;
}

/**
 * Traditional characters as simplified ones, one character for one (斷糧 → 断粮, 雞蛋 → 鸡蛋);
 * nothing else changes. Pure; for matching words typed either way (rumour keywords).
 */
export function toSimplified(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && SIMPLIFIED[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === n) return text;
  return mapped(text, SIMPLIFIED, i);
}

/**
 * `s` without the characters that show nothing: what the sender sees is what is read (鸡\u200b蛋 is
 * 鸡蛋, 1381\u200b2345678 a phone number). Not one for one: for a message before it is read.
 */
export function dropInvisible(s: string): string {
  let i = 0;
  while (i < s.length && INVISIBLE[s.charCodeAt(i)] !== 1) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) if (INVISIBLE[s.charCodeAt(i)] !== 1) out += s[i];
  return out;
}

// Every character the word rewrites below start from (./typos.ts: 园圆员原参惨蚕残; ./cantonese.ts:
// 喇, 蚊朝伐, >): without one of them, each rewrite returns its text as it is.
const REWRITE_CHARS = new Uint8Array(65536);
for (const ch of "园圆员原参惨蚕残喇蚊朝伐>") REWRITE_CHARS[ch.charCodeAt(0)] = 1;

function mayRewrite(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (REWRITE_CHARS[s.charCodeAt(i)] === 1) return true;
  return false;
}

export interface NormalizedText {
  /** Normalised, case kept (for names). */
  readonly norm: string;
  /** Normalised and ASCII lower-cased (for matching). Same length as `norm`. */
  readonly low: string;
}

/**
 * Full-width → ASCII, all spaces → ' ', CR → LF, dashes → '-', traditional → simplified,
 * written Cantonese → Mandarin, arrows (->, ⇒) → →, input-method slips (100园, 套参: ./typos.ts), A-Z → a-z in `low`.
 */
export function normalizeText(s: string): NormalizedText {
  const n = s.length;
  let i = 0;
  while (i < n && KEEP[s.charCodeAt(i)] === s.charCodeAt(i)) i++;
  let norm = i < n ? mapped(s, KEEP, i) : s;
  if (mayRewrite(norm)) norm = joinArrows(dialectWords(cantoneseParticles(fixTypos(norm))));
  let k = 0;
  while (k < n && !(norm.charCodeAt(k) >= 0x41 && norm.charCodeAt(k) <= 0x5a)) k++;
  if (k === n) return { norm, low: norm };
  // LOWER maps as KEEP does too: it may change a unit before the first capital.
  let f = 0;
  while (LOWER[norm.charCodeAt(f)] === norm.charCodeAt(f)) f++;
  return { norm, low: mapped(norm, LOWER, f) };
}

/** Replaces the given [start, end) spans with spaces (same length). Spans may overlap, in any order. */
export function blankSpans(s: string, spans: readonly (readonly [number, number])[]): string {
  if (spans.length === 0) return s;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (const [a0, b0] of sorted) {
    const a = Math.max(a0, pos);
    const b = Math.min(b0, s.length);
    if (b <= a) continue;
    out += s.slice(pos, a) + " ".repeat(b - a);
    pos = b;
  }
  return out + s.slice(pos);
}

export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
export function isLowerLatin(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
export function isLatin(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
