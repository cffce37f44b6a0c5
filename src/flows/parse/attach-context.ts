/**
 * What stands around a token: the small judgements `bind` (./attach.ts) makes about the
 * neighbours of goods and quantities — is this number a count, is it glued, is the goods
 * word negated, restated, kept, or a total.
 */
import type { CatalogIndex } from "./catalog-index";
import { MEDICINE_PREFIXES, MEDICINE_SUFFIXES } from "./medicine-words";
import { isAllowedQuantity } from "./quantity";
import { isGoods, type Tok } from "./tokens";
import { MEASURE_UNITS } from "./units";

const BRIDGE_TAGS = new Set(["amend", "add", "verb", "each", "bridge", "request", "restate"]);
const NOT_DRUG_WORDS = new Set([
  "照片",
  "图片",
  "名片",
  "卡片",
  "片区",
  "影片",
  "相片",
  "一片",
  "大片",
  "小片",
  "药店",
  "药房",
  "医药",
  "药箱",
]);

export function isSpec(t: Tok): boolean {
  return t.k === "notgoods" && (t.word === "spec" || t.word === "was");
}

export function canQty(t: Tok | undefined): boolean {
  return t !== undefined && (t.k === "qty" || t.k === "num");
}

/** A bare number only counts as a quantity when nothing glued after it makes it something else (3段, 5号). */
export function standaloneNum(toks: readonly Tok[], i: number): boolean {
  const t = toks[i]!;
  if (t.k !== "num") return true;
  if (!t.int && !t.neg) return false;
  const nx = toks[i + 1];
  if (!nx || nx.gap) return true;
  return nx.k === "sep" || isGoods(nx) || nx.k === "pkg" || nx.k === "of";
}

export function rightQty(toks: readonly Tok[], g: number): { i: number; glued: boolean } | null {
  let j = g + 1;
  let glued = true;
  while (j < toks.length && ((toks[j]!.k === "kw" && BRIDGE_TAGS.has(toks[j]!.word)) || isSpec(toks[j]!))) {
    if (toks[j]!.gap) glued = false;
    j++;
  }
  const t = toks[j];
  if (!canQty(t) || !standaloneNum(toks, j)) return null;
  if (t!.k === "num" && t!.word === "a") return null;
  if (t!.gap) glued = false;
  return { i: j, glued };
}

export function leftQty(toks: readonly Tok[], g: number): number {
  let j = g - 1;
  const gt = toks[g]!;
  let sawGap = gt.gap;
  // 两份一样的小套餐 / 2 cans of formula / 一袋10斤装的米: words between the count and its goods.
  while (
    j >= 0 &&
    (toks[j]!.k === "of" ||
      (toks[j]!.k === "kw" && (toks[j]!.word === "de" || toks[j]!.word === "same")) ||
      isSpec(toks[j]!))
  ) {
    if (!isSpec(toks[j]!)) sawGap = true;
    j--;
  }
  const t = toks[j];
  if (!canQty(t)) return -1;
  // A bare number before goods: English (two packages, 2 formula) or glued (2奶粉).
  if (t!.k === "num" && !(t!.cn || !sawGap || t!.word === "a")) return -1;
  return j;
}

export function unitScore(index: CatalogIndex, g: Tok, q: Tok): number {
  if (q.unit === "") return 1;
  if (g.k !== "item") return 1;
  const unit = index.bySku.get(g.sku)?.unit;
  if (unit === q.unit) return 2;
  if (q.unit === "个" || q.unit === "份") return 1;
  return 0;
}

export function nextGoodsAfter(toks: readonly Tok[], q: number): { i: number; glued: boolean } | null {
  let j = q + 1;
  let glued = true;
  while (j < toks.length && (toks[j]!.k === "of" || (toks[j]!.k === "kw" && toks[j]!.word === "de"))) {
    glued = false;
    j++;
  }
  const t = toks[j];
  if (!t || !isGoods(t)) return null;
  return { i: j, glued: glued && !t.gap };
}

/** Not a whole count from 1 to MAX_QTY (./quantity.ts): refused as BAD_QUANTITY. */
export function isBadQty(q: Tok): boolean {
  return q.neg || !q.int || !isAllowedQuantity(q.v);
}

export function isDrugWord(w: string): boolean {
  if (w.length < 2 || w.length > 10 || NOT_DRUG_WORDS.has(w)) return false;
  for (const suf of MEDICINE_SUFFIXES) if (w.length > suf.length && w.endsWith(suf)) return true;
  for (const pre of MEDICINE_PREFIXES) if (w.length > pre.length + 1 && w.startsWith(pre)) return true;
  return false;
}

/** A 就是 / 也就是 right before the goods (a comma or 的 may stand between). */
export function restates(toks: readonly Tok[], g: number): boolean {
  let j = g - 1;
  while (
    j >= 0 &&
    ((toks[j]!.k === "kw" && (toks[j]!.word === "de" || toks[j]!.word === "fill")) ||
      (toks[j]!.k === "sep" && toks[j]!.word !== "q"))
  )
    j--;
  const t = toks[j];
  return t !== undefined && t.k === "kw" && t.word === "restate";
}

/** Goods (with or without a count) followed by 不变 / 照旧. */
export function kept(toks: readonly Tok[], g: number): boolean {
  let j = g + 1;
  while (j < toks.length && (toks[j]!.k === "qty" || toks[j]!.k === "num")) j++;
  const t = toks[j];
  return t !== undefined && t.k === "kw" && t.word === "keep";
}

