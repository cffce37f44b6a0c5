/**
 * Words are words. The lexer matches the longest vocabulary word at each position, so a catalog
 * word is found inside longer words the vocabulary does not hold. Chinese compounds put their head
 * last: what a compound is, its last part says. 酱油饼 is a 饼, 白糖糕 a 糕, 鸡蛋卷 a 卷 — not soy
 * sauce, sugar or eggs — while 土鸡蛋 and 早餐牛奶 are still eggs and milk. So:
 * - a catalog word followed, glued, by characters the vocabulary does not know is a compound with
 *   them as its head: goods outside the catalog. One character (酱油饼), or two that end the name
 *   (鸡蛋灌饼2个; in 鸡蛋豆角各一斤 they are goods of their own, in a list written without commas).
 *   A one-character alias takes in a longer run, and goods outside the catalog: 米线, 榴莲糖. What
 *   starts a predicate (奶粉快没了, 酱油借我, 米很好), what 了 follows (酱油洒了) and what ends a
 *   sentence (要牛奶啦) is no head;
 * - a one-character alias (米, 油, 蛋, 盐, 糖) is also taken in by unknown characters before it:
 *   花生米 is not rice, 盐水鸭 is not salt, 糖水罐头 is not sugar;
 * - a compound that ends in a medicine's form (枇杷糖浆, 润喉糖 …, ./medicine-words.ts) is a
 *   medicine, and a drug name takes in the words glued before it (川贝枇杷糖浆, 葡萄糖酸钙口服液,
 *   盐酸二甲双胍缓释片): a medicine that contains a food word is a medicine.
 */
import { isDrugWord } from "./attach-context";
import { MEDICINE_SUFFIXES } from "./medicine-words";
import { isCjk } from "./normalize";
import { isCnNumeral } from "./numerals";
import type { CatalogIndex } from "./catalog-index";
import { copyTok, itemTok, type Tok } from "./tokens";
import { MEDICINE_UNITS } from "./units";

/**
 * Characters that start what is said about goods — adverbs, verbs, prepositions, sizes — or end a
 * sentence (particles): glued after goods they are never the head of a compound with them.
 */
const PREDICATE_START = new Uint8Array(65536);
for (const ch of "快很太真挺更最又才刚已曾还也都就只仅先再便却总常可能会该得应须必别没不未甭" + // adverbs, modals, negation
  "借吃喝用换补减退留剩放等比卖买够送拿给到来去存囤凑收带找交付分加是在有叫算按要订" + // verbs
  "撤删改扣免划砍除取调缺少多坏烂漏错丢寄运领" +
  "大小中新旧老鲜纯软硬厚薄粗细装" + // sizes and kinds (纸尿裤大号, 奶粉小罐, 牛奶纯的, 抽纸软抽)
  "和跟与及同或并每各共" + // joining words
  "啦咯呗哟嘞哇喽噻呐哒嘛呢么吗啊呀吧哦噢哈嗯哎唉诶欸嗷咧嘿呦哩") // particles
  PREDICATE_START[ch.charCodeAt(0)] = 1;

function glued(a: Tok, b: Tok): boolean {
  return a.e === b.s && !b.gap;
}

function isWord(t: Tok | undefined): t is Tok {
  return t !== undefined && t.k === "word";
}

/** One token spanning toks[from..to], of kind `k`. */
function spanning(toks: readonly Tok[], from: number, to: number, s: string, k: Tok["k"]): Tok {
  const first = toks[from]!;
  const last = toks[to]!;
  return {
    ...first,
    k,
    s: first.s,
    e: last.e,
    gap: first.gap,
    word: s.slice(first.s, last.e),
    sku: "",
    generic: false,
  };
}

function isOtherGoods(t: Tok | undefined): t is Tok {
  return t !== undefined && (t.k === "refused" || t.k === "other");
}

/**
 * The unknown word at toks[j], glued after catalog goods, is the head of a compound with them: not
 * what starts a predicate (奶粉快没了, 一合), nor what 了 / 着 / 过 follow (酱油洒了). After a word of
 * two characters or more the head is one character (酱油饼), or two ending the name — a count, a
 * separator, an order word or the end after it (鸡蛋灌饼2个; 鸡蛋豆角各一斤 is a list).
 */
function headAfter(toks: readonly Tok[], j: number, s: string, alias: boolean): boolean {
  const w = toks[j];
  if (!isWord(w)) return false;
  const c = s.charCodeAt(w.s);
  if (!isCjk(c) || PREDICATE_START[c] === 1 || isCnNumeral(c) || ASPECT.has(s[w.e]!)) return false;
  const len = w.e - w.s;
  if (alias || len === 1) return true;
  if (len > 2) return false;
  const after = toks[j + 1];
  return (
    after === undefined ||
    after.gap ||
    after.k === "sep" ||
    after.k === "qty" ||
    after.k === "num" ||
    (after.k === "kw" && after.word === "verb")
  );
}
const ASPECT = new Set(Array.from("了着过"));

