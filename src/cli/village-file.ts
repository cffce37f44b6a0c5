// Reads a village set-up file (YAML). Errors name the file, the line and the field.
import fs from "node:fs";
import { LineCounter, parseDocument, isNode } from "yaml";
import { SetupSpecSchema, type SetupSpec } from "../app/setup-spec";

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
  const r = SetupSpecSchema.safeParse(doc.toJS());
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  // The deepest node that exists in the document gives the line.
  let line = 1;
  for (let i = path.length; i >= 0; i--) {
    const node = doc.getIn(path.slice(0, i), true);
    if (isNode(node) && node.range) {
      line = lc.linePos(node.range[0]).line;
      break;
    }
  }
  const field = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "") || "(top)";
  throw new VillageFileError(`${file}:${line}: ${field}: ${issue.message}`);
}
