/**
 * Reading paired goods into what the message asks for: ordered items, refusals, medicine requests,
 * goods taken out; then the counts no goods took (loose counts). A `Reading` accumulates the result
 * across these passes; the tokens are only read.
 */
import type { CatalogIndex } from "./catalog-index";
import { followedByNamedMed, isBadQty, kept, negatedList, restates, spanText } from "./attach-context";
import type { Pairing } from "./bind-pair";
import type { MedicineRequest, RejectedItem } from "./schema";
import { isGoods, type Tok } from "./tokens";
import { GOODS_UNITS, MEASURE_UNITS } from "./units";

export const MAX_LISTED = 50;

/** Wanting to cook (要蒸, 想包, 准备做点), right before a dish: what follows is made, not ordered. */
const PURPOSE_BEFORE = /(?:要|想|准备|打算|好)(?:蒸|做|包|煮|炒|烙|炖|熬|烤|煎|炸|擀)(?:点|些|个)?\s*$/;

export interface Reading extends GoodsShape {
  /** sku → count asked for, in the order first written. */
  readonly items: Map<string, number>;
  /** Where each ordered sku was written, to quote when its total is refused. */
  readonly written: { sku: string; g: Tok; q: Tok | null }[];
  readonly rejected: RejectedItem[];
  readonly medicines: MedicineRequest[];
  readonly removed: string[];
  readonly unknownAsked: MedicineRequest[];
  /** Counts no goods took, of a unit of goods (or ×N). */
  readonly looseQty: Tok[];
}

/** What the goods of a message look like, counted while reading them (a Reading's, then the Bound result's). */
export interface GoodsShape {
  /** Some goods came with a written quantity. */
  explicitQty: boolean;
  /** Some catalog or refused goods came with a written quantity. */
  knownQty: boolean;
  /** Catalog goods or refused goods named (known goods). */
  knownGoods: number;
  /** Goods outside the catalog that came with a quantity or stand alone. */
  unknownGoods: number;
  /** Goods outside the catalog counted in a unit of goods (油条10根, 猪肉2斤, 包子×3): asked for, not talked about. */
  unknownCounted: boolean;
  /** Characters of unknown words read as goods by their count (豆角两斤): goods, not other talk. */
  goodsWordChars: number;
}

export function emptyReading(): Reading {
  return {
    items: new Map(),
    written: [],
    rejected: [],
    medicines: [],
    removed: [],
    unknownAsked: [],
    looseQty: [],
    explicitQty: false,
    knownQty: false,
    knownGoods: 0,
    unknownGoods: 0,
    unknownCounted: false,
    goodsWordChars: 0,
  };
}

export function reject(list: RejectedItem[], r: RejectedItem): void {
  if (list.length < MAX_LISTED) list.push(r);
}

function asked(list: MedicineRequest[], name: string, q: Tok | null): void {
  if (list.length < MAX_LISTED) list.push({ name, qty: q && !isBadQty(q) ? q.v : null });
}

/** Every goods token, in order: skipped (restated, kept), taken out (negated), or asked for. */
export function readGoods(toks: readonly Tok[], p: Pairing, text: string, r: Reading): Reading {
  const named = new Set<string>();
  const isNegated = negatedList(toks, p.qtyOf);
  const askedAgainAt = askedAgain(toks, p.qtyOf, isNegated);
  for (let g = 0; g < toks.length; g++) {
    const gt = toks[g]!;
    if (!isGoods(gt)) continue;
    // 一份五十元的，就是小套餐: the same goods named again, not a second one.
    const restated = gt.k === "item" && p.qtyOf[g]! < 0 && named.has(gt.sku) && restates(toks, g);
    if (gt.k === "item") named.add(gt.sku);
    if (restated) continue;
    // 鸡蛋改成一盒，牛奶不变: goods named only to say they stay as they are.
    if (kept(toks, g)) continue;
    if (isNegated[g]) {
      if (gt.k === "item" && gt.sku && !r.removed.includes(gt.sku)) r.removed.push(gt.sku);
      continue;
    }
    const q = p.qtyOf[g]! >= 0 ? toks[p.qtyOf[g]!]! : null;
    if (q) r.explicitQty = true;
    if (gt.k === "med") {
      // A kind of medicine followed by a named one (降糖药 格列美脲) is the named one.
      if (gt.generic && !q && followedByNamedMed(toks, g)) continue;
      asked(r.medicines, text.slice(gt.s, gt.e).trim(), q);
      continue;
    }
    if (gt.k === "refused") {
      r.knownGoods++;
      if (q) r.knownQty = true;
      reject(r.rejected, { text: spanText(text, gt, q), reason: "CATEGORY_NOT_ALLOWED" });
      continue;
    }
    // 俺娘要蒸馒头, 要包饺子: a dish they will make with the goods (a purpose clause), not goods asked for.
    if (gt.k === "other" && !q && PURPOSE_BEFORE.test(text.slice(Math.max(0, gt.s - 5), gt.s))) continue;
    if (gt.k === "other") {
      r.unknownGoods++;
      if (q && q.k === "qty" && (q.times || GOODS_UNITS.has(q.unit))) r.unknownCounted = true;
      asked(r.unknownAsked, text.slice(gt.s, gt.e).trim(), q);
      reject(r.rejected, { text: spanText(text, gt, q), reason: "UNKNOWN_ITEM" });
      continue;
    }
    r.knownGoods++;
    if (q) r.knownQty = true;
    if (q && isBadQty(q)) {
      reject(r.rejected, { text: spanText(text, gt, q), reason: "BAD_QUANTITY" });
      continue;
    }
    if (!q && askedAgainAt !== null && askedAgainAt[g] === 1) continue;
    r.items.set(gt.sku, (r.items.get(gt.sku) ?? 0) + (q ? q.v : 1));
    r.written.push({ sku: gt.sku, g: gt, q });
  }
  return r;
}

