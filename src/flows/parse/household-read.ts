/**
 * One household address read at a position of the text (tryParseAt, for scanHouseholds in
 * household.ts): numbers and their markers, outermost first, or a dashed 3-2-501, checked against
 * what comes before and after so that dates, prices and counts are not taken for addresses.
 */
import { isDigit, isLowerLatin } from "./normalize";
import { afterMarkerGap, badAfter, badBefore, isBuildingLetterMarker, readMarker, readNumber } from "./household-marks";
import type { HouseholdSpan, Level } from "./household-span";

interface Part {
  text: string;
  level: Level;
  digits: number;
}

export function tryParseAt(s: string, start: number, loose: boolean): HouseholdSpan | null {
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
