/**
 * The catalog, precomputed for matching. The catalog is data: officials add goods and aliases
 * without code changes, so everything the parser knows about goods is derived here.
 */
import type { CatalogItem } from "../../domain/catalog";
import { OTHER_GOODS } from "./goods-words";
import { BRAND_WORDS, NOT_GOODS } from "./not-goods-words";
import { INTENT_WORDS, type IntentTag } from "./intent-words";
import { MEDICINE_NAMES } from "./medicine-names";
import { MEDICINE_GENERIC } from "./medicine-words";
import { normalizeText } from "./normalize";
import { REFUSED_GOODS } from "./refused-goods";
import { Trie } from "./trie";

export type Term =
  | { readonly k: "item"; readonly sku: string }
  | { readonly k: "refused"; readonly word: string }
  | { readonly k: "other"; readonly word: string }
  | { readonly k: "notgoods" }
  | { readonly k: "brand" }
  | { readonly k: "med"; readonly name: string; readonly generic: boolean }
  | { readonly k: "pkg" }
  | { readonly k: "kw"; readonly tag: IntentTag };

export interface CatalogIndex {
  readonly items: readonly CatalogItem[];
  readonly bySku: ReadonlyMap<string, CatalogItem>;
  readonly lexicon: Trie<Term>;
  /** Package price in yuan → sku (50 → PKG50). */
  readonly packageByPrice: ReadonlyMap<number, string>;
  /** 套餐 + a letter or a size word → sku ("b" → PKG100, "中" → PKG100). */
  readonly packageByLabel: ReadonlyMap<string, string>;
  /**
   * Unit + the last one or two characters of a name → sku, where only one item fits (提+纸 →
   * TISSUE, 箱+奶 → MILK): 两提纸 names its goods by the unit and the end of the name.
   */
  readonly byUnitTail: ReadonlyMap<string, string>;
}

const PACKAGE_WORDS = [
  "套餐",
  "taocan",
  "tao can",
  "package",
  "pkg",
  "combo",
  "set meal",
  "meal box",
  "food package",
  "food box",
];

function key(s: string): string {
  return normalizeText(s).low.trim();
}

function packagePrice(item: CatalogItem): number | null {
  const m = /^\s*(\d+)\s*元/.exec(item.name);
  if (m) return Number(m[1]);
  if (item.priceCents > 0 && item.priceCents % 100 === 0) return item.priceCents / 100;
  return null;
}

export function buildCatalogIndex(items: readonly CatalogItem[]): CatalogIndex {
  const lexicon = new Trie<Term>();
  // Lowest priority first: a later set() for the same word wins.
  for (const tag of Object.keys(INTENT_WORDS) as IntentTag[]) {
    for (const w of INTENT_WORDS[tag]) lexicon.set(key(w), { k: "kw", tag });
  }
  for (const w of PACKAGE_WORDS) lexicon.set(key(w), { k: "pkg" });
  for (const w of BRAND_WORDS) lexicon.set(key(w), { k: "brand" });
  for (const w of NOT_GOODS) lexicon.set(key(w), { k: "notgoods" });
  for (const w of OTHER_GOODS) lexicon.set(key(w), { k: "other", word: w });
  for (const w of MEDICINE_GENERIC) lexicon.set(key(w), { k: "med", name: w, generic: true });
  for (const w of MEDICINE_NAMES) lexicon.set(key(w), { k: "med", name: w, generic: false });
  for (const g of REFUSED_GOODS) lexicon.set(key(g.word), { k: "refused", word: g.word });

  const bySku = new Map<string, CatalogItem>();
  const packageByPrice = new Map<number, string>();
  const packageByLabel = new Map<string, string>();
  for (const item of items) {
    bySku.set(item.sku, item);
    const words = [item.name, ...(item.aliases ?? []), ...(item.nameEn ? [item.nameEn] : [])];
    for (const w of words) {
      const k = key(w);
      if (!k) continue;
      lexicon.set(k, { k: "item", sku: item.sku });
      if (item.category === "package") {
        const m = /^(.+?)\s*套餐$/.exec(k) ?? /^套餐\s*(.+)$/.exec(k);
        if (m && !/^\d+元?$/.test(m[1]!)) packageByLabel.set(m[1]!, item.sku);
      }
    }
    if (item.category === "package") {
      const p = packagePrice(item);
      if (p !== null && !packageByPrice.has(p)) packageByPrice.set(p, item.sku);
    }
  }
  const byUnitTail = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const item of items) {
    if (item.category === "package") continue;
    for (const w of [item.name, ...(item.aliases ?? [])]) {
      const k = key(w);
      if (!/^[\u4e00-\u9fff]{2,}$/.test(k)) continue;
      for (const len of [1, 2]) {
        if (k.length <= len) continue;
        const tail = `${item.unit}|${k.slice(-len)}`;
        const had = byUnitTail.get(tail);
        if (had !== undefined && had !== item.sku) ambiguous.add(tail);
        byUnitTail.set(tail, item.sku);
      }
    }
  }
  for (const a of ambiguous) byUnitTail.delete(a);
  return { items, bySku, lexicon, packageByPrice, packageByLabel, byUnitTail };
}

/** Terms that may take an English plural ending (formula → formulas, package → packages). */
export function takesPlural(t: Term): boolean {
  return t.k !== "kw";
}
