/**
 * `bin/baogong parse`: JSON lines in ({"text", "sender"?}), one JSON line out per line, in order.
 * A bad line never stops the run; it gets {"kind":"none", …, "error"}. Output is written in
 * chunks: one write per line would cost more than the parsing.
 */
import { StringDecoder } from "node:string_decoder";
import { DEFAULT_CATALOG, type CatalogItem } from "../domain/catalog";
import {
  buildCatalogIndex,
  emptyResult,
  parseMessage,
  ParseInputSchema,
  type CatalogIndex,
  type ParseInput,
} from "../flows/parse";

const FLUSH_AT = 1 << 16;
// Group chats repeat themselves ("收到", "好的", "[图片]", the same member's standing order):
// the answer to a short line is kept. Parsing is pure, so the same line always gets the same answer.
const CACHE_LINE_MAX = 160;
const CACHE_ENTRIES_MAX = 20_000;

function parseLine(line: string, index: CatalogIndex): string {
  if (line.trim() === "") return JSON.stringify(emptyResult("empty line"));
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return JSON.stringify(emptyResult("not JSON"));
  }
  const input = plainInput(value) ?? ParseInputSchema.safeParse(value).data;
  if (input === undefined) return JSON.stringify(emptyResult('expected {"text": string, "sender"?: string}'));
  return JSON.stringify(parseMessage(input, index));
}

/**
 * The usual line, {"text": string, "sender"?: string | null}, taken as ParseInputSchema would
 * take it (the same two fields, nothing else) without zod's per-line cost; undefined for
 * anything else, which then goes through the schema itself.
 */
function plainInput(value: unknown): ParseInput | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { text, sender } = value as { text?: unknown; sender?: unknown };
  if (typeof text !== "string") return undefined;
  if (sender === undefined) return { text };
  if (sender === null || typeof sender === "string") return { text, sender };
  return undefined;
}

/** Writes a chunk; waits for the reader only when the stream asks to (backpressure). */
function write(output: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = output.write(chunk, (err) => {
      if (err) reject(err);
    });
    if (ok) {
      resolve();
      return;
    }
    const onError = (err: Error): void => {
      output.off("drain", onDrain);
      reject(err);
    };
    const onDrain = (): void => {
      output.off("error", onError);
      resolve();
    };
    output.once("drain", onDrain);
    output.once("error", onError);
  });
}

/** Parses a line, or takes the answer from the cache of short lines. */
function answer(raw: string, index: CatalogIndex, cache: Map<string, string>): string {
  const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  if (line.length > CACHE_LINE_MAX) return parseLine(line, index);
  let json = cache.get(line);
  if (json === undefined) {
    json = parseLine(line, index);
    if (cache.size >= CACHE_ENTRIES_MAX) cache.clear();
    cache.set(line, json);
  }
  return json;
}

export async function runParseCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  catalog: readonly CatalogItem[] = DEFAULT_CATALOG,
): Promise<void> {
  const index = buildCatalogIndex(catalog);
  const cache = new Map<string, string>();
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let out = "";
  for await (const chunk of input) {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    let nl: number;
    while ((nl = pending.indexOf("\n", start)) >= 0) {
      out += `${answer(pending.slice(start, nl), index, cache)}\n`;
      start = nl + 1;
      if (out.length >= FLUSH_AT) {
        await write(output, out);
        out = "";
      }
    }
    pending = start > 0 ? pending.slice(start) : pending;
  }
  pending += decoder.end();
  if (pending.length > 0) {
    for (const l of pending.split("\n")) if (l.length > 0) out += `${answer(l, index, cache)}\n`;
  }
  if (out.length > 0) await write(output, out);
}
