/** Addresses written in English: "Building 3, Unit 2, Room 501", "Group 6 No. 23". */
import type { HouseholdSpan, Level } from "./household-span";

const EN_ADDRESS_WORDS: Record<string, Level> = {
  building: "building",
  bldg: "building",
  block: "building",
  blk: "building",
  tower: "building",
  unit: "unit",
  entrance: "unit",
  room: "room",
  rm: "room",
  apt: "room",
  apartment: "room",
  flat: "room",
  group: "group",
  no: "room",
};
const EN_ADDRESS_RE =
  /\b(building|bldg|block|blk|tower|unit|entrance|room|rm|apt|apartment|flat|group|no)\.?\s*(?:#\s*)?(\d{1,4})\b/g;
const BETWEEN_PARTS_RE = /^[\s,，]*$/;

interface Run {
  start: number;
  end: number;
  parts: string[];
  levels: Level[];
}

const RANK: Partial<Record<Level, number>> = { group: 0, building: 0, unit: 1, room: 2 };

function flush(cur: Run | null, out: HouseholdSpan[]): void {
  if (!cur) return;
  // Room 501, Building 3: written inside out; the household is outermost first.
  if (cur.parts.length > 1) {
    const order = cur.parts.map((p, k) => ({ p, l: cur.levels[k]!, k }));
    order.sort((a, b) => (RANK[a.l] ?? 1) - (RANK[b.l] ?? 1) || a.k - b.k);
    cur.parts = order.map((o) => o.p);
    cur.levels = order.map((o) => o.l);
  }
  const ok = cur.parts.length >= 2 || cur.levels[0] === "building" || cur.levels[0] === "room";
  // A lone "room 5" / "no. 3" is too little to be an address.
  if (ok && !(cur.parts.length === 1 && cur.levels[0] === "room" && cur.parts[0]!.length < 3))
    out.push({ start: cur.start, end: cur.end, household: cur.parts.join("-"), parts: cur.parts.length, marked: true });
}

/** Appends the English addresses in `s` (lower-cased) to `out`. */
export function scanEnglishAddress(s: string, out: HouseholdSpan[]): void {
  EN_ADDRESS_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let cur: Run | null = null;
  while ((m = EN_ADDRESS_RE.exec(s)) !== null) {
    const level = EN_ADDRESS_WORDS[m[1]!]!;
    if (m[1] === "no" && !(cur && cur.levels[cur.levels.length - 1] === "group")) continue;
    if (cur && !BETWEEN_PARTS_RE.test(s.slice(cur.end, m.index))) {
      flush(cur, out);
      cur = null;
    }
    if (!cur) cur = { start: m.index, end: m.index, parts: [], levels: [] };
    cur.parts.push(String(Number(m[2]!)));
    cur.levels.push(level);
    cur.end = m.index + m[0].length;
  }
  flush(cur, out);
}
