/**
 * Personal data in chat text: mainland mobile numbers, resident ID-card numbers (身份证号) and
 * landlines with their area code. The one place that knows their shapes, and the one masker —
 * the parser finds them so they are never read as a household, a quantity or a name and never
 * echoed back; the logger, the replies, the exports and the dashboard mask them with
 * maskPersonalData. Pure: no I/O.
 *
 * Mobile numbers: 11 digits 1[3-9]x, glued (13812345678) or split 3-4-4 by a separator — spaces,
 * or one dash, dot, slash or underscore with spaces around it or not (138 1234 5678,
 * 138-1234-5678, 138.1234.5678, 138 - 1234 - 5678, 138—1234—5678, 138·1234·5678) — with or
 * without +86 / 0086 / 86 in front (+8613812345678, +86 138…, 86-138…). ID-card numbers: 18
 * characters (6 region digits, the birth date YYYYMMDD, 3 digits, a check digit or X/x), glued or
 * split 6-8-4 the same way; old 15-digit ones (birth date YYMMDD). The birth date must look like a
 * date, so long order and message ids are not taken for ID numbers; the check digit is not
 * verified, so a mistyped ID is still masked. Landlines: an area code 0xx or 0xxx, then 7 or 8
 * digits, glued or after one dash or space (0571-88123456, 010 12345678). Full-width digits, spaces and punctuation count as
 * their ASCII forms, every dash as '-', and every middle dot or ideographic full stop as '.'.
 * Invisible characters (zero-width spaces and joiners, soft hyphens, direction marks, BOM) are
 * not there at all: 138\u200b1234\u200b5678 and 1381\u200b2345678 are phone numbers.
 *
 * Boundaries: a match never starts or ends inside a longer run of digits (3-2-501 1001,
 * 12345678901234, prices and dates are left alone), and a number with Latin letters glued on
 * both sides is an identifier, not personal data (订单号 A13812345678B) — unless the caller asks
 * for those too (`insideIdentifiers`). One letter on one side is not enough: wx13812345678 is
 * still a phone number.
 */
import { INVISIBLE } from "./invisible";

export type PersonalDataKind = "phone" | "id" | "landline";

export interface PersonalDataSpan {
  readonly kind: PersonalDataKind;
  /** [start, end) in the text as given. */
  readonly start: number;
  readonly end: number;
  /** phone: the 11 digits; id: the 18 (or 15) characters, ASCII, X upper-case; landline: its 10 to 12 digits. */
  readonly digits: string;
  /** Latin letters glued on both sides (only found with `insideIdentifiers`). */
  readonly insideIdentifier: boolean;
}

// Full-width digits, letters, plus and spaces, every dash, and middle dots and ideographic full
// stops, folded one UTF-16 unit to one so that positions in the folded text are positions in the
// text it was folded from.
const FOLD = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) FOLD[c] = c;
for (let c = 0xff01; c <= 0xff5e; c++) FOLD[c] = c - 0xfee0;
for (const c of [
  0x3000, 0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x0009,
])
  FOLD[c] = 0x20;
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe63, 0xff0d, 0x2500, 0x2501, 0x30fc])
  FOLD[c] = 0x2d;
for (const c of [0x00b7, 0x2022, 0x2027, 0x2219, 0x22c5, 0x30fb, 0xff65, 0x3002, 0xff61, 0x2024]) FOLD[c] = 0x2e;

/**
 * The text as matched: invisible characters taken out, the rest folded. `at[i]` is where the
 * i-th character of `text` stands in the text as given (null when nothing was taken out).
 */
interface Folded {
  readonly text: string;
  readonly at: Int32Array | null;
}

function fold(s: string): Folded {
  let i = 0;
  while (i < s.length && FOLD[s.charCodeAt(i)] === s.charCodeAt(i) && INVISIBLE[s.charCodeAt(i)] !== 1) i++;
  if (i === s.length) return { text: s, at: null };
  let hidden = 0;
  for (let j = i; j < s.length; j++) hidden += INVISIBLE[s.charCodeAt(j)]!;
  const codes = new Uint16Array(s.length - hidden);
  const at = hidden > 0 ? new Int32Array(s.length - hidden + 1) : null;
  let k = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (INVISIBLE[c] === 1) continue;
    if (at) at[k] = j;
    codes[k++] = FOLD[c]!;
  }
  if (at) at[k] = s.length;
  let text = "";
  for (let j = 0; j < codes.length; j += 8192) text += String.fromCharCode(...codes.subarray(j, j + 8192));
  return { text, at };
}

