// The one CSV writer: UTF-8 with a BOM (so Excel reads the Chinese), RFC 4180 quoting,
// and a text cell that starts like a formula (= + - @) kept as text in a spreadsheet.
export type CsvCell = string | number | null | undefined;

export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  const safe = typeof v === "string" && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}
