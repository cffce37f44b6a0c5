/**
 * WeChat 接龙 lists: a header (#接龙, #接龍, #Group Note), a title line, an optional example
 * line (例 / 例：), then numbered entries (1. / 1、 / 1) / (1) …), one a line or flattened onto one.
 * Every participant reposts the whole list; src/flows/decide/list.ts reads each repost against the stored one.
 * No entry is dropped without a word: numbers run past 1000, a flattened list may skip one, a
 * line typed without its number that orders for a household is an entry, and an entry that
 * cannot be read is still an entry (no household, or a refusal) for the bot to answer.
 */
import { maskPersonalData } from "../../domain/personal-data";
import type { CatalogIndex } from "./catalog-index";
import { isDigit } from "./normalize";
import type { JielongEntry } from "./schema";
import { isCnNumeral } from "./numerals";
import { pickHousehold, scanHouseholds } from "./household";
import { readSegment, type Segment } from "./segment";

const HEADER_RE = /^[\s]*(?:#\s*(?:接龙|group\s*note)|【接龙】|接龙(?=[\s:：]))[\s:：]*/;
const EXAMPLE_RE = /^(?:例|格式|示例|举例|例如|样例|example|e\.g\.)/;
const MARKERS = new Set(Array.from(".、)）．:："));
const ADDRESS_AFTER = new Set(Array.from("-#/栋幢号组单楼弄巷胡里"));
// A WeChat group holds at most 500 people; this only bounds the work a pasted text can cause.
const MAX_ENTRIES = 5000;
const MAX_MARKER_DIGITS = 5;

export interface JielongList {
  readonly title: string;
  readonly entries: JielongEntry[];
}

/** End of the 接龙 header in `low`, or -1 when the message is not a 接龙 list. */
export function jielongHeaderEnd(low: string): number {
  const m = HEADER_RE.exec(low.length > 200 ? low.slice(0, 200) : low);
  return m ? m[0].length : -1;
}

/** ①…⑳, ⑴…⒇, ⒈…⒛: the number, else 0. */
function circledNumber(c: number): number {
  if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;
  if (c >= 0x2474 && c <= 0x2487) return c - 0x2474 + 1;
  if (c >= 0x2488 && c <= 0x249b) return c - 0x2488 + 1;
  return 0;
}

interface Marker {
  start: number; // where the number starts
  end: number; // after the marker character
  num: number;
}

/** A list number at `p` ("12." / "3、" / "4)" / "(5)" / "1000."), or null. */
function markerAt(low: string, p: number, lineEnd: number): Marker | null {
  const circled = circledNumber(low.charCodeAt(p));
  if (circled > 0) return { start: p, end: p + 1, num: circled };
  if (low[p] === "(" || low[p] === "（") {
    let k = p + 1;
    while (k < lineEnd && k - p <= MAX_MARKER_DIGITS && isDigit(low.charCodeAt(k))) k++;
    if (k === p + 1 || (low[k] !== ")" && low[k] !== "）")) return null;
    return { start: p, end: k + 1, num: Number(low.slice(p + 1, k)) };
  }
  let j = p;
  while (j < lineEnd && j - p < MAX_MARKER_DIGITS && isDigit(low.charCodeAt(j))) j++;
  if (j === p || isDigit(low.charCodeAt(j))) return null;
  const m = low[j];
  // 1️⃣ (a keycap emoji): the digit, U+FE0F, U+20E3.
  if (m === "\u20e3" || (m === "\ufe0f" && low[j + 1] === "\u20e3"))
    return { start: p, end: m === "\u20e3" ? j + 1 : j + 2, num: Number(low.slice(p, j)) };
  if (m === undefined || !MARKERS.has(m)) return null;
  if ((m === "." || m === ":" || m === "：") && isDigit(low.charCodeAt(j + 1))) {
    // 1.6-1-101 is an entry; 1.5斤 is a number.
    let k = j + 1;
    while (isDigit(low.charCodeAt(k))) k++;
    if (!ADDRESS_AFTER.has(low[k] ?? "")) return null;
  }
  return { start: p, end: j + 1, num: Number(low.slice(p, j)) };
}

/** An address right after a list number (5-1-104, 3栋, 七组): digits or a Chinese numeral, then an address mark. */
function addressAt(low: string, p: number, lineEnd: number): boolean {
  let k = p;
  while (k < lineEnd && low[k] === " ") k++;
  const start = k;
  while (k < lineEnd && k - start < 4 && (isDigit(low.charCodeAt(k)) || isCnNumeral(low.charCodeAt(k)))) k++;
  return k > start && ADDRESS_AFTER.has(low[k] ?? "");
}

function ordersForHousehold(seg: Segment): boolean {
  const b = seg.bound;
  return seg.household !== null && (b.knownGoods > 0 || b.unknownGoods > 0 || b.looseQty.length > 0);
}

const EXAMPLE_IN_LINE_RE = /(?:例|格式|示例|举例|例如|样例|example|e\.g\.)\s*[:：].*$/;
const PRICE_RE = /[0-9一二三四五六七八九十百]+\s*(?:元|块|rmb|yuan)|¥/;
// A套餐50, 套餐B=100, A. 50元套餐, A 50元: a letter and the price of the package it stands for.
const LEGEND_RE =
  /(?:^|[^a-z0-9])([a-e]) ?(?:套餐)? ?[.、:：=)）]? ?(\d{1,4})(?![0-9])|套餐 ?([a-e]) ?[:：=]? ?(\d{1,4})(?![0-9])/g;