// Between the groups of a number: spaces, or one dash, dot, slash or underscore with spaces around it or not.
const SEP = "(?: *[-./_] *| +)?";
const MMDD = "(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])";
// Groups: 1 prefix, 2 first three digits, 3 sep, 4 middle four, 5 sep, 6 last four.
// A bare 86 counts only glued or dashed (8613812345678, 86-138…): in "3-2-86 13812345678" it is a room.
const PHONE_RE = new RegExp(
  `(?<![0-9])((?:(?:\\+|00)86${SEP}|86-?)?)(1[3-9][0-9])(${SEP})([0-9]{4})(${SEP})([0-9]{4})(?![0-9])`,
  "g",
);
// Groups: 1 region, 2 sep, 3 birth date, 4 sep, 5 the rest (sequence and check).
// A final X ends the number even when digits follow (…123X13812345678).
const ID18_RE = new RegExp(
  `(?<![0-9])([1-8][0-9]{5})(${SEP})((?:18|19|20)[0-9]{2}${MMDD})(${SEP})([0-9]{3}(?:[0-9](?![0-9])|[Xx]))`,
  "g",
);
const ID15_RE = new RegExp(`(?<![0-9])([1-8][0-9]{5})(${SEP})([0-9]{2}${MMDD})(${SEP})([0-9]{3})(?![0-9])`, "g");
// Groups: 1 area code, 2 sep, 3 the digits hidden, 4 the last four.
const LANDLINE_RE = /(?<![0-9])(0[0-9]{2,3})([- ]?)([0-9]{3,4})([0-9]{4})(?![0-9])/g;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Latin letters glued on both sides: part of an identifier. */
function insideIdentifier(f: string, start: number, end: number): boolean {
  return start > 0 && isLetter(f.charCodeAt(start - 1)) && end < f.length && isLetter(f.charCodeAt(end));
}

export interface FindOptions {
  /**
   * Also numbers with Latin letters glued on both sides (A13812345678B), left alone by default as
   * identifiers. For text that is cut into pieces — the parser quotes parts of a message, and a
   * piece may lose the letters that made the number look like an identifier.
   */
  readonly insideIdentifiers?: boolean;
}

/** The digits a match hides, as [from, to) offsets in the match. */
type Hidden = (m: RegExpExecArray) => [number, number];

interface Found extends PersonalDataSpan {
  /** [from, to) of the part shown as `*`. */
  readonly hideFrom: number;
  readonly hideTo: number;
}

function scan(
  f: string,
  re: RegExp,
  kind: PersonalDataKind,
  digitsOf: (m: RegExpExecArray) => string,
  hide: Hidden,
  opts: FindOptions,
  out: Found[],
): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const identifier = insideIdentifier(f, start, end);
    if (identifier && !opts.insideIdentifiers) continue;
    if (out.some((o) => o.start < end && start < o.end)) continue;
    const [a, b] = hide(m);
    out.push({
      kind,
      start,
      end,
      digits: digitsOf(m),
      insideIdentifier: identifier,
      hideFrom: start + a,
      hideTo: start + b,
    });
  }
}

const phoneHide: Hidden = (m) => {
  const from = m[1]!.length + m[2]!.length + m[3]!.length;
  return [from, from + 4];
};
const landlineHide: Hidden = (m) => {
  const from = m[1]!.length + m[2]!.length;
  return [from, from + m[3]!.length];
};
const idHide: Hidden = (m) => {
  const from = m[1]!.length + m[2]!.length;
  return [from, from + m[3]!.length];
};

/** The fewest digits any kind has (a landline: 0xx and 7 digits). */
const MIN_DIGITS = 10;

/** Too few digits (ASCII or full-width) for any kind: most chat messages and log lines, answered without a regex. */
function tooFewDigits(f: string): boolean {
  let n = 0;
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if (((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) && ++n >= MIN_DIGITS) return false;
  }
  return true;
}

