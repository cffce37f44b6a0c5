/**
 * The characters of a written household address, read one at a time for the scanners of
 * household.ts and household-read.ts: a number (Arabic or Chinese), the marker after it
 * (栋, 单元, 室, 组, 弄 …), the gap to the next number, and the characters before and after a
 * bare number that make it a date, a price or a count rather than an address.
 */
import { isDigit, isLowerLatin } from "./normalize";
import { cnRunEnd, isCnNumeral, parseCnNumber } from "./numerals";
import type { Level } from "./household-span";

// After a bare dashed number these mean a date, a time, a price or a quantity, not an address.
const BAD_AFTER = new Set(
  Array.from(
    "元块号日月点时分秒%年岁斤份个盒袋箱瓶桶罐包提条只件天周次人克升楼层./~0123456789abcdefghijklmnopqrstuvwxyz",
  ),
);
const INSIDE_ADDRESS = new Set(Array.from("栋幢座楼元门组"));
// What a marker of an address follows: a number, 号 (3号楼), 元 (单元门), 单 (单门).
const MARKED_NUMBER = /^[0-9零〇一二两三四五六七八九十百号元单]$/;
const BAD_BEFORE_DASHED = new Set(Array.from(".-/:+_~#0123456789abcdefghijklmnopqrstuvwxyz"));

// 1: a marker may start here; 2: a dash of a dashed address (only after Arabic digits).
export const AFTER_NUMBER = new Uint8Array(65536);
for (const ch of "号栋幢座#楼单门室户组队社小期区弄巷胡里支") AFTER_NUMBER[ch.charCodeAt(0)] = 1;
for (const ch of "-/_.、") AFTER_NUMBER[ch.charCodeAt(0)] = 2;

/** A digit, letter or dot right before; a dash only when it continues a number (2022-04-15), not after a name (王五-3-2-501). */
export function badBefore(s: string, start: number): boolean {
  const before = s[start - 1];
  if (before === undefined) return false;
  // Right after 栋/单元/组 of an address that did not parse: a fragment of it, not an address.
  // (Only a marker after a number is one: 对门5-2-602, 大楼3-2-501 are words before an address.)
  if (INSIDE_ADDRESS.has(before) && MARKED_NUMBER.test(s[start - 2] ?? "")) return true;
  if (!BAD_BEFORE_DASHED.has(before)) return false;
  if (before === "-" || before === "/" || before === "_") {
    const b2 = s.charCodeAt(start - 2);
    return isDigit(b2) || isLowerLatin(b2) || s[start - 2] === "-" || s[start - 2] === ".";
  }
  // 地址:3-2-501 is an address; 10:30-11:30 is not.
  if (before === ":") return isDigit(s.charCodeAt(start - 2));
  return true;
}

/** After a bare number: a unit, 元, a date or time mark, or a digit/letter glued on. */
export function badAfter(s: string, end: number): boolean {
  const after = s[end];
  if (after === undefined) return false;
  // 3-2-501/王五 and 3-2-501.  end an address; 4/15/2022 and 1.5 do not.
  if (after === "/" || after === "." || after === "~") return isDigit(s.charCodeAt(end + 1));
  return BAD_AFTER.has(after);
}

interface Num {
  text: string;
  value: number;
  end: number;
  digits: number;
  cn: boolean;
}

export function readNumber(s: string, pos: number): Num | null {
  const c = s.charCodeAt(pos);
  if (isDigit(c)) {
    let j = pos;
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    if (j - pos > 4) return null;
    let value = 0;
    for (let k = pos; k < j; k++) value = value * 10 + (s.charCodeAt(k) - 48);
    return { text: String(value), value, end: j, digits: j - pos, cn: false };
  }
  if (isCnNumeral(c)) {
    const j = cnRunEnd(s, pos);
    const v = parseCnNumber(s, pos, j);
    if (v === null || v > 9999) return null;
    return { text: String(v), value: v, end: j, digits: String(v).length, cn: true };
  }
  return null;
}

type MarkerKind = Level | "hao" | "lou" | "dan" | "men" | "sublane";
export function readMarker(s: string, pos: number): { kind: MarkerKind; end: number } | null {
  const ch = s[pos];
  const nx = s[pos + 1];
  switch (ch) {
    case "号":
      if (nx === "楼") return { kind: "building", end: s[pos + 2] === "栋" ? pos + 3 : pos + 2 };
      if (nx === "门") return { kind: "unit", end: pos + 2 };
      if (nx === "院") return { kind: "zone", end: pos + 2 };
      if (nx === "房" || nx === "室") return { kind: "room", end: pos + 2 };
      return { kind: "hao", end: pos + 1 };
    case "栋":
      return { kind: "building", end: nx === "楼" ? pos + 2 : pos + 1 };
    case "幢":
    case "座":
    case "#":
      return { kind: "building", end: pos + 1 };
    case "楼":
      return { kind: "lou", end: pos + 1 };
    case "单":
      if (nx === "元") return { kind: "unit", end: s[pos + 2] === "门" ? pos + 3 : pos + 2 };
      return { kind: "dan", end: pos + 1 };
    case "门":
      return { kind: "men", end: pos + 1 };
    case "室":
    case "户":
      return { kind: "room", end: pos + 1 };
    case "组":
    case "队":
    case "社":
      return { kind: "group", end: pos + 1 };
    case "小":
      if (nx === "组") return { kind: "group", end: pos + 2 };
      return null;
    case "期":
    case "区":
      return { kind: "zone", end: pos + 1 };
    case "弄":
    case "巷":
      return { kind: "lane", end: pos + 1 };
    case "支":
      // 300弄15支弄8号: a branch lane off the lane.
      if (nx === "弄" || nx === "巷") return { kind: "sublane", end: pos + 2 };
      return null;
    case "胡":
      if (nx === "同") return { kind: "lane", end: pos + 2 };
      return null;
    case "里":
      // 4里12号: a lane only when a number follows it at once (一百里路, 家里 are not).
      return afterMarkerGap(s, pos + 1, false) >= 0 ? { kind: "lane", end: pos + 1 } : null;
    default:
      return null;
  }
}

export function isBuildingLetterMarker(s: string, pos: number): boolean {
  const ch = s[pos];
  return ch === "栋" || ch === "座" || ch === "幢" || ch === "区" || (ch === "号" && s[pos + 1] === "楼");
}

/** Position after spaces and at most one '-' or '/' following a marker, if a number follows; else -1. */
export function afterMarkerGap(s: string, pos: number, allowSpace = true): number {
  let j = pos;
  if (allowSpace) while (s.charCodeAt(j) === 0x20) j++;
  // 三栋二单元的五零一: spoken (voice input) with 的 before a room number (not 三组的两位老人).
  if (allowSpace && s[j] === "的" && roomDigitsAt(s, j + 1)) j++;
  if (s[j] === "-" || s[j] === "/" || (allowSpace && (s[j] === "," || s[j] === "、"))) j++;
  if (allowSpace) while (s.charCodeAt(j) === 0x20) j++;
  const c = s.charCodeAt(j);
  return isDigit(c) || isCnNumeral(c) ? j : -1;
}

/** Three digits or more (501, 五零一) at `i`: a room number. */
function roomDigitsAt(s: string, i: number): boolean {
  let k = i;
  while (k < s.length && (isDigit(s.charCodeAt(k)) || "零〇一二三四五六七八九".includes(s[k]!))) k++;
  return k - i >= 3;
}

export function runEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    let j = i;
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    return j;
  }
  if (isCnNumeral(c)) return cnRunEnd(s, i);
  return i + 1;
}
