/** Mainland mobile numbers: found so they are never read as an address or a quantity, and masked in logs. */

// 11 digits 1[3-9]x, optionally +86 / 86 in front, optionally split 3-4-4 by a space or a dash.
const PHONE_RE = /(?<![0-9])(?:\+?86[ -]?)?(1[3-9][0-9])([ -]?)([0-9]{4})\2([0-9]{4})(?![0-9])/g;
const PHONE_ANY_DIGITS_RE = /(?<![0-9０-９])(1[3-9３-９][0-9０-９])([ -]?)([0-9０-９]{4})\2([0-9０-９]{4})(?![0-9０-９])/g;

export interface PhoneSpan {
  readonly start: number;
  readonly end: number;
  /** The 11 digits. */
  readonly digits: string;
}

/** Phone numbers in already-normalised text (ASCII digits). */
export function findPhones(norm: string): PhoneSpan[] {
  if (norm.length < 11) return [];
  const out: PhoneSpan[] = [];
  PHONE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE_RE.exec(norm)) !== null) {
    out.push({ start: m.index, end: m.index + m[0].length, digits: m[1]! + m[3]! + m[4]! });
  }
  return out;
}

/** `13812345678` → `138****5678`, for every mainland mobile number in the string. */
export function maskPhone(text: string): string {
  if (typeof text !== "string" || text.length < 11) return typeof text === "string" ? text : "";
  PHONE_ANY_DIGITS_RE.lastIndex = 0;
  return text.replace(PHONE_ANY_DIGITS_RE, (_m, a: string, sep: string, _b: string, c: string) => `${a}${sep}****${sep}${c}`);
}
