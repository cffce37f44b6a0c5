// What officials type, read into values: price lists, stock reports, a notice's
// scope and the /rumour sub-commands. Pure; the syntax is documented in HELP_OFFICIALS.
import type { Commodity, CommodityIndex } from "./commodities";

export interface PriceEntry {
  sku: string;
  names: string[];
  price: number;
}
export interface StockEntry {
  sku: string;
  name: string;
  stock: number;
  dailyUse: number;
}

export interface Parsed<T> {
  entries: T[];
  /** Names that are no commodity we know. */
  unknown: string[];
  /** Commodities named without the numbers they need. */
  incomplete: string[];
}

/** A pasted daily list: `今日价格 猪肉28 鸡蛋6.2 白菜2.5` (also 今日菜价 / 今日物价 / 价格播报, with a date in brackets). */
const PRICE_LIST_HEADER = /^\s*(?:今日价格|今日菜价|今日物价|价格播报|今日价格播报)\s*(?:[(（][^)）]*[)）])?\s*[:：]?/;

export function isPriceList(text: string): boolean {
  return PRICE_LIST_HEADER.test(text.normalize("NFKC"));
}

export function stripPriceListHeader(text: string): string {
  return text.normalize("NFKC").replace(PRICE_LIST_HEADER, "");
}

/** Words that only say a unit or a label (元/斤, 库存, 日耗 …) and are skipped inside an entry. */
const LABEL =
  /^(?:[元块钱每斤公千克袋盒桶箱瓶提包罐个只条份约左右]+|kg|库存|存量|现有|日耗|日均|日用|每天|每日|消耗|用量|天|价格|单价|现价|零售价|rmb|yuan)+$/i;

type Token = { kind: "name"; text: string } | { kind: "num"; value: number };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /(\d+(?:\.\d+)?)|([\p{L}]+)/gu;
  for (const m of text.normalize("NFKC").matchAll(re)) {
    if (m[1] !== undefined) out.push({ kind: "num", value: Number(m[1]) });
    else out.push({ kind: "name", text: m[2]! });
  }
  return out;
}

/**
 * Reads `<name> <n1> … <nk>` entries: a name that is a commodity starts an entry,
 * the next `k` numbers fill it; unit and label words in between are skipped.
 */
function entries(
  text: string,
  index: CommodityIndex,
  k: number,
): { done: Array<{ c: Commodity; name: string; nums: number[] }>; unknown: string[]; incomplete: string[] } {
  const done: Array<{ c: Commodity; name: string; nums: number[] }> = [];
  const unknown: string[] = [];
  const incomplete: string[] = [];
  let cur: { c: Commodity; name: string; nums: number[] } | null = null;
  let stray: string | null = null; // an unknown name, waiting for its number
  const close = () => {
    if (cur && cur.nums.length < k) incomplete.push(cur.name);
    cur = null;
  };
  for (const t of tokens(text)) {
    if (t.kind === "num") {
      if (cur && cur.nums.length < k) {
        cur.nums.push(t.value);
        if (cur.nums.length === k) {
          done.push(cur);
          cur = null;
        }
      } else if (stray) {
        unknown.push(stray);
        stray = null;
      }
      continue;
    }
    if (LABEL.test(t.text)) continue;
    const c = index.resolve(t.text);
    if (c) {
      close();
      if (stray) unknown.push(stray);
      stray = null;
      cur = { c, name: t.text, nums: [] };
    } else if (!cur) {
      if (stray) unknown.push(stray);
      stray = t.text;
    } // else: a word inside an entry (大米 现有3000袋) says nothing more
  }
  close();
  if (stray) unknown.push(stray);
  return { done, unknown, incomplete };
}

/** `猪肉 30` · `猪肉30元/斤 鸡蛋6.2` · `PORK 30`. Several prices for one commodity (白菜2.5 土豆3) are averaged. */
export function parsePrices(text: string, index: CommodityIndex): Parsed<PriceEntry> {
  const r = entries(text, index, 1);
  const by = new Map<string, { names: string[]; prices: number[] }>();
  const bad: string[] = [];
  for (const e of r.done) {
    const p = e.nums[0]!;
    if (!(p > 0 && p < 100_000)) {
      bad.push(e.name);
      continue;
    }
    const g = by.get(e.c.sku) ?? { names: [], prices: [] };
    g.names.push(e.name);
    g.prices.push(p);
    by.set(e.c.sku, g);
  }
  const out = [...by].map(([sku, g]) => ({
    sku,
    names: g.names,
    price: round2(g.prices.reduce((a, b) => a + b, 0) / g.prices.length),
  }));
  return { entries: out, unknown: r.unknown, incomplete: [...r.incomplete, ...bad] };
}

