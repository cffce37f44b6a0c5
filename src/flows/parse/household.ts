/**
 * Households. The canonical form is the numbers of the address, outermost first, joined by
 * "-": 3栋2单元501室 / 3号楼2单元501 / 3-2-501 / 三栋二单元501 → 3-2-501, 6组23号 → 6-23.
 * A lane (Shanghai 弄, and 巷, 胡同, 里 where they are the outermost numbered part) comes first,
 * the 号 after it is the building: 58弄12号601室 → 58-12-601 (60弄12号601室 is 60-12-601),
 * 3巷15号 → 3-15. A branch lane (支弄) off the lane is the next part in: 300弄15支弄8号601室 →
 * 300-15-8-601. The road before the lane carries no number and is not part of the form.
 * The scanner only reports what is written: it never completes or guesses an address.
 */
import { findPersonalData } from "../../domain/personal-data";
import { blankSpans, dropInvisible, isDigit, isLatin, isLowerLatin, normalizeText } from "./normalize";
import { cnRunEnd, isCnNumeral, parseCnNumber } from "./numerals";
import { scanEnglishAddress } from "./household-en";
import type { HouseholdSpan, Level } from "./household-span";

export type { HouseholdSpan } from "./household-span";

interface Part {
  text: string;
  level: Level;
  digits: number;
}

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
const AFTER_NUMBER = new Uint8Array(65536);
for (const ch of "号栋幢座#楼单门室户组队社小期区弄巷胡里支") AFTER_NUMBER[ch.charCodeAt(0)] = 1;
for (const ch of "-/_.、") AFTER_NUMBER[ch.charCodeAt(0)] = 2;