/**
 * Counts no goods took. Glued to a word we do not know (猪肉2斤, 2斤排骨), they count goods outside
 * the catalog (refused); the rest are loose counts, for the passes after this one.
 */
export function readLooseCounts(toks: readonly Tok[], p: Pairing, text: string, r: Reading): Reading {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (p.used[i] || t.k !== "qty") continue;
    if (!(t.times || GOODS_UNITS.has(t.unit))) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    // One character glued before a count is not goods (家里两个老人: 里); one-character goods are in
    // the vocabulary.
    if (prev && prev.k === "word" && !t.gap && prev.word.length >= 2 && prev.word.length <= 8) {
      r.unknownGoods++;
      r.unknownCounted = true;
      r.goodsWordChars += prev.e - prev.s;
      if (r.unknownAsked.length < MAX_LISTED)
        r.unknownAsked.push({ name: text.slice(prev.s, prev.e).trim(), qty: isBadQty(t) ? null : t.v });
      r.explicitQty = true;
      reject(r.rejected, { text: text.slice(prev.s, t.e).trim(), reason: "UNKNOWN_ITEM" });
      continue;
    }
    if (next && next.k === "word" && !next.gap && next.word.length <= 8 && !t.times) {
      r.unknownGoods++;
      // 两斤排骨 asks for goods; 一条消息 counts something else.
      if (MEASURE_UNITS.has(t.unit)) r.unknownCounted = true;
      r.goodsWordChars += next.e - next.s;
      r.explicitQty = true;
      reject(r.rejected, { text: text.slice(t.s, next.e).trim(), reason: "UNKNOWN_ITEM" });
      continue;
    }
    r.looseQty.push(t);
  }
  return r;
}

/**
 * 家里没米了 要一袋米: goods named without a count, then asked for (要, 买 …) with one, are the same
 * goods named twice (in a list — 泡面+泡面1箱 — each mention counts). One pass from the end;
 * null when every goods has its count.
 */
function askedAgain(toks: readonly Tok[], qtyOf: readonly number[], isNegated: readonly boolean[]): Uint8Array | null {
  const n = toks.length;
  let uncounted = false;
  for (let g = 0; g < n && !uncounted; g++) if (toks[g]!.k === "item" && qtyOf[g]! < 0) uncounted = true;
  if (!uncounted) return null;
  const out = new Uint8Array(n);
  const countedRight: string[] = [];
  const askedFor: string[] = [];
  for (let h = n - 1; h >= 0; h--) {
    const t = toks[h]!;
    if (t.k === "kw" && (t.word === "verb" || t.word === "request")) {
      for (const sku of countedRight) if (!askedFor.includes(sku)) askedFor.push(sku);
    } else if (t.k === "item" && !isNegated[h]) {
      if (qtyOf[h]! >= 0) {
        if (!countedRight.includes(t.sku)) countedRight.push(t.sku);
      } else if (askedFor.includes(t.sku)) out[h] = 1;
    }
  }
  return out;
}

/** The sku's unit in the catalog. */
export function unitOf(index: CatalogIndex, sku: string): string | undefined {
  return index.bySku.get(sku)?.unit;
}