/** How many of the first numbered lines are a menu rather than entries. */
function menuLength(
  raw: readonly { from: number; to: number; unnumbered?: boolean; num?: number }[],
  low: string,
): number {
  let k = 0;
  while (
    k < raw.length &&
    !raw[k]!.unnumbered &&
    pickHousehold(scanHouseholds(low.slice(raw[k]!.from, raw[k]!.to))) === null
  )
    k++;
  if (k === 0 || k === raw.length) return 0;
  const lines = raw.slice(0, k).map((r) => low.slice(r.from, r.to));
  const numberedAgain = raw[k]!.num === 1;
  return numberedAgain || lines.every((l) => PRICE_RE.test(l.slice(0, 200))) ? k : 0;
}

/** A legend's letters and the packages they stand for, by the price written after each (A套餐50 → a → PKG50). */
function legendLabels(whole: string, index: CatalogIndex): Map<string, string> {
  const labels = new Map<string, string>();
  // A legend is a line or two; the expression is only run on the start of a long header.
  const header = whole.length > 2000 ? whole.slice(0, 2000) : whole;
  LEGEND_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LEGEND_RE.exec(header)) !== null) {
    const sku = index.packageByPrice.get(Number(m[2] ?? m[4]));
    if (sku !== undefined) labels.set((m[1] ?? m[3])!, sku);
  }
  return labels;
}

