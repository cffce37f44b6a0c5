import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG } from "../../src/domain/catalog";
import { buildCommodityIndex, resolveKeys } from "../../src/flows/officials/commodities";

const index = buildCommodityIndex(DEFAULT_CATALOG);

describe("commodity names → ids", () => {
  it.each([
    ["猪肉", "PORK"],
    ["PORK", "PORK"],
    ["pork", "PORK"],
    ["五花肉", "PORK"],
    ["新鲜猪肉", "PORK"],
    ["肉", "PORK"],
    ["牛肉", "BEEF"],
    ["牛奶", "MILK"],
    ["鸡肉", "CHICKEN"],
    ["鸡", "CHICKEN"],
    ["鸡蛋", "EGGS"],
    ["土鸡蛋", "EGGS"],
    ["蛋", "EGGS"],
    ["鱼", "FISH"],
    ["草鱼", "FISH"],
    ["白菜", "VEG"],
    ["青菜", "VEG"],
    ["土豆", "VEG"],
    ["西红柿", "VEG"],
    ["黄瓜", "VEG"],
    ["蔬菜", "VEG"],
    ["大米", "RICE"],
    ["米", "RICE"],
    ["东北大米", "RICE"],
    ["面粉", "FLOUR"],
    ["食用油", "OIL"],
    ["油", "OIL"],
    ["花生油", "OIL"],
    ["菜籽油", "OIL"],
    ["方便面", "NOODLES"],
    ["泡面", "NOODLES"],
    ["盐", "SALT"],
    ["白糖", "SUGAR"],
    ["ＲＩＣＥ", "RICE"],
  ])("%s → %s", (name, sku) => {
    expect(index.resolve(name)?.sku).toBe(sku);
  });
  it.each(["羊肉", "小米", "香烟", "", "鸡精"])("%s is no commodity", (name) => {
    expect(index.resolve(name)).toBeNull();
  });
  it("has the catalog's units and 斤 for fresh food", () => {
    expect(index.get("RICE")?.unit).toBe("袋");
    expect(index.get("PORK")?.unit).toBe("斤");
    expect(index.get("VEG")?.name).toBe("蔬菜");
  });
  it("a catalog item with the table's id wins, keeping the table's aliases", () => {
    const i = buildCommodityIndex([...DEFAULT_CATALOG, { sku: "PORK", name: "冷鲜猪肉", unit: "公斤", aliases: [] }]);
    expect(i.get("PORK")?.unit).toBe("公斤");
    expect(i.resolve("五花肉")?.sku).toBe("PORK");
  });
  it("maps setting keys given as names", () => {
    expect(resolveKeys({ 猪肉: 26, RICE: 10, pork2: 1 }, index)).toEqual({ PORK: 26, RICE: 10, PORK2: 1 });
  });
});
