/**
 * Binds quantities to goods (奶粉2罐, 2罐奶粉, 奶粉×2, 2 cans of formula) and turns the
 * result into ordered items, refusals and medicine requests.
 */
import type { CatalogIndex } from "./catalog-index";
import { addOpens, canQty, changeWordBefore, followedByNamedMed, isBadQty, isDrugWord, kept, leftQty, negatedList, nextGoodsAfter, restates, rightQty, spanText, standaloneNum, totalWordBefore, unitScore } from "./attach-context";
import { MAX_QTY } from "./quantity";
import type { MedicineRequest, ParsedItem, RejectedItem } from "./schema";
import { isGoods, type Tok } from "./tokens";
import { GOODS_UNITS, MEASURE_UNITS, MEDICINE_UNITS } from "./units";

const MAX_LISTED = 50;

/** Units that weigh or measure one piece rather than count pieces. */
const WEIGHT_UNITS = new Set(["斤", "克", "升"]);

export interface Bound {
  items: ParsedItem[];
  rejected: RejectedItem[];
  medicines: MedicineRequest[];
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
  /** Quantities that belong to no goods (2份 in a 接龙 entry whose goods are in the title). */
  looseQty: Tok[];
  /** Refusals of the loose quantities that are no count (改成负一份): for a change that names no goods. */
  looseRefused: RejectedItem[];
  /** Catalog goods named only to be taken out (鸡蛋不要了, 不要奶粉, 把鸡蛋换成牛奶). */
  removed: string[];
  /** Goods outside the catalog asked for, by name and quantity (medicines when the message asks for medicine). */
  unknownAsked: MedicineRequest[];
  /** `removed` holds only packages (取消100元套餐: the package is the order). */
  removedOnlyPackages: boolean;
  /**
   * An add word (再加, 追加, 多要) that opens a change: no goods before it already have their count
   * (再加一盒鸡蛋, 鸡蛋再加两盒 — not 100元套餐一份，再加一盒鸡蛋, where it only joins goods of one order).
   */
  addOpens: boolean;
}

export interface BindContext {
  /** Goods for quantities that name none (from a 接龙 title). */
  readonly defaultSku: string | null;
}