export function parseJielong(norm: string, low: string, bodyStart: number, index: CatalogIndex): JielongList {
  let title = "";
  let titleLow = "";
  const raw: { from: number; to: number; unnumbered?: boolean; num?: number }[] = [];
  // Lines between the title and the first entry: a price (100元/份), a legend (A套餐50 B套餐100).
  const headerLines: string[] = [];
  let expect = 1;
  let pos = bodyStart;
  while (pos <= low.length && raw.length < MAX_ENTRIES) {
    let lineEnd = low.indexOf("\n", pos);
    if (lineEnd < 0) lineEnd = low.length;
    let ts = pos;
    while (ts < lineEnd && (low[ts] === " " || low[ts] === "\t")) ts++;
    if (ts < lineEnd && !EXAMPLE_RE.test(low.slice(ts, Math.min(lineEnd, ts + 8)))) {
      const markers: Marker[] = [];
      for (let p = ts; p < lineEnd; p++) {
        const atStart = p === ts;
        if (
          !isDigit(low.charCodeAt(p)) &&
          circledNumber(low.charCodeAt(p)) === 0 &&
          !(atStart && (low[p] === "(" || low[p] === "（"))
        )
          continue;
        // The first entry may follow the title's colon on a flattened line (九组团购：1. 9组1号 …).
        if (!atStart && low[p - 1] !== " " && !(expect === 1 && (low[p - 1] === ":" || low[p - 1] === "："))) continue;
        const m = markerAt(low, p, lineEnd);
        // Flattened onto one line: the next number, or a later one when an address follows it
        // (1. … 2. … 4. 5-1-104 …: the list skipped 3, the household is still its own entry).
        if (m && (atStart || m.num === expect || (m.num > expect && addressAt(low, m.end, lineEnd)))) {
          markers.push(m);
          expect = m.num + 1;
          p = m.end - 1;
        }
      }
      if (markers.length === 0) {
        if (!title && raw.length === 0) {
          title = norm.slice(ts, lineEnd).trim();
          titleLow = low.slice(ts, lineEnd).trim();
        } else if (raw.length > 0) {
          raw.push({ from: ts, to: lineEnd, unnumbered: true });
        } else {
          headerLines.push(low.slice(ts, lineEnd));
        }
      } else {
        if (!title && raw.length === 0 && markers[0]!.start > ts) {
          title = norm.slice(ts, markers[0]!.start).trim();
          titleLow = low.slice(ts, markers[0]!.start).trim();
        }
        for (let k = 0; k < markers.length; k++) {
          raw.push({
            from: markers[k]!.end,
            to: k + 1 < markers.length ? markers[k + 1]!.start : lineEnd,
            num: markers[k]!.num,
          });
        }
      }
    }
    pos = lineEnd + 1;
  }

  // A numbered menu above the entries (1、小套餐50元 2、中套餐100元, then 1. 2组5号 …): its lines
  // name no household and either price goods or are numbered again by the entries below.
  const menu = menuLength(raw, low);
  for (let k = 0; k < menu; k++) headerLines.push(low.slice(raw[k]!.from, raw[k]!.to));
  const header = [titleLow.replace(EXAMPLE_IN_LINE_RE, ""), ...headerLines].join("\n");
  const labels = legendLabels(header, index);
  // In a header a price is a package's (价格：100元/份), as it is in the entries.
  const t = readSegment(header, header, index, { packageContext: true, defaultSku: null });
  const titleSkus = new Set(t.bound.items.map((i) => i.sku));
  // A legend names several packages: no one of them is the list's goods.
  const defaultSku = titleSkus.size === 1 && labels.size < 2 ? [...titleSkus][0]! : null;
  const titleRefusal =
    !defaultSku && t.bound.items.length === 0
      ? (t.bound.rejected.find((r) => r.reason === "CATEGORY_NOT_ALLOWED") ?? null)
      : null;
  const ctx = { packageContext: true, defaultSku, labels: labels.size ? labels : undefined };

  const entries: JielongEntry[] = [];
  for (const r of raw.slice(menu)) {
    const en = norm.slice(r.from, r.to);
    const el = low.slice(r.from, r.to);
    if (en.trim() === "") continue;
    // 例：3-2-501 张三 100元套餐1份, flattened into the list: a sample of the format.
    if (EXAMPLE_RE.test(el.trimStart())) continue;
    // A line without a number after the entries is a note (补充：今晚8点截止) unless it orders,
    // by itself, for a household (5-1-102 李 1罐: the number was left off).
    if (r.unnumbered && !ordersForHousehold(readSegment(en, el, index, { ...ctx, defaultSku: null }))) continue;
    const seg = readSegment(en, el, index, ctx);
    const rejected = seg.bound.rejected;
    if (titleRefusal && seg.bound.items.length === 0 && rejected.length === 0) rejected.push(titleRefusal);
    entries.push({
      household: seg.household?.household ?? null,
      name: seg.name?.name ?? null,
      items: seg.bound.items,
      rejected,
    });
  }
  // The title is shown back in the group and keys the stored list: no phone number in it.
  return { title: maskPersonalData(title, { insideIdentifiers: true }), entries };
}
