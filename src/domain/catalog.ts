import { z } from "zod";

export const CategorySchema = z.enum(["package", "mother_baby", "necessity"]);
export type Category = z.infer<typeof CategorySchema>;

export const SkuSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "a sku is upper-case letters, digits and _");

export const CatalogItemSchema = z.object({
  sku: SkuSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  unit: z.string().min(1),
  category: CategorySchema,
  /** Price of one unit, in fen (1/100 yuan). */
  priceCents: z.number().int().nonnegative().default(0),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

/** The shipped catalog (../shared/contracts/README.md). Ids are stable; names and aliases are data. */
export const DEFAULT_CATALOG: readonly CatalogItem[] = [
  { sku: "PKG50", name: "50元套餐", nameEn: "50-yuan package", unit: "份", category: "package", priceCents: 5000, aliases: ["小套餐", "套餐A", "A套餐", "50套餐", "五十元套餐", "小份套餐", "小份", "小份的", "小的套餐", "小号套餐", "small package", "package a"] },
  { sku: "PKG100", name: "100元套餐", nameEn: "100-yuan package", unit: "份", category: "package", priceCents: 10000, aliases: ["中套餐", "套餐B", "B套餐", "100套餐", "一百元套餐", "中份套餐", "中份", "中份的", "中的套餐", "中号套餐", "medium package", "middle package", "package b"] },
  { sku: "PKG150", name: "150元套餐", nameEn: "150-yuan package", unit: "份", category: "package", priceCents: 15000, aliases: ["大套餐", "套餐C", "C套餐", "150套餐", "一百五十元套餐", "大份套餐", "大份", "大份的", "大的套餐", "大号套餐", "large package", "big package", "package c"] },
  { sku: "FORMULA", name: "婴儿奶粉", nameEn: "infant formula", unit: "罐", category: "mother_baby", priceCents: 19800, aliases: ["奶粉", "奶分", "formula", "baby formula", "milk powder"] },
  { sku: "DIAPERS", name: "纸尿裤", nameEn: "diapers", unit: "包", category: "mother_baby", priceCents: 6900, aliases: ["尿不湿", "尿片", "diapers", "nappies", "尿布湿", "尿布", "纸尿片"] },
  { sku: "RICE", name: "大米", nameEn: "rice", unit: "袋", category: "necessity", priceCents: 3500, aliases: ["米", "rice", "白米"] },
  { sku: "FLOUR", name: "面粉", nameEn: "flour", unit: "袋", category: "necessity", priceCents: 2500, aliases: ["白面", "面份", "小麦粉", "flour"] },
  { sku: "OIL", name: "食用油", nameEn: "cooking oil", unit: "桶", category: "necessity", priceCents: 7500, aliases: ["油", "食用由", "花生油", "菜籽油", "大豆油", "调和油", "色拉油", "玉米油", "oil", "cooking oil"] },
  { sku: "NOODLES", name: "方便面", nameEn: "instant noodles", unit: "箱", category: "necessity", priceCents: 4500, aliases: ["泡面", "速食面", "牛肉面", "红烧牛肉面", "酸菜面", "老坛酸菜面", "桶面", "袋面", "noodles", "instant noodles"] },
  { sku: "EGGS", name: "鸡蛋", nameEn: "eggs", unit: "盒", category: "necessity", priceCents: 1500, aliases: ["蛋", "鸡旦", "土鸡蛋", "eggs", "egg"] },
  { sku: "MILK", name: "牛奶", nameEn: "milk", unit: "箱", category: "necessity", priceCents: 6000, aliases: ["纯牛奶", "鲜牛奶", "milk"] },
  { sku: "SALT", name: "食盐", nameEn: "salt", unit: "袋", category: "necessity", priceCents: 300, aliases: ["盐", "salt"] },
  { sku: "SUGAR", name: "白糖", nameEn: "sugar", unit: "袋", category: "necessity", priceCents: 800, aliases: ["糖", "白砂糖", "sugar"] },
  { sku: "SOY", name: "酱油", nameEn: "soy sauce", unit: "瓶", category: "necessity", priceCents: 1000, aliases: ["生抽", "老抽", "酱由", "豉油", "soy sauce"] },
  { sku: "TISSUE", name: "卫生纸", nameEn: "toilet paper", unit: "提", category: "necessity", priceCents: 2500, aliases: ["抽纸", "纸巾", "手纸", "卷纸", "厕纸", "toilet paper", "tissue"] },
];