/** A digit, letter or dot right before; a dash only when it continues a number (2022-04-15), not after a name (王五-3-2-501). */
function badBefore(s: string, start: number): boolean {
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
function badAfter(s: string, end: number): boolean {
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

function readNumber(s: string, pos: number): Num | null {
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
function readMarker(s: string, pos: number): { kind: MarkerKind; end: number } | null {
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

function isBuildingLetterMarker(s: string, pos: number): boolean {
  const ch = s[pos];
  return ch === "栋" || ch === "座" || ch === "幢" || ch === "区" || (ch === "号" && s[pos + 1] === "楼");
}

/** Position after spaces and at most one '-' or '/' following a marker, if a number follows; else -1. */
function afterMarkerGap(s: string, pos: number, allowSpace = true): number {
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

function tryParseAt(s: string, start: number, loose: boolean): HouseholdSpan | null {
  const parts: Part[] = [];
  let pos = start;
  let dashed = false;
  let end = start;
  let lastUnmarkedFrom = -1;
  let dots = 0;
  // 6、1、402: a list comma between the numbers, never mixed with dashes.
  let commas = 0;
  let dashedRoom = false;
  const first = s.charCodeAt(start);
  if (isLowerLatin(first)) {
    if (!isBuildingLetterMarker(s, start + 1)) return null;
    const m = readMarker(s, start + 1)!;
    parts.push({ text: s[start]!.toUpperCase(), level: "building", digits: 1 });
    pos = end = m.end;
    const g = afterMarkerGap(s, pos);
    if (g < 0) return null; // a lone "A栋" is not a household
    pos = g;
  }
  while (parts.length < 5) {
    const num = readNumber(s, pos);
    if (!num) break;
    if (dashed && num.cn) break;
    const mk = readMarker(s, num.end);
    const prevLevel = parts.length ? parts[parts.length - 1]!.level : null;
    let kind: Level | null = null;
    if (mk) {
      switch (mk.kind) {
        case "hao":
          // 58弄12号601室: after a lane, 号 numbers the building.
          if (prevLevel === "lane") kind = "building";
          else if (parts.length) kind = "room";
          else if (afterMarkerGap(s, mk.end, false) >= 0) kind = "building"; // 3号2单元; a lone 5号 is a date
          break;
        case "lou":
          if (!parts.length && afterMarkerGap(s, mk.end, false) >= 0) kind = "building";
          else if (parts.length && !num.cn) {
            // 3栋2单元5楼501: the floor is not part of the address; the room follows it.
            const g = afterMarkerGap(s, mk.end);
            if (g >= 0 && isDigit(s.charCodeAt(g))) {
              pos = g;
              continue;
            }
          }
          break;
        case "dan":
        case "men":
          if (prevLevel === "building" || prevLevel === "zone") kind = "unit";
          break;
        case "zone":
          if (!parts.length && afterMarkerGap(s, mk.end) >= 0) kind = "zone";
          break;
        case "lane":
          // Only outermost, and only with more of the address after it (58弄团购 is no household).
          if (!parts.length && afterMarkerGap(s, mk.end) >= 0) kind = "lane";
          break;
        case "sublane":
          // 300弄15支弄8号601室: a branch lane numbers the next part in, and the 号 after it is still the building.
          // Written without its lane (15支弄8号), it is the outermost part, like a lane.
          if ((prevLevel === "lane" && parts.length === 1) || (!parts.length && afterMarkerGap(s, mk.end) >= 0))
            kind = "lane";
          break;
        default:
          kind = mk.kind;
      }
      if (kind === null) {
        if (
          mk.kind === "hao" ||
          mk.kind === "lou" ||
          mk.kind === "dan" ||
          mk.kind === "men" ||
          mk.kind === "zone" ||
          mk.kind === "lane" ||
          mk.kind === "sublane"
        )
          break;
      }
    }
    if (kind !== null && mk) {
      parts.push({ text: num.text, level: kind, digits: num.digits });
      lastUnmarkedFrom = -1;
      pos = end = mk.end;
      if (kind === "room") break;
      const g = afterMarkerGap(s, pos);
      if (g < 0) break;
      pos = g;
      continue;
    }
    // A bare number: the room after 栋/单元/组, or one group of a dashed address.
    if (num.cn && parts.length === 0) break;
    if (num.cn && !(prevLevel === "building" || prevLevel === "unit" || prevLevel === "group")) break;
    parts.push({ text: num.text, level: "none", digits: num.digits });
    lastUnmarkedFrom = pos;
    pos = end = num.end;
    const sep = s[pos];
    // 3-2-501室 / 3-2-501号: a room marker after a dashed address.
    if (
      (sep === "室" ||
        sep === "户" ||
        (sep === "号" && s[pos + 1] !== "楼" && (parts.length >= 3 || num.digits >= 3))) &&
      parts.length >= 2
    ) {
      parts[parts.length - 1]!.level = "room";
      lastUnmarkedFrom = -1;
      end = pos + 1;
      if (dashed && dots === 0) dashedRoom = true;
      break;
    }
    if (
      (sep === "-" || sep === "/" || sep === "_" || sep === "." || sep === "、") &&
      isDigit(s.charCodeAt(pos + 1)) &&
      !num.cn
    ) {
      if ((sep === "、") !== commas > 0 && parts.length > 1) break;
      if (sep === "、") commas++;
      if (sep === ".") dots++;
      dashed = true;
      pos += 1;
      continue;
    }
    break;
  }
  if (parts.length === 0) return null;

  // 3.2.501 is an address; 1.5 or 2.5.1 are not.
  if (dots > 0 && (dots !== 2 || parts.length !== 3 || parts[2]!.digits < 3 || parts[0]!.level !== "none")) return null;
  // 6、1、402 is an address; 1、2、3 (a list) and 2、100 are not.
  if (
    commas > 0 &&
    (parts.length < 3 ||
      parts.some((p) => p.level !== "none") ||
      parts[parts.length - 1]!.digits < 3 ||
      parts[0]!.digits > 2)
  )
    return null;
  const marked = parts.some((p) => p.level !== "none") && !dashedRoom;
  const after = s[end];
  if (!marked) {
    // 3-2-501-100元套餐: a price or a count joined on by a dash is not part of the address.
    if (
      dashed &&
      commas === 0 &&
      dots === 0 &&
      !dashedRoom &&
      parts.length >= 4 &&
      lastUnmarkedFrom > 0 &&
      badAfter(s, end) &&
      s[lastUnmarkedFrom - 1] === "-"
    ) {
      parts.pop();
      end = lastUnmarkedFrom - 1;
    }
    if (!dashed || parts.length < 2 || parts.length > 4) return null;
    if (parts[0]!.digits > 3) return null;
    const minLast = loose ? 1 : 2;
    if (parts[parts.length - 1]!.digits < minLast) return null;
    if (!dashedRoom && badAfter(s, end)) return null;
    if (badBefore(s, start)) return null;
  } else {
    if (!isLowerLatin(first) && s[start - 1] !== "#" && badBefore(s, start)) return null;
    // A trailing bare number followed by a unit is a quantity (3栋2份), not a room.
    if (lastUnmarkedFrom >= 0 && badAfter(s, end) && after !== "-") {
      parts.pop();
      end = lastUnmarkedFrom;
      while (
        end > start &&
        (s[end - 1] === " " ||
          s[end - 1] === "-" ||
          s[end - 1] === "/" ||
          s[end - 1] === "," ||
          s[end - 1] === "、" ||
          s[end - 1] === "的")
      )
        end--;
    }
    if (parts.length === 0) return null;
    if (parts.length === 1) {
      const lv = parts[0]!.level;
      if (lv !== "building" && lv !== "room") return null;
    }
  }
  return { start, end, household: parts.map((p) => p.text).join("-"), parts: parts.length, marked };
}

function runEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    let j = i;
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    return j;
  }
  if (isCnNumeral(c)) return cnRunEnd(s, i);
  return i + 1;
}

/** Every address-like span, in text order. `s` is normalised lower-case text with phones blanked. */
export function scanHouseholds(s: string, loose = false): HouseholdSpan[] {
  const out: HouseholdSpan[] = [];
  const n = s.length;
  let i = 0;
  let sawLatin = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || isCnNumeral(c)) {
      const prev = s.charCodeAt(i - 1);
      const runTo = runEnd(s, i);
      // Cheap test first: an address number is followed by a marker (栋, 单元, 组 …) or a dash.
      const after = s.charCodeAt(runTo);
      const promising = AFTER_NUMBER[after] === 1 || (AFTER_NUMBER[after] === 2 && isDigit(c));
      if (promising && (i === 0 || !isDigit(prev))) {
        const cand = tryParseAt(s, i, loose);
        if (cand) {
          out.push(cand);
          i = Math.max(cand.end, i + 1);
          continue;
        }
      }
      i = runTo;
      continue;
    }
    if (isLowerLatin(c)) {
      sawLatin = true;
      if (isBuildingLetterMarker(s, i + 1) && !isLatin(s.charCodeAt(i - 1))) {
        const cand = tryParseAt(s, i, loose);
        if (cand) {
          out.push(cand);
          i = cand.end;
          continue;
        }
      }
    }
    i++;
  }
  if (sawLatin && out.length === 0) scanEnglishAddress(s, out);
  return out;
}

/** The best of the candidates: the first full address (two parts or more), else the first one. */
export function pickHousehold(spans: readonly HouseholdSpan[]): HouseholdSpan | null {
  for (const h of spans) if (h.parts >= 2) return h;
  return spans[0] ?? null;
}

/** The canonical household written in `text`, or null. */
export function canonicalHousehold(text: string): string | null {
  if (typeof text !== "string" || text.length === 0) return null;
  const { low } = normalizeText(dropInvisible(text));
  const masked = blankSpans(
    low,
    findPersonalData(low, { insideIdentifiers: true }).map((p) => [p.start, p.end] as const),
  );
  return pickHousehold(scanHouseholds(masked))?.household ?? null;
}

// Form-style messages: 楼号：5号楼 / 单元：2 / 门牌：301, one field a line.
const LABELLED_RE =
  /(楼栋号|楼栋|楼号|栋号|栋数|楼|栋|单元号|单元|门牌号|门牌|房号|房间号|房间|室号|户号|组别|村组|小组|组)[ \t]*[:：][ \t]*(?:第[ \t]*)?([0-9]{1,4}|[零〇一二两三四五六七八九十]{1,4})[ \t]*(号楼|号房|号|栋|幢|单元|门|室|户|组|楼)?/g;

function labelLevel(label: string): Level {
  if (label.includes("单元")) return "unit";
  if (label.includes("组")) return "group";
  if (label.includes("楼") || label.includes("栋")) return "building";
  return "room";
}

/** The household of a form-style message (labelled fields, one a line), or null. */
export function scanLabelledHousehold(s: string): { span: HouseholdSpan; spans: [number, number][] } | null {
  if (s.indexOf(":") < 0 && s.indexOf("：") < 0) return null;
  const found: Partial<Record<Level, { v: string; start: number; end: number }>> = {};
  LABELLED_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LABELLED_RE.exec(s)) !== null) {
    const level = labelLevel(m[1]!);
    if (found[level]) continue;
    const raw = m[2]!;
    const v = isDigit(raw.charCodeAt(0)) ? Number(raw) : parseCnNumber(raw, 0, raw.length);
    if (v === null) continue;
    found[level] = {
      v: String(v),
      start: m.index + m[0].length - (m[3]?.length ?? 0) - raw.length,
      end: m.index + m[0].length,
    };
  }
  const order: Level[] = found.group ? ["group", "room"] : ["building", "unit", "room"];
  const got = order.map((l) => found[l]).filter((x): x is { v: string; start: number; end: number } => x !== undefined);
  if (!found.room || got.length < 2) return null;
  const start = Math.min(...got.map((g) => g.start));
  const end = Math.max(...got.map((g) => g.end));
  return {
    span: { start, end, household: got.map((g) => g.v).join("-"), parts: got.length, marked: true },
    spans: got.map((g) => [g.start, g.end] as [number, number]),
  };
}
