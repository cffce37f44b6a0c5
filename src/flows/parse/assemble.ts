/**
 * Joins tokens into the goods people name in more than one piece: packages by price
 * (100元套餐, 100的, 一百元的套餐, 100 yuan package, a bare 100元 in a package list), by
 * letter or size (套餐B, B套餐), and English quantities (2 cans).
 */
import type { CatalogIndex } from "./catalog-index";
import { itemTok, tok, type Tok } from "./tokens";

export interface AssembleContext {
  /** A bare price (150元) names a package: in a 接龙 list, or when the message talks of 套餐. */
  readonly packageContext: boolean;
  /** A 接龙 legend's labels (A套餐50 B套餐100 → a → PKG50, b → PKG100). */
  readonly labels?: ReadonlyMap<string, string> | undefined;
}

function packageItem(index: CatalogIndex, price: number, s: number, e: number, gap: boolean, text: string): Tok {
  const sku = index.packageByPrice.get(price);
  if (sku !== undefined) {
    return itemTok(sku, s, e, gap);
  }
  // A package at a price the catalog does not have (200元套餐): goods we cannot supply.
  const t = tok("other", s, e, gap);
  t.word = text;
  return t;
}

function unitTailItem(index: CatalogIndex, unit: string, w: Tok): Tok[] | null {
  for (const len of [2, 1]) {
    if (w.word.length < len) continue;
    const sku = index.byUnitTail.get(`${unit}|${w.word.slice(0, len)}`);
    if (sku === undefined) continue;
    const it = itemTok(sku, w.s, w.s + len, w.gap);
    if (len === w.word.length) return [it];
    const rest = tok("word", w.s + len, w.e, false);
    rest.word = w.word.slice(len);
    return [it, rest];
  }
  return null;
}

const VEG_WORDS = new Set(["菜", "菜品", "菜包", "菜篮", "菜篮子"]);

function isQtyBefore(prev: Tok | undefined, t: Tok): boolean {
  return prev !== undefined && prev.k === "qty" && !prev.times && prev.e === t.s;
}

function isDe(t: Tok | undefined): boolean {
  return t !== undefined && t.k === "kw" && t.word === "de";
}

/**
 * A bare 100元 is a package unless what stands before it makes it a price of something else:
 * goods (鸡蛋15元), a total (一共100元), a verb glued to it (转了100元), a question.
 */
function priceIsSomethingElse(prev: Tok | undefined, price: Tok): boolean {
  if (!prev) return false;
  if (prev.k === "item" || prev.k === "other" || prev.k === "refused" || prev.k === "med") return !price.gap;
  if (prev.k === "kw")
    return (
      prev.word === "bridge" ||
      prev.word === "describe" ||
      prev.word === "q" ||
      (!price.gap && prev.word !== "verb" && prev.word !== "de")
    );
  if (prev.k === "word" || prev.k === "latin") return !price.gap;
  return false;
}