/**
 * Catalog goods glued to what continues them into another word: one word, unknown (花生米, 酱油饼)
 * or of the goods outside the catalog it ends in (榴莲糖, 无糖饼干), or a medicine (枇杷糖浆).
 * Brands and kinds written before goods (低钠盐, 珍珠米: ./goods-words.ts) are not unknown
 * characters. One pass.
 */
function joinGluedGoods(toks: readonly Tok[], s: string, index: CatalogIndex): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== "item" || !isCjk(s.charCodeAt(t.s))) {
      out.push(t);
      continue;
    }
    const alias = t.e - t.s === 1;
    const prev = out[out.length - 1];
    const next = toks[i + 1];
    // Before (one-character aliases only): a word of two characters or more (花生米; 要米 and 没米 stay rice).
    const leftWord = alias && (isWord(prev) || isOtherGoods(prev)) && glued(prev, t);
    const left = leftWord && prev.e - prev.s >= 2;
    // After: the head of the compound (油条, 酱油饼); for a one-character alias also goods (榴莲糖 is candy).
    const right =
      next !== undefined && glued(t, next) && (headAfter(toks, i + 1, s, alias) || (alias && isOtherGoods(next)));
    if (!left && !right) {
      out.push(t);
      continue;
    }
    // 卫生纸巾: the head with the end of the catalog word is catalog goods itself (纸巾): those goods.
    const overlap = right && !left && next ? catalogWordEndingAt(s, t.s + 1, next.e, index) : null;
    if (overlap && next) {
      out.push(itemTok(overlap, t.s, next.e, t.gap));
      i++;
      continue;
    }
    const parts = [...(leftWord ? [out.pop()!] : []), t, ...(right ? [next] : [])];
    const whole = spanning(parts, 0, parts.length - 1, s, "word");
    // The compound is goods outside the catalog when a part of it is (无糖饼干 is 饼干), a medicine when
    // it ends in a medicine's form (枇杷糖浆: left a word, for the drug name to take in what is before it).
    const goods = parts.find(isOtherGoods);
    const form = medicineForm(whole.word);
    if (form === "named") whole.k = "word";
    else if (form === "kind") {
      // 糖浆 by itself (糖 + 浆): a kind of medicine.
      whole.k = "med";
      whole.generic = true;
    } else if (goods) whole.k = goods.k;
    else if (!alias) whole.k = "other";
    out.push(whole);
    if (right) i++;
  }
  return out;
}

/** A catalog word starting inside s[from‥end) and ending exactly at `end` (卫生|纸巾): its sku. */
function catalogWordEndingAt(s: string, from: number, end: number, index: CatalogIndex): string | null {
  for (let k = from; k < end - 1; k++) {
    const m = index.lexicon.match(s, k);
    if (m && m.end === end && m.value.k === "item") return m.value.sku;
  }
  return null;
}

/**
 * A compound that ends in a medicine's form — one of two characters or more (糖浆, 含片, 胶囊, 口服液),
 * or 药 / 剂 / 栓, not 片, 丸 or 贴 alone, which make foods of food words too (牛奶片, 鱼丸, 锅贴) — names
 * a medicine ("named": 枇杷糖浆), or is that form by itself ("kind": 糖浆).
 */
function medicineForm(w: string): "named" | "kind" | null {
  for (const f of MEDICINE_SUFFIXES)
    if (f.length >= 2 && w.endsWith(f)) return w.length > f.length ? (isDrugWord(w) ? "named" : null) : "kind";
  return isDrugWord(w) && !FOOD_FORMS.has(w[w.length - 1]!) ? "named" : null;
}
const FOOD_FORMS = new Set(Array.from("片丸贴"));

/** A drug name (a medicine, or a word with a drug's ending) takes in what is glued before it. */
function absorbIntoDrugNames(toks: readonly Tok[], s: string): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    const drug = t.k === "med" ? !t.generic : t.k === "word" && isDrugWord(t.word);
    if (!drug) {
      out.push(t);
      continue;
    }
    let first = t;
    while (out.length) {
      const p = out[out.length - 1]!;
      if (!glued(p, first) || !(p.k === "item" || p.k === "refused" || p.k === "other" || p.k === "word")) break;
      // 帮忙带瓶风油精, 买盒蒙脱石散: a unit before the name (一瓶, 一盒 with 一 left out) is no part of it.
      if (p.k === "word" && p.e - p.s === 1 && MEDICINE_UNITS.has(p.word)) break;
      first = out.pop()!;
    }
    if (first === t && t.k === "med") {
      out.push(t);
      continue;
    }
    const med = copyTok(t);
    med.k = "med";
    med.s = first.s;
    med.gap = first.gap;
    med.word = s.slice(first.s, t.e);
    med.sku = "";
    med.generic = false;
    out.push(med);
  }
  return out;
}

/** Token-level fixes of word boundaries, after the lexer and before goods are assembled. */
export function wholeWords(toks: readonly Tok[], s: string, index: CatalogIndex): Tok[] {
  return absorbIntoDrugNames(joinGluedGoods(toks, s, index), s);
}
