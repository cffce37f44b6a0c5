/**
 * Several households in one message that is not a 接龙 (5-2-301 大套餐一份；5-2-302 小套餐两份, a
 * volunteer's 代下单 for two neighbours on two lines, 6-101和6-102各要一份中套餐): one entry per
 * household, in the order written. Each household's goods are the goods written with it — after
 * it (household first) or before it (goods first) — or, when all the goods follow the list of
 * households with 各 / 每户 / 都, each household gets them all. One household's goods are never
 * put on another's: when the message gives several households and one set of goods without
 * saying "each", what it wants cannot be told (`unclear`).
 */
import type { CatalogIndex } from "./catalog-index";
import type { HouseholdSpan } from "./household";
import type { JielongEntry } from "./schema";
import { readSegment, type Segment } from "./segment";
import { isGoods } from "./tokens";

export type MultiHousehold =
  | { readonly kind: "entries"; readonly entries: JielongEntry[] }
  | { readonly kind: "unclear" }
  /** 我是3-1-201的志愿者 帮3-1-101下单: one of the households is the one ordered for. */
  | { readonly kind: "one"; readonly household: HouseholdSpan };

const EACH_RE = /各|每户|每家|每人|分别|都要|都来|都订|都是|一人一|一家一|一户一|\beach\b|both/;
const MAX_HOUSEHOLDS = 5000;
// 帮 3-1-101 / 给3-1-101 / 替 …: the household ordered for.
const PROXY_BEFORE_RE = /(?:帮|给|替|代)\s*$/;

function hasGoods(seg: Segment): boolean {
  return seg.bound.items.length > 0 || seg.bound.rejected.length > 0;
}

/** The last clause break (line, ；) in low[from, to), or -1. Looks only inside the range. */
function lastBreak(low: string, from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) {
    const c = low[k];
    if (c === "\n" || c === "；" || c === ";") return k;
  }
  return -1;
}

/** The households written in full (two parts or more), in order, one span per household. */
function distinctFull(spans: readonly HouseholdSpan[]): HouseholdSpan[] {
  const seen = new Set<string>();
  const out: HouseholdSpan[] = [];
  for (const h of spans) {
    if (h.parts < 2 || seen.has(h.household)) continue;
    seen.add(h.household);
    out.push(h);
  }
  return out;
}

function entryOf(seg: Segment, household: string): JielongEntry {
  return { household, name: seg.name?.name ?? null, items: seg.bound.items, rejected: seg.bound.rejected };
}

/** For each gap around the households (before the first, between two, after the last): goods named in it? */
function goodsAround(whole: Segment, hs: readonly HouseholdSpan[]): boolean[] {
  const out = new Array<boolean>(hs.length + 1).fill(false);
  let gap = 0;
  for (const t of whole.toks) {
    while (gap < hs.length && t.s >= hs[gap]!.start) gap++;
    if (isGoods(t) || t.k === "qty") out[gap] = true;
  }
  return out;
}

/**
 * The entries of a message that orders for several households (`whole`: the message read as one
 * segment), `unclear` when it names several households and goods but not whose goods are whose,
 * or null when it names fewer than two or its goods cannot be shared out.
 */
export function readMultiHousehold(
  norm: string,
  low: string,
  whole: Segment,
  index: CatalogIndex,
): MultiHousehold | null {
  const hs = distinctFull(whole.households);
  if (hs.length < 2) return null;
  // A group holds at most 500 people; this only bounds the work a pasted text can cause.
  if (hs.length > MAX_HOUSEHOLDS) return { kind: "unclear" };
  const read = (a: number, b: number): Segment =>
    readSegment(norm.slice(a, b), low.slice(a, b), index, { packageContext: false, defaultSku: null });
  const n = hs.length;
  const around = goodsAround(whole, hs);
  const pre = around[0]!;
  const post = around[n]!;
  const between = around.slice(1, n);
  const betweenAllGoods = between.every((g) => g);
  const betweenNoGoods = between.every((g) => !g);

  // Household first: each household with the goods after it, up to the clause before the next one.
  if (!pre && betweenAllGoods && post) {
    const entries: JielongEntry[] = [];
    for (let i = 0; i < n; i++) {
      const start = i === 0 ? hs[0]!.start : cutBefore(low, hs[i - 1]!.end, hs[i]!.start);
      const end = i + 1 < n ? cutBefore(low, hs[i]!.end, hs[i + 1]!.start) : low.length;
      const seg = read(start, end);
      if (!hasGoods(seg)) return null;
      entries.push(entryOf(seg, hs[i]!.household));
    }
    return { kind: "entries", entries };
  }
  // Goods first: 小套餐一份 5-2-301；大套餐一份 5-2-302.
  if (pre && betweenAllGoods && !post) {
    const entries: JielongEntry[] = [];
    for (let i = 0; i < n; i++) {
      const start = i === 0 ? 0 : hs[i - 1]!.end;
      const seg = read(start, hs[i]!.end);
      if (!hasGoods(seg)) return null;
      entries.push(entryOf(seg, hs[i]!.household));
    }
    return { kind: "entries", entries };
  }
  // A list of households, then the goods: for each of them only when the message says so.
  if (!pre && betweenNoGoods && post) {
    const tail = low.slice(hs[0]!.start);
    if (!EACH_RE.test(tail)) {
      const proxied = hs.filter((h) => PROXY_BEFORE_RE.test(low.slice(Math.max(0, h.start - 3), h.start)));
      return proxied.length === 1 ? { kind: "one", household: proxied[0]! } : { kind: "unclear" };
    }
    const goods = read(hs[n - 1]!.end, low.length);
    if (!hasGoods(goods)) return null;
    return {
      kind: "entries",
      entries: hs.map((h) => ({
        household: h.household,
        name: null,
        items: goods.bound.items.map((i) => ({ ...i })),
        rejected: goods.bound.rejected.map((r) => ({ ...r })),
      })),
    };
  }
  return null;
}

/** Where the entry that ends before `to` stops: at the last clause break after `from`, else at `to`. */
function cutBefore(low: string, from: number, to: number): number {
  const at = lastBreak(low, from, to);
  return at >= 0 ? at + 1 : to;
}