/** 改 / 改成 / 要 right before a quantity (with nothing but 就 / 只 between). */
export function changeWordBefore(toks: readonly Tok[], q: Tok): boolean {
  let j = toks.indexOf(q) - 1;
  while (j >= 0 && toks[j]!.k === "kw" && toks[j]!.word === "bridge") j--;
  const t = toks[j];
  return t !== undefined && t.k === "kw" && (t.word === "amend" || t.word === "verb");
}

const TOTAL_WORDS = new Set(["共", "一共", "总共", "合计", "共计"]);

/** 一共 / 总共 right before a quantity. */
export function totalWordBefore(toks: readonly Tok[], q: Tok, text: string): boolean {
  const t = toks[toks.indexOf(q) - 1];
  return t !== undefined && t.k === "kw" && TOTAL_WORDS.has(text.slice(t.s, t.e));
}

const NEGATING_BEFORE = new Set(["neg", "cancel"]);
const NEGATING_AFTER = new Set(["neg", "cancel"]);

const POST_SKIP = new Set(["bridge", "fill", "de"]);

/** The negation at `k` follows goods of its own clause (纸尿裤去掉, 白糖也不要了): it takes those out. */
function negatesPrevious(toks: readonly Tok[], k: number): boolean {
  let j = k - 1;
  while (
    j >= 0 &&
    (toks[j]!.k === "qty" || toks[j]!.k === "num" || (toks[j]!.k === "kw" && toks[j]!.word === "bridge"))
  )
    j--;
  const t = toks[j];
  return t !== undefined && isGoods(t);
}

/** No goods between the token at `k` and the end of its clause. */
function clauseEndsAfter(toks: readonly Tok[], k: number): boolean {
  for (let j = k + 1; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.k === "sep" && t.word !== "soft") return true;
    if (isGoods(t)) return false;
  }
  return true;
}

/**
 * 不要鸡蛋 / 取消鸡蛋 / 鸡蛋不要了 / 白糖也不要了 / 把酱油去掉: goods named only to be taken out.
 * A negation right after goods belongs to them (把纸尿裤去掉 奶粉改成2罐 takes out only 纸尿裤).
 */
export function negated(toks: readonly Tok[], g: number): boolean {
  const b = toks[g - 1];
  if (b && b.k === "kw" && NEGATING_BEFORE.has(b.word) && !negatesPrevious(toks, g - 1)) return true;
  let j = g + 1;
  // 白糖也不要了 / 奶粉那个不要了: 也, 都, 那个 may stand between.
  // 尿不湿那包取消: a bare unit after a skipped word (那包, 这袋) points back at the goods.
  while (
    j < toks.length &&
    (toks[j]!.k === "qty" ||
      toks[j]!.k === "num" ||
      (toks[j]!.k === "kw" && POST_SKIP.has(toks[j]!.word)) ||
      (j > g + 1 &&
        toks[j]!.k === "word" &&
        MEASURE_UNITS.has(toks[j]!.word) &&
        toks[j - 1]!.k === "kw" &&
        toks[j - 1]!.word === "fill"))
  )
    j++;
  const a = toks[j];
  if (a !== undefined && a.k === "kw" && NEGATING_AFTER.has(a.word) && (!a.gap || clauseEndsAfter(toks, j)))
    return true;
  // 把鸡蛋换成牛奶: the goods before 换成 are the ones replaced.
  const next = toks[g + 1];
  const then = toks[g + 2];
  return next !== undefined && next.k === "kw" && next.word === "amend" && then !== undefined && isGoods(then);
}

/** 大米和油都不要了: goods joined by 和 / 、 to negated goods, with no count of their own, go too. */
export function negatedList(toks: readonly Tok[], qtyOf: readonly number[]): boolean[] {
  const out = toks.map((t, g) => isGoods(t) && negated(toks, g));
  for (let g = toks.length - 1; g >= 2; g--) {
    if (!out[g]) continue;
    const link = toks[g - 1]!;
    const isLink = (link.k === "kw" && link.word === "sep") || (link.k === "sep" && link.word === "soft");
    const prev = toks[g - 2]!;
    if (isLink && isGoods(prev) && qtyOf[g - 2]! < 0) out[g - 2] = true;
  }
  return out;
}

export function spanText(text: string, a: Tok, b: Tok | null): string {
  if (!b) return text.slice(a.s, a.e).trim();
  return text.slice(Math.min(a.s, b.s), Math.max(a.e, b.e)).trim();
}

export function followedByNamedMed(toks: readonly Tok[], g: number): boolean {
  for (let j = g + 1; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.k === "sep" && t.word !== "soft") return false;
    if (t.k === "med" && !t.generic) return true;
    if (isGoods(t)) return false;
  }
  return false;
}

/**
 * An add word (再加, 追加, 多要) that opens a change: no goods before it already have their count
 * (再加一盒鸡蛋, 鸡蛋再加两盒 — not 100元套餐一份，再加一盒鸡蛋, where it joins goods of one order).
 */
export function addOpens(toks: readonly Tok[], qtyOf: readonly number[]): boolean {
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.k !== "kw" || t.word !== "add") continue;
    let counted = false;
    for (let g = 0; g < k; g++) if (isGoods(toks[g]!) && qtyOf[g]! >= 0 && qtyOf[g]! < k) counted = true;
    return !counted;
  }
  return false;
}