/** `大米 3000 600` (stock, daily use, in the commodity's unit) · `大米 库存3000 日耗600 面粉 800 100`. */
export function parseStocks(text: string, index: CommodityIndex): Parsed<StockEntry> {
  const r = entries(text, index, 2);
  const out: StockEntry[] = [];
  const bad: string[] = [];
  for (const e of r.done) {
    const [stock, dailyUse] = e.nums as [number, number];
    if (!(stock >= 0 && dailyUse > 0)) {
      bad.push(e.name);
      continue;
    }
    out.push({ sku: e.c.sku, name: e.name, stock, dailyUse });
  }
  return { entries: out, unknown: r.unknown, incomplete: [...r.incomplete, ...bad] };
}

export type NoticeScope = "all" | { village: string; grid?: string };

/** `/notice 文本` (every group) · `/notice @张家村 文本` (one village) · `/notice @张家村/1 文本` (one grid). */
/**
 * `/notice [@村[/网格]] text`. A notice that starts with 紧急 / 【紧急】 / 急 or `!` is urgent:
 * it goes ahead of the answers to residents (a `!` is not sent; the words are).
 */
export function parseNotice(args: string): { scope: NoticeScope; text: string; urgent: boolean } | null {
  const t = args.trim(); // the text goes out as written (full-width punctuation kept)
  const m = /^[@＠](\S+?)(?:[/／](\S+))?(?:\s+|$)([\s\S]*)$/.exec(t);
  const scope: NoticeScope | null = !m
    ? "all"
    : /^(所有人|全体|全部|all)$/i.test(m[1]!)
      ? "all"
      : m[2]
        ? { village: m[1]!, grid: m[2] }
        : { village: m[1]! };
  let text = (m ? m[3]! : t).trim();
  const bang = /^[!！]\s*/.exec(text);
  if (bang) text = text.slice(bang[0].length);
  if (!text || !scope) return null;
  return { scope, text, urgent: !!bang || /^(【紧急】|紧急|急)/.test(text) };
}

export type RumourArgs =
  | { kind: "broadcast"; text: string }
  | { kind: "watch"; keywords: string[]; text: string }
  | { kind: "list" }
  | { kind: "stop"; id: string }
  | { kind: "bad" };

/**
 * `/rumour <text>`: broadcast a correction.
 * `/rumour watch <关键词> <text>`: keywords before the correction, one word with `,` `，` `、` between
 * them (封城,断粮), or several words ended by `|` or a line break (封城 断粮 | 不实消息…).
 * `a+b` needs both words in a message. `/rumour list`, `/rumour stop <编号>`.
 */
export function parseRumour(args: string): RumourArgs {
  const t = args.trim(); // the correction goes out as written
  if (!t) return { kind: "bad" };
  const [head = "", ...rest] = t.split(/[ \t]+/);
  const sub = head.toLowerCase();
  if (sub === "list" || sub === "列表") return { kind: "list" };
  if (sub === "stop" || sub === "停止" || sub === "取消")
    return rest[0] ? { kind: "stop", id: rest[0] } : { kind: "bad" };
  if (sub !== "watch" && sub !== "监测" && sub !== "关键词") return { kind: "broadcast", text: t };
  const body = t.slice(head.length).trim();
  const cut = /\s*[|｜\n]\s*/.exec(body);
  let words: string;
  let text: string;
  if (cut) {
    words = body.slice(0, cut.index);
    text = body.slice(cut.index + cut[0].length);
  } else {
    const sp = /\s+/.exec(body);
    if (!sp) return { kind: "bad" };
    words = body.slice(0, sp.index);
    text = body.slice(sp.index + sp[0].length);
  }
  const keywords = [
    ...new Set(
      words
        .split(/[\s,，、;；]+/)
        .map((w) => w.trim())
        .filter((w) => w.replace(/\+/g, "").length > 0),
    ),
  ];
  text = text.trim();
  if (keywords.length === 0 || !text) return { kind: "bad" };
  return { kind: "watch", keywords, text };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
