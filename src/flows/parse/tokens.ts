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
  return {
    k,
    s,
    e,
    gap,
    v: 0,
    int: true,
    neg: false,
    unit: "",
    sku: "",
    word: "",
    times: false,
    cn: false,
    generic: false,
  };
}

/** Catalog goods (`sku`) spanning s‥e. */
export function itemTok(sku: string, s: number, e: number, gap: boolean): Tok {
  const t = tok("item", s, e, gap);
  t.sku = sku;
  return t;
}

export function isGoods(t: Tok): t is GoodsTok {
  return t.k === "item" || t.k === "refused" || t.k === "other" || t.k === "med";
}

/** Goods of some kind: catalog goods, refused goods, goods outside the catalog, a medicine. */
export type GoodsTok = Tok & { readonly k: "item" | "refused" | "other" | "med" };
/** A number that may be a count: with a unit or ×N (qty), or bare (num). */
export type CountTok = Tok & { readonly k: "qty" | "num" };
/** An intent word; `word` is its tag. */
export type KwTok = Tok & { readonly k: "kw" };
/** A separator; `word` is "hard", "soft" or "q". */
export type SepTok = Tok & { readonly k: "sep" };
/** Everything else the lexer makes (packages without a size, prices, letters, leftover words …). */
export type PlainTok = Tok & { readonly k: Exclude<TokKind, GoodsTok["k"] | CountTok["k"] | "kw" | "sep"> };
/** The tokens as the binder reads them: one union, narrowed by `k`. @public (the binder's vocabulary, not yet imported) */
export type Token = GoodsTok | CountTok | KwTok | SepTok | PlainTok;

export function isCount(t: Tok | undefined): t is CountTok {
  return t !== undefined && (t.k === "qty" || t.k === "num");
}

export function isKw(t: Tok | undefined, tag?: string): t is KwTok {
  return t !== undefined && t.k === "kw" && (tag === undefined || t.word === tag);
}

/**
 * A new token holding what `t` holds, built with the same fields in the same order as `tok`'s:
 * every token then has one hidden class in V8 (a spread copy gets one of its own, and every
 * function reading tokens would see two, and be compiled again when the second one turns up).
 */
export function copyTok(t: Tok): Tok {
  return {
    k: t.k,
    s: t.s,
    e: t.e,
    gap: t.gap,
    v: t.v,
    int: t.int,
    neg: t.neg,
    unit: t.unit,
    sku: t.sku,
    word: t.word,
    times: t.times,
    cn: t.cn,
    generic: t.generic,
  };
}

/** `t` retagged as `k`, a new token (the binder never changes a token it was given). */
export function retagged(t: Tok, k: TokKind, word: string = t.word): Tok {
  const x = copyTok(t);
  x.k = k;
  x.word = word;
  return x;
}
