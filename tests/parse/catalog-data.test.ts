// The catalog is data: goods, aliases and packages added by officials are read without code changes.
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, type CatalogItem } from "../../src/domain/catalog";
import { buildCatalogIndex, parseMessage, REFUSED_GOODS } from "../../src/flows/parse";

const extra: CatalogItem[] = [
  ...DEFAULT_CATALOG.map((i) => (i.sku === "EGGS" ? { ...i, aliases: [...i.aliases, "笨鸡蛋"] } : i)),
  { sku: "PKG200", name: "200元套餐", unit: "份", category: "package", priceCents: 20000, aliases: ["豪华套餐"] },
  { sku: "PORK", name: "猪肉", unit: "斤", category: "necessity", priceCents: 2600, aliases: ["五花肉"] },
  { sku: "FRUIT", name: "水果", unit: "份", category: "necessity", priceCents: 3000, aliases: ["水果包"] },
];
const index = buildCatalogIndex(extra);
const parse = (text: string) => parseMessage({ text }, index);

describe("catalog as data", () => {
  it("a new alias", () => expect(parse("3-2-501 笨鸡蛋2盒").items).toEqual([{ sku: "EGGS", qty: 2 }]));
  it("a new package by price", () => expect(parse("3-2-501 200元套餐1份").items).toEqual([{ sku: "PKG200", qty: 1 }]));
  it("a new package by its alias", () =>
    expect(parse("3-2-501 豪华套餐 2份").items).toEqual([{ sku: "PKG200", qty: 2 }]));
  it("a new good that used to be unknown", () => {
    const r = parse("3-2-501 五花肉2斤");
    expect(r.items).toEqual([{ sku: "PORK", qty: 2 }]);
    expect(r.rejected).toEqual([]);
  });
  it("a catalog entry wins over the refused list", () =>
    expect(parse("3-2-501 水果1份").items).toEqual([{ sku: "FRUIT", qty: 1 }]));
  it("the refused list is data", () => {
    expect(REFUSED_GOODS.some((g) => g.word === "香烟" && g.category === "tobacco")).toBe(true);
    expect(REFUSED_GOODS.some((g) => g.word === "奶茶")).toBe(true);
  });
});