export function assemble(toks: readonly Tok[], index: CatalogIndex, ctx: AssembleContext, text: string): Tok[] {
  const out: Tok[] = [];
  let pkgMentioned = ctx.packageContext;
  if (!pkgMentioned) for (const t of toks) if (t.k === "pkg") pkgMentioned = true;
  const n = toks.length;
  let carryGap = false;
  for (let i = 0; i < n; i++) {
    let t = toks[i]!;
    // A brand (金龙鱼, 飞鹤) says which kind of goods, not what: it is skipped.
    if (t.k === "notgoods" && t.word === "brand") {
      carryGap ||= t.gap;
      continue;
    }
    if (carryGap) {
      t.gap = true;
      carryGap = false;
    }
    let nx = toks[i + 1];
    // English: 2 cans → qty; 100 yuan → price.
    if (t.k === "num" && nx && nx.k === "unitw") {
      const q = tok("qty", t.s, nx.e, t.gap);
      q.v = t.v;
      q.int = t.int;
      q.neg = t.neg;
      q.unit = nx.unit;
      q.cn = t.cn;
      t = q;
      i++;
      nx = toks[i + 1];
    } else if (t.k === "num" && nx && nx.k === "yuan") {
      const p = tok("price", t.s, nx.e, t.gap);
      p.v = t.v;
      p.int = t.int;
      t = p;
      i++;
      nx = toks[i + 1];
    }
    if ((t.k === "price" || (t.k === "num" && t.int && t.v >= 10 && !t.neg)) && t.word !== "a") {
      let j = i + 1;
      if (isDe(toks[j])) j++;
      const after = toks[j];
      // 100元的菜 / 一百块的菜品: the vegetable package at that price.
      if (
        after &&
        after.k === "word" &&
        !after.gap &&
        VEG_WORDS.has(after.word) &&
        index.packageByPrice.has(t.v) &&
        (t.k === "price" || j > i + 1)
      ) {
        out.push(packageItem(index, t.v, t.s, after.e, t.gap, text.slice(t.s, after.e)));
        i = j;
        continue;
      }
      if (after && after.k === "pkg") {
        out.push(packageItem(index, t.v, t.s, after.e, t.gap, text.slice(t.s, after.e)));
        i = j;
        continue;
      }
      if (
        isDe(nx) &&
        index.packageByPrice.has(t.v) &&
        !(toks[i + 2] && toks[i + 2]!.k === "item" && !toks[i + 2]!.gap)
      ) {
        out.push(packageItem(index, t.v, t.s, nx!.e, t.gap, text.slice(t.s, nx!.e)));
        i++;
        continue;
      }
      // In a 接龙 list a lone 150 is the 150元 package.
      if (
        t.k === "num" &&
        ctx.packageContext &&
        !t.cn &&
        index.packageByPrice.has(t.v) &&
        (!nx || nx.gap || nx.k === "sep")
      ) {
        out.push(packageItem(index, t.v, t.s, t.e, t.gap, text.slice(t.s, t.e)));
        continue;
      }
      // 150一份 / 100 两份 / 100*1: a package price counted in 份 (or times) is that package.
      if (
        t.k === "num" &&
        !t.cn &&
        index.packageByPrice.has(t.v) &&
        nx &&
        nx.k === "qty" &&
        (nx.unit === "份" || nx.times) &&
        !priceIsSomethingElse(out[out.length - 1], t)
      ) {
        out.push(packageItem(index, t.v, t.s, t.e, t.gap, text.slice(t.s, t.e)));
        continue;
      }
      if (t.k === "price" && index.packageByPrice.has(t.v) && t.int) {
        const qtyAfter = nx !== undefined && nx.k === "qty" && (nx.unit === "份" || nx.unit === "个");
        if (pkgMentioned || qtyAfter || !priceIsSomethingElse(out[out.length - 1], t)) {
          out.push(packageItem(index, t.v, t.s, t.e, t.gap, text.slice(t.s, t.e)));
          continue;
        }
      }
    }
    // 牛肉味 / 草莓口味: a flavour of the goods beside it, not goods asked for.
    if (
      (t.k === "other" || t.k === "refused") &&
      nx &&
      nx.k === "word" &&
      !nx.gap &&
      (nx.word.startsWith("味") || nx.word.startsWith("口味"))
    ) {
      const spec = tok("notgoods", t.s, nx.e, t.gap);
      spec.word = "spec";
      out.push(spec);
      i++;
      continue;
    }
    // 两提纸 / 一箱奶: a word the catalog does not know, named by its unit and the end of a name.
    if (t.k === "qty" && !t.times && nx && nx.k === "word" && !nx.gap && index.byUnitTail.size) {
      const split = unitTailItem(index, t.unit, nx);
      if (split) {
        out.push(t);
        out.push(...split);
        i++;
        continue;
      }
    }
    if (t.k === "pkg" && nx) {
      // 套餐B / taocan A (a lone "a" after the package word is its letter, not "one").
      const it =
        (nx.k === "letter" || nx.k === "latin" || (nx.k === "num" && nx.word === "a")) &&
        labelledPackage(index, nx.word, t, nx);
      if (it) {
        out.push(it);
        i++;
        continue;
      }
      if ((nx.k === "price" || (nx.k === "num" && nx.int)) && index.packageByPrice.has(nx.v)) {
        // 套餐一百元的 两份: the 的 closes the name.
        const de = isDe(toks[i + 2]) && !toks[i + 2]!.gap;
        const it = itemTok(index.packageByPrice.get(nx.v)!, t.s, de ? toks[i + 2]!.e : nx.e, t.gap);
        out.push(it);
        i += de ? 2 : 1;
        continue;
      }
    }
    if (
      t.k === "pkg" &&
      ((nx && (nx.k === "qty" || nx.k === "num") && !nx.gap) || isQtyBefore(out[out.length - 1], t))
    ) {
      // 一份套餐 / 套餐两份 without saying which: goods we cannot pick.
      const o = tok("other", t.s, t.e, t.gap);
      o.word = text.slice(t.s, t.e);
      out.push(o);
      continue;
    }
    // 5-1-101 B 1份 under a legend (A套餐50 B套餐100 C套餐150): the package the letter labels.
    // ("a" is read as the English "one" by the lexer: under a legend, before a count, it is the label.)
    const label =
      t.k === "letter"
        ? t.word
        : t.k === "num" && t.word === "a" && nx && (nx.k === "qty" || nx.k === "num")
          ? "a"
          : "";
    if (label && ctx.labels?.has(label) && (!nx || nx.k === "qty" || nx.k === "num" || nx.k === "sep" || nx.gap)) {
      out.push(itemTok(ctx.labels.get(label)!, t.s, t.e, t.gap));
      continue;
    }
    const labelled =
      (t.k === "letter" || t.k === "latin") && nx && nx.k === "pkg" && labelledPackage(index, t.word, t, nx);
    if (labelled) {
      out.push(labelled);
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** 套餐B / B套餐: the package a letter names, as one item token spanning both, or null. */
function labelledPackage(index: CatalogIndex, label: string, first: Tok, last: Tok): Tok | null {
  const sku = index.packageByLabel.get(label);
  if (sku === undefined) return null;
  return itemTok(sku, first.s, last.e, first.gap);
}
