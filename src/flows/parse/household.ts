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
import { isCnNumeral, parseCnNumber } from "./numerals";
import { scanEnglishAddress } from "./household-en";
import { AFTER_NUMBER, isBuildingLetterMarker, runEnd } from "./household-marks";
import { tryParseAt } from "./household-read";
import type { HouseholdSpan, Level } from "./household-span";

export type { HouseholdSpan } from "./household-span";

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
