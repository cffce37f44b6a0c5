// Names for the sheets of a workbook (XLSX pick lists, from the CLI export and the dashboard alike).

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
