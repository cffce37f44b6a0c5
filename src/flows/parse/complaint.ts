/**
 * Residents' price complaints (鸡蛋一盒卖到30块 太黑了, 大米涨到80一袋 有人管吗, 猪肉都涨到三十五一斤了):
 * no order, but a price seen, for the officials' price watch. Read only from what the message
 * itself says: the goods, the price, the unit the price is for. Never a name or a phone number.
 */
import { maskPersonalData } from "../../domain/personal-data";
import type { CatalogIndex } from "./catalog-index";
import { parseCnNumber } from "./numerals";
import type { PriceComplaint } from "./schema";
import type { Tok } from "./tokens";

// Bounded: a price has a few digits, and the expressions stay linear on long text.
const NUM = "(\\d{1,7}(?:\\.\\d{1,2})?|[零一二两三四五六七八九十百]{1,6}?)";
/** Prices are read from the start of a message only: a complaint is a sentence or two. */
const MAX_READ = 1000;
const UNIT = "(公斤|千克|斤|袋|盒|箱|桶|瓶|包|提|罐|份|个|只|条|块|kg)";
// 80一袋, 三十五一斤, 30元/斤, 12块钱一盒: a price for one unit.
const UNIT_PRICE_RE = new RegExp(`${NUM}[ ]?(?:块钱|块|元)?[ ]?(?:一|每|/)[ ]?${UNIT}`);
// 一袋45, 每斤12元, 一盒卖到30块: the unit first, then its price.
const UNIT_FIRST_RE = new RegExp(
  `(?:一|每)\\s*${UNIT}\\s*(?:要|卖|是|卖到|涨到|都)?\\s*${NUM}(?![0-9])\\s*(?:块钱|块|元)?`,
);
// 30块, 50元, 一百块钱, 卖到120: a price.
const PRICE_RE = new RegExp(
  `${NUM}\\s*(?:块钱|块|元|rmb|yuan)|(?:卖到|涨到|涨了|卖|要)\\s*${NUM.replace("(", "(?<n>")}(?![0-9])`,
);

function numberOf(s: string): number | null {
  if (/^\d/.test(s)) return Number(s);
  return parseCnNumber(s, 0, s.length);
}

/** The price complaint in a message that talks about prices (`text` normalised, lower-cased), or null. */
export function priceComplaint(
  toks: readonly Tok[],
  whole: string,
  norm: string,
  _index: CatalogIndex,
): PriceComplaint | null {
  const text = whole.length > MAX_READ ? whole.slice(0, MAX_READ) : whole;
  let price: number | null = null;
  let unit: string | null = null;
  let at: [number, number] = [0, 0];
  const per = UNIT_PRICE_RE.exec(text);
  const first = UNIT_FIRST_RE.exec(text);
  const money = PRICE_RE.exec(text);
  const unitOf = (u: string): string => (u === "公斤" || u === "千克" || u === "kg" ? "公斤" : u);
  // The price written first wins (大米一袋45 比上周贵了5块: 45, not the 5 it went up by).
  if (first && (!per || first.index < per.index) && (!money || first.index <= money.index)) {
    price = numberOf(first[2]!);
    unit = unitOf(first[1]!);
    at = [first.index, first.index + first[0].length];
  } else if (per && (!money || per.index <= money.index + money[0].length)) {
    price = numberOf(per[1]!);
    unit = unitOf(per[2]!);
    at = [per.index, per.index + per[0].length];
  } else if (money) {
    price = numberOf(money[1] ?? money.groups!.n!);
    at = [money.index, money.index + money[0].length];
  }
  if (price === null || !(price > 0) || !Number.isFinite(price)) return null;
  // The goods: the first goods named outside the price (50块 may read as the 50-yuan package).
  const goods = toks.find(
    (t) => (t.k === "item" || t.k === "other" || t.k === "refused") && (t.e <= at[0] || t.s >= at[1]),
  );
  if (!goods) return null;
  if (unit === null) {
    // 鸡蛋一盒卖到30块: the count of one beside the goods says what the price is for.
    const one = toks.find((t) => t.k === "qty" && t.v === 1 && t.unit !== "" && !t.times);
    if (one) unit = text.slice(one.s, one.e).replace(/^[一1]\s*/, "") || one.unit;
  }
  return {
    goods: maskPersonalData(norm.slice(goods.s, goods.e), { insideIdentifiers: true }).trim(),
    sku: goods.k === "item" ? goods.sku : null,
    price,
    unit,
  };
}
