// Pick-list workbooks and CSVs, from the CLI export and the dashboard alike: their columns and sheet names.

/**
 * A sheet name for `name` that Excel accepts and that is not in `taken` (then added to it):
 * at most 31 characters, none of : \ / ? * [ ] (each made a space), "sheet" when nothing is
 * left, a `-2`, `-3` … suffix when the name is taken. Pure apart from adding to `taken`.
 */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, " ").slice(0, 28) || "sheet";
  let s = base;
  for (let i = 2; taken.has(s); i++) s = `${base.slice(0, 26)}-${i}`;
  taken.add(s);
  return s;
}

/** The columns of a pick list, one row per household and item (the dashboard's download puts the pickup point first). */
export const PICK_LIST_COLUMNS: readonly string[] = [
  "户号 household",
  "姓名 name",
  "优先 priority",
  "sku",
  "商品 item",
  "数量 qty",
  "单位 unit",
  "金额 amount (¥)",
  "取货时段 slot",
  "已付 paid",
];