function isDigitAt(text: string, i: number): boolean {
  const c = FOLD[text.charCodeAt(i)]!;
  return c >= 0x30 && c <= 0x39;
}

function scanAll(f: string, opts: FindOptions): Found[] {
  const out: Found[] = [];
  // ID numbers first: their digits are never also read as a phone number.
  scan(f, ID18_RE, "id", (m) => (m[1]! + m[3]! + m[5]!).toUpperCase(), idHide, opts, out);
  scan(f, ID15_RE, "id", (m) => m[1]! + m[3]! + m[5]!, idHide, opts, out);
  scan(f, PHONE_RE, "phone", (m) => m[2]! + m[4]! + m[6]!, phoneHide, opts, out);
  scan(f, LANDLINE_RE, "landline", (m) => m[1]! + m[3]! + m[4]!, landlineHide, opts, out);
  return out;
}

/** `s` with invisible characters as spaces, one for one: where they stood between two numbers. */
function invisibleAsSpaces(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (INVISIBLE[s.charCodeAt(i)] !== 1) continue;
    out += `${s.slice(from, i)} `;
    from = i + 1;
  }
  return out + s.slice(from);
}

function findAll(text: string, opts: FindOptions): Found[] {
  if (typeof text !== "string" || text.length < MIN_DIGITS) return [];
  if (tooFewDigits(text)) return [];
  const { text: f, at } = fold(text);
  const found = scanAll(f, opts);
  if (!at) return found.sort((a, b) => a.start - b.start);
  // Back to positions in the text as given (a span ends after its last character).
  const out = found.map((o) => ({
    ...o,
    start: at[o.start]!,
    end: at[o.end - 1]! + 1,
    hideFrom: at[o.hideFrom]!,
    hideTo: at[o.hideTo - 1]! + 1,
  }));
  // An invisible character may also stand between a number and the next (13812345678\u200b2份).
  for (const o of scanAll(fold(invisibleAsSpaces(text)).text, opts))
    if (!out.some((p) => p.start < o.end && o.start < p.end)) out.push(o);
  return out.sort((a, b) => a.start - b.start);
}

function span(f: Found): PersonalDataSpan {
  return { kind: f.kind, start: f.start, end: f.end, digits: f.digits, insideIdentifier: f.insideIdentifier };
}

/** Mobile and ID-card numbers in `text`, in order, never overlapping. */
export function findPersonalData(text: string, opts: FindOptions = {}): PersonalDataSpan[] {
  return findAll(text, opts).map(span);
}

/** Mobile numbers in `text`, in order, each with its 11 digits. */
export function findPhones(text: string, opts: FindOptions = {}): PersonalDataSpan[] {
  return findPersonalData(text, opts).filter((p) => p.kind === "phone");
}

/** ID-card numbers in `text`, in order. */
export function findIdNumbers(text: string, opts: FindOptions = {}): PersonalDataSpan[] {
  return findPersonalData(text, opts).filter((p) => p.kind === "id");
}

/** Some mobile, ID-card or landline number is written in `text` unmasked. */
export function hasPersonalData(text: string, opts: FindOptions = {}): boolean {
  return findAll(text, opts).length > 0;
}

/**
 * `text` with every mobile, ID-card and landline number masked, keeping a recognisable shape and
 * the text's length (so spans found in it stay valid): 13812345678 → 138****5678,
 * +86 138-1234-5678 → +86 138-****-5678, 110101199003071234 → 110101********1234 (the birth
 * date hidden), 0571-88123456 → 0571-****3456. Everything else is left exactly as it was
 * (full-width digits stay full-width).
 */
export function maskPersonalData(text: string, opts: FindOptions = {}): string {
  if (typeof text !== "string") return "";
  const found = findAll(text, opts);
  if (found.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const f of found) {
    out += text.slice(pos, f.hideFrom);
    // The digits hidden; invisible characters between them stay, so the length stays.
    for (let i = f.hideFrom; i < f.hideTo; i++) out += isDigitAt(text, i) ? "*" : text[i]!;
    pos = f.hideTo;
  }
  return out + text.slice(pos);
}
