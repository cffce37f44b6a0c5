/**
 * Loose counts bound late, once the goods are read: each pass takes at most one loose count and
 * gives it to goods that were named without one, in the goods' own unit.
 */
import type { CatalogIndex } from "./catalog-index";
import { changeWordBefore, isBadQty, standaloneNum, totalWordBefore } from "./attach-context";
import type { Pairing } from "./bind-pair";
import { reject, unitOf, type Reading } from "./bind-read";
import type { Tok } from "./tokens";
import { MEDICINE_UNITS } from "./units";

/** 奶粉不要2罐了，改1罐 / 大米不要两袋了，要一袋: the goods taken out come back at the new count. */
export function countForRemoved(toks: readonly Tok[], index: CatalogIndex, r: Reading): Reading {
  if (r.removed.length !== 1 || !r.looseQty.length) return r;
  const sku = r.removed[0]!;
  const unit = unitOf(index, sku);
  const k = r.looseQty.findIndex((q) => q.unit === unit && changeWordBefore(toks, q));
  if (k < 0 || isBadQty(r.looseQty[k]!) || r.items.has(sku)) return r;
  r.items.set(r.removed.pop()!, r.looseQty[k]!.v);
  r.looseQty.splice(k, 1);
  r.explicitQty = r.knownQty = true;
  r.knownGoods++;
  return r;
}

/**
 * 家里没米了 要两袋 / 我家没有鸡蛋了 要两盒: one kind of goods named without a count, and a count in
 * its unit asked for after it.
 */
export function countAskedAfter(toks: readonly Tok[], index: CatalogIndex, r: Reading): Reading {
  if (r.items.size !== 1 || r.written.length !== 1 || r.written[0]!.q !== null || !r.looseQty.length) return r;
  const { sku, g } = r.written[0]!;
  const unit = unitOf(index, sku);
  const k = r.looseQty.findIndex((q) => q.unit === unit && !isBadQty(q) && q.s > g.e && changeWordBefore(toks, q));
  if (k < 0) return r;
  r.items.set(sku, r.looseQty[k]!.v);
  r.looseQty.splice(k, 1);
  r.explicitQty = r.knownQty = true;
  return r;
}

/** 大米多加一袋，一共三袋: one kind of goods and its total, in the goods' own unit. */
export function totalInOwnUnit(toks: readonly Tok[], index: CatalogIndex, text: string, r: Reading): Reading {
  if (r.items.size !== 1 || !r.looseQty.length) return r;
  const [sku] = r.items.keys();
  const unit = unitOf(index, sku!);
  const k = r.looseQty.findIndex((q) => q.unit === unit && !isBadQty(q) && totalWordBefore(toks, q, text));
  if (k < 0) return r;
  r.items.set(sku!, r.looseQty[k]!.v);
  r.looseQty.splice(k, 1);
  return r;
}

/** 胰岛素用完了，急需2支: one medicine and one count that fits it. */
export function countForMedicine(r: Reading): Reading {
  if (r.medicines.length !== 1 || r.medicines[0]!.qty !== null) return r;
  const k = r.looseQty.findIndex((q) => MEDICINE_UNITS.has(q.unit) && !isBadQty(q));
  if (k < 0) return r;
  r.medicines[0] = { name: r.medicines[0]!.name, qty: r.looseQty[k]!.v };
  r.looseQty.splice(k, 1);
  return r;
}

/**
 * A 接龙 of one kind of goods (from its title): an entry naming no goods orders them, with its loose
 * count — or its one lone number (1. 3-2-501 张三 2). A number that is no good count (1000, -2, 2.5)
 * is still the count asked for: refused, not read as 1.
 */
export function countForDefaultGoods(
  toks: readonly Tok[],
  p: Pairing,
  text: string,
  defaultSku: string | null,
  r: Reading,
): Reading {
  if (!defaultSku || r.knownGoods !== 0 || r.unknownGoods !== 0) return r;
  const q = r.looseQty[0] ?? loneNumber(toks, p);
  if (q && isBadQty(q)) reject(r.rejected, { text: text.slice(q.s, q.e).trim(), reason: "BAD_QUANTITY" });
  else r.items.set(defaultSku, q ? q.v : 1);
  if (q) r.explicitQty = r.knownQty = true;
  r.knownGoods++;
  return r;
}

/** The one number no goods took, standing alone or ending its clause; null when none or several. */
function loneNumber(toks: readonly Tok[], p: Pairing): Tok | null {
  let only: Tok | null = null;
  let count = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== "num" || p.used[i] || t.cn) continue;
    count++;
    const nx = toks[i + 1];
    if (standaloneNum(toks, i) || !nx || nx.gap || nx.k === "sep") only = t;
  }
  return count === 1 ? only : null;
}
