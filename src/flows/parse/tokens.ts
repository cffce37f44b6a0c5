/** The token shape shared by the lexer, the assembler and the quantity binder. */

export type TokKind =
  | "item" // catalog goods (sku)
  | "refused" // goods outside the allowed categories
  | "other" // goods not in the catalog
  | "med" // a medicine
  | "pkg" // 套餐 / package, without saying which
  | "kw" // an intent word (tag in `word`)
  | "num" // a bare number
  | "qty" // a number with a unit, or ×N
  | "price" // a number of yuan
  | "yuan" // the English word yuan / rmb
  | "unitw" // an English unit word (cans, bags)
  | "of" // English "of" (2 cans of formula)
  | "letter" // a single Latin letter (套餐 B)
  | "sep" // separator; `word` is "hard", "soft" or "q"
  | "word" // Chinese characters nothing else matched
  | "latin" // a Latin word nothing else matched
  | "notgoods";

export interface Tok {
  k: TokKind;
  /** Span in the text. */
  s: number;
  e: number;
  /** Whitespace, punctuation-less gap or a blanked span right before the token. */
  gap: boolean;
  v: number;
  int: boolean;
  neg: boolean;
  /** qty / unitw: the unit (份, 罐 …); empty for ×N and bare numbers. */
  unit: string;
  sku: string;
  /** refused/other/med: the word; kw: the tag; sep: hard/soft/q. */
  word: string;
  /** qty written as ×N / *N / xN. */
  times: boolean;
  /** Number written in Chinese or English words. */
  cn: boolean;
  /** med: a kind of medicine (降压药) rather than a named one. */
  generic: boolean;
}

export function tok(k: TokKind, s: number, e: number, gap: boolean): Tok {
  return { k, s, e, gap, v: 0, int: true, neg: false, unit: "", sku: "", word: "", times: false, cn: false, generic: false };
}

/** Catalog goods (`sku`) spanning s‥e. */
export function itemTok(sku: string, s: number, e: number, gap: boolean): Tok {
  const t = tok("item", s, e, gap);
  t.sku = sku;
  return t;
}

export function isGoods(t: Tok): boolean {
  return t.k === "item" || t.k === "refused" || t.k === "other" || t.k === "med";
}
