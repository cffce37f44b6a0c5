// Commodities the officials watch: the catalog's skus plus fresh food that is not
// sold through the bot (meat, fish, vegetables). Names map to ids the way the
// parser maps goods: names and aliases are data, ids are stable.

export type StockGroup = "grain_oil" | "meat" | "fresh" | "other";

export interface Commodity {
  sku: string;
  name: string;
  nameEn: string;
  /** Prices are yuan per this unit; stock and daily use are counted in it. */
  unit: string;
  aliases: readonly string[];
}

/** What the catalog contributes (CatalogItem fits). */
export interface CatalogLike {
  sku: string;
  name: string;
  nameEn?: string | undefined;
  aliases?: readonly string[] | undefined;
  unit: string;
}

/** Fresh food watched by the officials but not ordered through the bot (prices per 斤, 500 g). */
export const EXTRA_COMMODITIES: readonly Commodity[] = [
  { sku: "PORK", name: "猪肉", nameEn: "pork", unit: "斤", aliases: ["鲜猪肉", "五花肉", "瘦肉", "肉", "pork"] },
  { sku: "BEEF", name: "牛肉", nameEn: "beef", unit: "斤", aliases: ["鲜牛肉", "beef"] },
  { sku: "CHICKEN", name: "鸡肉", nameEn: "chicken", unit: "斤", aliases: ["鸡", "整鸡", "鸡腿", "鸡胸肉", "chicken"] },
  {
    sku: "FISH",
    name: "鱼",
    nameEn: "fish",
    unit: "斤",
    aliases: ["鱼肉", "鲜鱼", "草鱼", "鲫鱼", "鲤鱼", "鲢鱼", "fish"],
  },
  {
    sku: "VEG",
    name: "蔬菜",
    nameEn: "vegetables",
    unit: "斤",
    aliases: [
      "青菜",
      "白菜",
      "大白菜",
      "小白菜",
      "包菜",
      "卷心菜",
      "菠菜",
      "生菜",
      "芹菜",
      "土豆",
      "马铃薯",
      "西红柿",
      "番茄",
      "黄瓜",
      "茄子",
      "辣椒",
      "萝卜",
      "胡萝卜",
      "洋葱",
      "冬瓜",
      "南瓜",
      "菜",
      "vegetables",
      "veg",
    ],
  },
];

/** Which stock target applies (see stock-rules.ts). */
export const STOCK_GROUP: Readonly<Record<string, StockGroup>> = {
  RICE: "grain_oil",
  FLOUR: "grain_oil",
  OIL: "grain_oil",
  PORK: "meat",
  BEEF: "meat",
  CHICKEN: "meat",
  FISH: "meat",
  VEG: "fresh",
  EGGS: "fresh",
  MILK: "fresh",
  NOODLES: "fresh",
  SUGAR: "fresh",
  SALT: "fresh",
};

export interface CommodityIndex {
  readonly all: readonly Commodity[];
  get(sku: string): Commodity | undefined;
  /** The commodity a name means, or null: exact name/alias/id first, then the longest name (of two or more characters) contained in it. */
  resolve(name: string): Commodity | null;
  /** Only an id, a name or an alias as written (setting keys). */
  exact(name: string): Commodity | null;
}

/** Full-width → ASCII, lower case, no spaces: how names are compared. */
export function normalizeName(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

export function buildCommodityIndex(
  catalog: readonly CatalogLike[],
  extra: readonly Commodity[] = EXTRA_COMMODITIES,
): CommodityIndex {
  const bySku = new Map<string, Commodity>();
  for (const c of catalog)
    bySku.set(c.sku, { sku: c.sku, name: c.name, nameEn: c.nameEn ?? c.name, unit: c.unit, aliases: c.aliases ?? [] });
  for (const e of extra) {
    const have = bySku.get(e.sku);
    // A catalog item with the same id wins, but keeps the table's aliases too.
    bySku.set(e.sku, have ? { ...have, aliases: [...new Set([...have.aliases, ...e.aliases])] } : e);
  }
  const byName = new Map<string, string>();
  // Aliases first, then names: a commodity's own name wins over another's alias.
  for (const c of bySku.values()) for (const a of c.aliases) if (normalizeName(a)) byName.set(normalizeName(a), c.sku);
  for (const c of bySku.values()) {
    byName.set(normalizeName(c.nameEn), c.sku);
    byName.set(normalizeName(c.name), c.sku);
  }
  // Single characters (米, 油, 鸡, 菜) match only as the whole name: 小米 is not rice, 羊肉 not pork.
  const byLength = [...byName.keys()].filter((n) => [...n].length >= 2).sort((a, b) => b.length - a.length);
  const all = [...bySku.values()];
  const exact = (name: string): Commodity | null => {
    const k = normalizeName(name);
    if (!k) return null;
    const sku = bySku.has(k.toUpperCase()) ? k.toUpperCase() : byName.get(k);
    return sku ? bySku.get(sku)! : null;
  };
  return {
    all,
    get: (sku) => bySku.get(sku),
    exact,
    resolve(name) {
      const hit = exact(name);
      if (hit) return hit;
      // 新鲜猪肉 → 猪肉; the longest contained name decides (鸡蛋 before 鸡).
      const k = normalizeName(name);
      const n = k ? byLength.find((x) => k.includes(x)) : undefined;
      return n ? bySku.get(byName.get(n)!)! : null;
    },
  };
}

/** Maps the keys of a setting (ids or names) to commodity ids; keys that mean nothing are kept as written. */
export function resolveKeys<T>(rec: Readonly<Record<string, T>>, index: CommodityIndex): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(rec)) out[index.exact(k)?.sku ?? k.toUpperCase()] = v;
  return out;
}
