// How long the parser and the masking take on 100,000-character messages of the shapes that
// once made them slow (tests/parse/properties.test.ts, multi-household.test.ts and
// personal-data.test.ts check the same shapes for correctness, without timing them).
// A shape that takes much more than the others has gone superlinear.
import { DEFAULT_CATALOG } from "../src/domain/catalog";
import { maskPersonalData } from "../src/domain/personal-data";
import { buildCatalogIndex, parseMessage } from "../src/flows/parse";

const SHAPES: [string, string][] = [
  ["an order repeated", "3-2-501 王五 100元套餐1份，鸡蛋2盒 香烟一条 奶粉×2 谢谢团长！ "],
  ["digits", "1"],
  ["Chinese numerals", "一二三四五六七八九十"],
  ["dashes and digits", "1-"],
  ["a 接龙 body", "#接龙\n1. 3-2-501 2罐\n"],
  ["quotes", "「张三："],
  ["brackets", "[语音"],
  ["spaces", " "],
  ["WeChat separators", "- "],
  ["list numbers", "1. 2. 3. "],
  ["mentions", "@"],
  ["a price complaint's numerals", "涨到一一一"],
  ["goods named again", "没米了 要一袋米 "],
];

const SIZE = 100_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

function timed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export async function benchLongInputs(): Promise<Record<string, number | string>> {
  const index = buildCatalogIndex(DEFAULT_CATALOG);
  const parse = (text: string) => parseMessage({ text }, index);
  parse("3-2-501 鸡蛋2盒"); // warm up
  const out: Record<string, number | string> = {};
  for (const [label, unit] of SHAPES) out[`parse 100k: ${label} (ms)`] = Math.round(timed(() => parse(repeat(unit))));
  let households = "";
  for (let i = 0; households.length < SIZE; i++)
    households += `${1 + (i % 30)}-${1 + (Math.floor(i / 30) % 4)}-${100 + (i % 997)} 鸡蛋1盒 `;
  out["parse 100k: distinct households (ms)"] = Math.round(timed(() => parse(households.slice(0, SIZE))));
  const phones = `${"1".repeat(SIZE)} 13812345678 ${"3-2-501 ".repeat(10_000)}`;
  out["mask 180k: digits, a phone, households (ms)"] = Math.round(timed(() => maskPersonalData(phones)));
  const all = Object.values(out).filter((v): v is number => typeof v === "number");
  out["slowest (ms)"] = Math.max(...all);
  return out;
}