/** 3段, L码, 10斤装, 5L: the grade or size of the goods beside it. */
export function bind(toks: Tok[], index: CatalogIndex, text: string, ctx: BindContext): Bound {
  // Unknown words that read as drug names (…片, …胶囊) become medicines.
  for (const t of toks) if (t.k === "word" && t.e - t.s >= 2 && isDrugWord(t.word)) {
    t.k = "med";
    t.generic = false;
  }
  // 鸡蛋由2盒改成4盒 / 2盒改为4盒: the quantity before 改成 is the old one, passed over.
  for (let i = 0; i + 2 < toks.length; i++) {
    const t = toks[i]!;
    const a = toks[i + 1]!;
    if ((t.k === "qty" || t.k === "num") && a.k === "kw" && a.word === "amend" && canQty(toks[i + 2])) {
      t.k = "notgoods";
      t.word = "was";
    }
  }
  // 大米10kg一袋 / 一袋10斤的米: a weight beside a count is the size of one piece.
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i]!;
    const b = toks[i + 1]!;
    if (a.k !== "qty" || b.k !== "qty" || a.times || b.times || b.gap) continue;
    const wa = WEIGHT_UNITS.has(a.unit);
    const wb = WEIGHT_UNITS.has(b.unit);
    if (wa === wb) continue;
    const w = wa ? a : b;
    w.k = "notgoods";
    w.word = "spec";
  }
  const n = toks.length;
  const qtyOf: number[] = [];
  const used: number[] = [];
  for (let i = 0; i < n; i++) {
    qtyOf.push(-1);
    used.push(0);
  }
  for (let g = 0; g < n; g++) {
    const gt = toks[g]!;
    if (!isGoods(gt)) continue;
    const r = rightQty(toks, g);
    if (r && !used[r.i]) {
      const q = toks[r.i]!;
      let take = q.times;
      if (!take) {
        const scoreThis = (r.glued ? 2 : 0) + unitScore(index, gt, q) + 1;
        const nx = nextGoodsAfter(toks, r.i);
        let scoreNext = -1;
        if (nx) {
          const nxHasOwn = rightQty(toks, nx.i) !== null;
          scoreNext = (nx.glued ? 2 : 0) + unitScore(index, toks[nx.i]!, q) + (nxHasOwn ? 0 : 1);
        }
        take = scoreThis >= scoreNext;
        // 两袋盐一袋糖: goods with a count glued before them; the count after starts the next goods.
        if (take && nx && nx.glued && rightQty(toks, nx.i) === null && !gt.gap && g > 0) {
          const l = leftQty(toks, g);
          if (l === g - 1 && !used[l] && toks[l]!.k === "qty") take = false;
        }
      }
      if (take) {
        qtyOf[g] = r.i;
        used[r.i] = 1;
        continue;
      }
    }
    const l = leftQty(toks, g);
    if (l >= 0 && !used[l]) {
      qtyOf[g] = l;
      used[l] = 1;
    }
  }
  // 要100元的套餐，两份: a quantity set off by a comma after goods that have none.
  for (let g = 0; g + 2 < n; g++) {
    if (!isGoods(toks[g]!) || qtyOf[g]! >= 0) continue;
    const sep = toks[g + 1]!;
    const q = toks[g + 2]!;
    const after = toks[g + 3];
    if (sep.k !== "sep" || sep.word !== "hard" || used[g + 2] || !canQty(q) || q.k === "num") continue;
    if (after && !(after.k === "sep" || after.gap)) continue;
    qtyOf[g] = g + 2;
    used[g + 2] = 1;
  }
  // 各: 鸡蛋、大米各2袋 gives every goods of the clause the same quantity.
  for (let q = 1; q < n; q++) {
    const before = toks[q - 1]!;
    if (!canQty(toks[q]) || before.k !== "kw" || before.word !== "each") continue;
    for (let g = q - 1; g >= 0; g--) {
      const gt = toks[g]!;
      if (gt.k === "sep" && gt.word !== "soft") break;
      if (isGoods(gt) && qtyOf[g]! < 0) qtyOf[g] = q;
    }
    used[q] = 1;
  }

  const items = new Map<string, number>();
  // Where each ordered sku was written, to quote when its total is refused.
  const written: { sku: string; g: Tok; q: Tok | null }[] = [];
  const rejected: RejectedItem[] = [];
  const medicines: MedicineRequest[] = [];
  let explicitQty = false;
  let knownQty = false;
  let knownGoods = 0;
  let unknownGoods = 0;
  let unknownCounted = false;
  let goodsWordChars = 0;
  const removed: string[] = [];
  const unknownAsked: MedicineRequest[] = [];
  const named = new Set<string>();
  const isNegated = negatedList(toks, qtyOf);
  const askedAgainAt = askedAgain(toks, qtyOf, isNegated);
  for (let g = 0; g < n; g++) {
    const gt = toks[g]!;
    if (!isGoods(gt)) continue;
    // 一份五十元的，就是小套餐: the same goods named again, not a second one.
    const restated = gt.k === "item" && qtyOf[g]! < 0 && named.has(gt.sku) && restates(toks, g);
    if (gt.k === "item") named.add(gt.sku);
    if (restated) continue;
    // 鸡蛋改成一盒，牛奶不变: goods named only to say they stay as they are.
    if (kept(toks, g)) continue;
    if (isNegated[g]) {
      if (gt.k === "item" && gt.sku && !removed.includes(gt.sku)) removed.push(gt.sku);
      continue;
    }
    const q = qtyOf[g]! >= 0 ? toks[qtyOf[g]!]! : null;
    if (q) explicitQty = true;
    if (gt.k === "med") {
      // A kind of medicine followed by a named one (降糖药 格列美脲) is the named one.
      if (gt.generic && !q && followedByNamedMed(toks, g)) continue;
      if (medicines.length < MAX_LISTED)
        medicines.push({ name: text.slice(gt.s, gt.e).trim(), qty: q && !isBadQty(q) ? q.v : null });
      continue;
    }
    if (gt.k === "refused") {
      knownGoods++;
      if (q) knownQty = true;
      reject(rejected, { text: spanText(text, gt, q), reason: "CATEGORY_NOT_ALLOWED" });
      continue;
    }
    if (gt.k === "other") {
      unknownGoods++;
      if (q && q.k === "qty" && (q.times || GOODS_UNITS.has(q.unit))) unknownCounted = true;
      if (unknownAsked.length < MAX_LISTED) unknownAsked.push({ name: text.slice(gt.s, gt.e).trim(), qty: q && !isBadQty(q) ? q.v : null });
      reject(rejected, { text: spanText(text, gt, q), reason: "UNKNOWN_ITEM" });
      continue;
    }
    knownGoods++;
    if (q) knownQty = true;
    if (q && isBadQty(q)) {
      reject(rejected, { text: spanText(text, gt, q), reason: "BAD_QUANTITY" });
      continue;
    }
    if (!q && askedAgainAt !== null && askedAgainAt[g] === 1) continue;
    const qty = q ? q.v : 1;
    items.set(gt.sku, (items.get(gt.sku) ?? 0) + qty);
    written.push({ sku: gt.sku, g: gt, q });
  }

  // Quantities that belong to no goods.
  const looseQty: Tok[] = [];
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (used[i] || t.k !== "qty") continue;
    if (!(t.times || GOODS_UNITS.has(t.unit))) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    // 猪肉2斤 / 2斤排骨 with a word we do not know: goods outside the catalog. One character glued
    // before a count is not goods (家里两个老人: 里); one-character goods are in the vocabulary.
    if (prev && prev.k === "word" && !t.gap && prev.word.length >= 2 && prev.word.length <= 8) {
      unknownGoods++;
      unknownCounted = true;
      goodsWordChars += prev.e - prev.s;
      if (unknownAsked.length < MAX_LISTED) unknownAsked.push({ name: text.slice(prev.s, prev.e).trim(), qty: isBadQty(t) ? null : t.v });
      explicitQty = true;
      reject(rejected, { text: text.slice(prev.s, t.e).trim(), reason: "UNKNOWN_ITEM" });
      continue;
    }
    if (next && next.k === "word" && !next.gap && next.word.length <= 8 && !t.times) {
      unknownGoods++;
      // 两斤排骨 asks for goods; 一条消息 counts something else.
      if (MEASURE_UNITS.has(t.unit)) unknownCounted = true;
      goodsWordChars += next.e - next.s;
      explicitQty = true;
      reject(rejected, { text: text.slice(t.s, next.e).trim(), reason: "UNKNOWN_ITEM" });
      continue;
    }
    looseQty.push(t);
  }
  // 奶粉不要2罐了，改1罐 / 大米不要两袋了，要一袋: the goods taken out come back at the new count.
  if (removed.length === 1 && looseQty.length) {
    const unit = index.bySku.get(removed[0]!)?.unit;
    const k = looseQty.findIndex((q) => q.unit === unit && changeWordBefore(toks, q));
    if (k >= 0 && !isBadQty(looseQty[k]!) && !items.has(removed[0]!)) {
      items.set(removed.pop()!, looseQty[k]!.v);
      looseQty.splice(k, 1);
      explicitQty = knownQty = true;
      knownGoods++;
    }
  }
  // 家里没米了 要两袋 / 我家没有鸡蛋了 要两盒: one kind of goods named without a count, and a count
  // in its unit asked for after it.
  if (items.size === 1 && written.length === 1 && written[0]!.q === null && looseQty.length) {
    const sku = written[0]!.sku;
    const unit = index.bySku.get(sku)?.unit;
    const k = looseQty.findIndex((q) => q.unit === unit && !isBadQty(q) && q.s > written[0]!.g.e && changeWordBefore(toks, q));
    if (k >= 0) {
      items.set(sku, looseQty[k]!.v);
      looseQty.splice(k, 1);
      explicitQty = knownQty = true;
    }
  }
  // 大米多加一袋，一共三袋: one kind of goods and its total, in the goods' own unit.
  if (items.size === 1 && looseQty.length) {
    const [sku] = items.keys();
    const unit = index.bySku.get(sku!)?.unit;
    const k = looseQty.findIndex((q) => q.unit === unit && !isBadQty(q) && totalWordBefore(toks, q, text));
    if (k >= 0) {
      items.set(sku!, looseQty[k]!.v);
      looseQty.splice(k, 1);
    }
  }
  // 胰岛素用完了，急需2支: one medicine and one quantity that fits it.
  if (medicines.length === 1 && medicines[0]!.qty === null) {
    const k = looseQty.findIndex((q) => MEDICINE_UNITS.has(q.unit) && !isBadQty(q));
    if (k >= 0) {
      medicines[0] = { name: medicines[0]!.name, qty: looseQty[k]!.v };
      looseQty.splice(k, 1);
    }
  }
  if (ctx.defaultSku && knownGoods === 0 && unknownGoods === 0) {
    let q = looseQty[0] ?? null;
    if (!q) {
      // 1. 3-2-501 张三 2: in a list of one kind of goods a lone number is the count. One that is
      // not a good count (1000, -2, 2.5) is still the count asked for: refused below, not read as 1.
      let only: Tok | null = null;
      let count = 0;
      for (let i = 0; i < n; i++) {
        const t = toks[i]!;
        if (t.k !== "num" || used[i] || t.cn) continue;
        count++;
        const nx = toks[i + 1];
        if (standaloneNum(toks, i) || !nx || nx.gap || nx.k === "sep") only = t;
      }
      if (count === 1 && only) q = only;
    }
    if (q && isBadQty(q)) reject(rejected, { text: text.slice(q.s, q.e).trim(), reason: "BAD_QUANTITY" });
    else items.set(ctx.defaultSku, q ? q.v : 1);
    if (q) explicitQty = knownQty = true;
    knownGoods++;
  }
  const looseRefused: RejectedItem[] = [];
  for (const q of looseQty) if (isBadQty(q) && (q.times || GOODS_UNITS.has(q.unit))) reject(looseRefused, { text: text.slice(q.s, q.e).trim(), reason: "BAD_QUANTITY" });
  const list: ParsedItem[] = [];
  for (const [sku, qty] of items) {
    if (qty <= MAX_QTY) list.push({ sku, qty });
    else reject(rejected, { text: quoteTotal(written.filter((w) => w.sku === sku), text) || (index.bySku.get(sku)?.name ?? sku), reason: "BAD_QUANTITY" });
  }
  const removedOnlyPackages = removed.length > 0 && removed.every((sku) => index.bySku.get(sku)?.category === "package");
  return { items: list, rejected, medicines, explicitQty, knownQty, knownGoods, unknownGoods, unknownCounted, goodsWordChars, looseQty, looseRefused, removed, unknownAsked, removedOnlyPackages, addOpens: addOpens(toks, qtyOf) };
}


/** 大米60袋 大米50袋: each count fits, their total does not; the first few are quoted. */
function quoteTotal(written: readonly { g: Tok; q: Tok | null }[], text: string): string {
  const quoted = written.slice(0, 3).map((w) => spanText(text, w.g, w.q)).join(" ");
  return written.length > 3 ? `${quoted} …` : quoted;
}

function reject(list: RejectedItem[], r: RejectedItem): void {
  if (list.length < MAX_LISTED) list.push(r);
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
  const asked: string[] = [];
  for (let h = n - 1; h >= 0; h--) {
    const t = toks[h]!;
    if (t.k === "kw" && (t.word === "verb" || t.word === "request")) {
      for (const sku of countedRight) if (!asked.includes(sku)) asked.push(sku);
    } else if (t.k === "item" && !isNegated[h]) {
      if (qtyOf[h]! >= 0) {
        if (!countedRight.includes(t.sku)) countedRight.push(t.sku);
      } else if (asked.includes(t.sku)) out[h] = 1;
    }
  }
  return out;
}
