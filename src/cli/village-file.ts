// Reads a village set-up file (YAML). Errors name the file, the line and the field.
import fs from "node:fs";
import path from "node:path";
import { parseCsv } from "../domain/csv";
import { LineCounter, parseDocument, isNode } from "yaml";
import { HOUSEHOLD_CSV_COLUMNS, HouseholdSpecSchema, SetupSpecSchema, type SetupSpec } from "../app/setup-spec";

export class VillageFileError extends Error {}

export function readVillageFile(file: string): SetupSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new VillageFileError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = lc.linePos(e.pos[0]).line;
    throw new VillageFileError(`${file}:${line}: ${e.message.split("\n")[0]}`);
  }
  const js = doc.toJS() as unknown;
  // `households: households.csv`: a town's households come from a spreadsheet (and a
  // CSV of 10,000 is read in milliseconds, where YAML takes seconds).
  if (js && typeof js === "object" && "households" in js && typeof js.households === "string") {
    js.households = readHouseholdsCsv(path.resolve(path.dirname(file), js.households));
  }
  const r = SetupSpecSchema.safeParse(js);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const at = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  // The deepest node that exists in the document gives the line.
  let line = 1;
  for (let i = at.length; i >= 0; i--) {
    const node = doc.getIn(at.slice(0, i), true);
    if (isNode(node) && node.range) {
      line = lc.linePos(node.range[0]).line;
      break;
    }
  }
  const field =
    at
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
      .join("")
      .replace(/^\./, "") || "(top)";
  throw new VillageFileError(`${file}:${line}: ${field}: ${issue.message}`);
}

/** A households CSV: a header row naming the columns, then one household a row. Errors name the file, the line and the column. */
export function readHouseholdsCsv(file: string): Array<Record<string, unknown>> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new VillageFileError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const [head, ...rows] = parseCsv(text);
  if (!head) return [];
  const columns = head.cells.map((c) => c.trim());
  const unknown = columns.find((c) => !(HOUSEHOLD_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown !== undefined)
    throw new VillageFileError(
      `${file}:${head.line}: unknown column "${unknown}" (columns: ${HOUSEHOLD_CSV_COLUMNS.join(", ")})`,
    );
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = (r.cells[i] ?? "").trim();
      if (v === "") return;
      o[c] = c === "specialCare" ? /^(true|yes|1|是|y)$/i.test(v) : v;
    });
    const checked = HouseholdSpecSchema.safeParse(o);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new VillageFileError(`${file}:${r.line}: ${issue.path.join(".") || "(row)"}: ${issue.message}`);
    }
    return o;
  });
}
