/**
 * `bin/baogong parse`: JSON lines in ({"text", "sender"?}), one JSON line out per line, in order.
 * A bad line never stops the run; it gets {"kind":"none", …, "error"}. Output is written in
 * chunks: one write per line would cost more than the parsing.
 */
import { StringDecoder } from "node:string_decoder";
import { DEFAULT_CATALOG, type CatalogItem } from "../domain/catalog";
import { buildCatalogIndex, emptyResult, parseMessage, ParseInputSchema, type CatalogIndex } from "../flows/parse";

const FLUSH_AT = 1 << 16;

function parseLine(line: string, index: CatalogIndex): string {
  if (line.trim() === "") return JSON.stringify(emptyResult("empty line"));
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return JSON.stringify(emptyResult("not JSON"));
  }
  const input = ParseInputSchema.safeParse(value);
  if (!input.success) return JSON.stringify(emptyResult('expected {"text": string, "sender"?: string}'));
  return JSON.stringify(parseMessage(input.data, index));
}

function write(output: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = output.write(chunk, (err) => {
      if (err) reject(err);
    });
    if (ok) resolve();
    else output.once("drain", () => resolve());
  });
}

export async function runParseCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  catalog: readonly CatalogItem[] = DEFAULT_CATALOG,
): Promise<void> {
  const index = buildCatalogIndex(catalog);
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let out = "";
  const handle = async (line: string): Promise<void> => {
    out += parseLine(line.endsWith("\r") ? line.slice(0, -1) : line, index) + "\n";
    if (out.length >= FLUSH_AT) {
      const chunk = out;
      out = "";
      await write(output, chunk);
    }
  };
  for await (const chunk of input) {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    let nl: number;
    while ((nl = pending.indexOf("\n", start)) >= 0) {
      await handle(pending.slice(start, nl));
      start = nl + 1;
    }
    pending = start > 0 ? pending.slice(start) : pending;
  }
  pending += decoder.end();
  if (pending.length > 0) {
    const lines = pending.split("\n");
    for (const l of lines) if (l.length > 0) await handle(l);
  }
  if (out.length > 0) await write(output, out);
}
