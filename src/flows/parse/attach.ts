/**
 * Binds quantities to goods (奶粉2罐, 2罐奶粉, 奶粉×2, 2 cans of formula) and turns the result into
 * ordered items, refusals and medicine requests — as a sequence of small named passes:
 *   retag (./bind-retag.ts)  drug words, old counts (2盒改成4盒), piece sizes (10斤一袋): new tokens;
 *   pair  (./bind-pair.ts)   each goods' own count, a count after a comma, 各;
 *   read  (./bind-read.ts)   goods into items, refusals, medicines, goods taken out; loose counts;
 *   late  (./bind-late.ts)   loose counts given to goods named without one;
 *   finish                   totals over the limit refused, what classification needs.
 * No pass changes a token it was given.
 */
import { addOpens, isBadQty, spanText } from "./attach-context";
import { countAskedAfter, countForDefaultGoods, countForMedicine, countForRemoved, totalInOwnUnit } from "./bind-late";
import { emptyPairing, pairAdjacentCounts, pairCountAfterComma, pairEachCount, type Pairing } from "./bind-pair";
import { emptyReading, readGoods, readLooseCounts, reject, type GoodsShape, type Reading } from "./bind-read";
import { markDrugWords, markOldCounts, markPieceSizes } from "./bind-retag";
import type { CatalogIndex } from "./catalog-index";
import { MAX_QTY } from "./quantity";
import type { MedicineRequest, ParsedItem, RejectedItem } from "./schema";
import type { Tok } from "./tokens";
import { GOODS_UNITS } from "./units";

export interface Bound extends GoodsShape {
  /** The tokens as bound: drug words as medicines, old counts and piece sizes passed over. */
  toks: Tok[];
  items: ParsedItem[];
  rejected: RejectedItem[];
  medicines: MedicineRequest[];
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

/** The passes, in order. `toks` is not changed. */
export function bind(toks: readonly Tok[], index: CatalogIndex, text: string, ctx: BindContext): Bound {
  const bound = markPieceSizes(markOldCounts(markDrugWords(toks)));
  const p = pairEachCount(
    bound,
    pairCountAfterComma(bound, pairAdjacentCounts(bound, index, emptyPairing(bound.length))),
  );
  let r = readLooseCounts(bound, p, text, readGoods(bound, p, text, emptyReading()));
  r = countForRemoved(bound, index, r);
  r = countAskedAfter(bound, index, r);
  r = totalInOwnUnit(bound, index, text, r);
  r = countForMedicine(r);
  r = countForDefaultGoods(bound, p, text, ctx.defaultSku, r);
  return finish(bound, p, index, text, r);
}

/** Totals over the limit refused (each count may fit, their sum not); the flags classification reads. */
function finish(toks: Tok[], p: Pairing, index: CatalogIndex, text: string, r: Reading): Bound {
  const looseRefused: RejectedItem[] = [];
  for (const q of r.looseQty)
    if (isBadQty(q) && (q.times || GOODS_UNITS.has(q.unit)))
      reject(looseRefused, { text: text.slice(q.s, q.e).trim(), reason: "BAD_QUANTITY" });
  const items: ParsedItem[] = [];
  for (const [sku, qty] of r.items) {
    if (qty <= MAX_QTY) items.push({ sku, qty });
    else
      reject(r.rejected, {
        text:
          quoteTotal(
            r.written.filter((w) => w.sku === sku),
            text,
          ) ||
          (index.bySku.get(sku)?.name ?? sku),
        reason: "BAD_QUANTITY",
      });
  }
  const removedOnlyPackages =
    r.removed.length > 0 && r.removed.every((sku) => index.bySku.get(sku)?.category === "package");
  return {
    toks,
    items,
    rejected: r.rejected,
    medicines: r.medicines,
    explicitQty: r.explicitQty,
    knownQty: r.knownQty,
    knownGoods: r.knownGoods,
    unknownGoods: r.unknownGoods,
    unknownCounted: r.unknownCounted,
    goodsWordChars: r.goodsWordChars,
    looseQty: r.looseQty,
    looseRefused,
    removed: r.removed,
    unknownAsked: r.unknownAsked,
    removedOnlyPackages,
    addOpens: addOpens(toks, p.qtyOf),
  };
}

/** 大米60袋 大米50袋: each count fits, their total does not; the first few are quoted. */
function quoteTotal(written: readonly { g: Tok; q: Tok | null }[], text: string): string {
  const quoted = written
    .slice(0, 3)
    .map((w) => spanText(text, w.g, w.q))
    .join(" ");
  return written.length > 3 ? `${quoted} …` : quoted;
}
