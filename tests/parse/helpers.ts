import { expect } from "vitest";
import { DEFAULT_CATALOG } from "../../src/domain/catalog";
import { buildCatalogIndex, parseMessage, type ParseResult } from "../../src/flows/parse";

export const index = buildCatalogIndex(DEFAULT_CATALOG);

export function parse(text: string, sender?: string): ParseResult {
  return parseMessage(sender === undefined ? { text } : { text, sender }, index);
}

/** What a table row expects; only the fields given are checked. */
export interface Expect {
  kind: ParseResult["kind"];
  household?: string | null;
  items?: [string, number][];
  /** true: some refusal; false: none; a reason: at least one refusal with it. */
  rejected?: boolean | "CATEGORY_NOT_ALLOWED" | "UNKNOWN_ITEM" | "BAD_QUANTITY";
  name?: string | null;
  phone?: string | null;
  medicines?: [string, number | null][];
  entries?: [string | null, [string, number][]][];
  /** amend: "set" or "add". */
  mode?: "set" | "add";
  /** amend / cancel: skus taken out (order ignored). */
  removed?: string[];
  /** The person whose order it is, when named (null: none). */
  forName?: string | null;
  /** The quoted message, or null for none. */
  quoted?: { name: string | null; text: string } | null;
  /** A price complaint, or null for none. */
  complaint?: { goods: string; sku: string | null; price: number; unit: string | null } | null;
  unclear?: boolean;
}

function sorted(list: [string, number][]): [string, number][] {
  return [...list].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
}

export function check(r: ParseResult, e: Expect): void {
  expect(r.kind).toBe(e.kind);
  if (e.household !== undefined) expect(r.household).toBe(e.household);
  if (e.items !== undefined) expect(sorted(r.items.map((i) => [i.sku, i.qty]))).toEqual(sorted(e.items));
  if (e.rejected === true) expect(r.rejected.length).toBeGreaterThan(0);
  else if (e.rejected === false) expect(r.rejected).toEqual([]);
  else if (typeof e.rejected === "string") expect(r.rejected.map((x) => x.reason)).toContain(e.rejected);
  if (e.name !== undefined) expect(r.name).toBe(e.name);
  if (e.phone !== undefined) expect(r.phone).toBe(e.phone);
  if (e.medicines !== undefined) expect(r.medicines.map((m) => [m.name, m.qty])).toEqual(e.medicines);
  if (e.entries !== undefined) {
    expect(r.entries.map((x) => x.household)).toEqual(e.entries.map((x) => x[0]));
    r.entries.forEach((x, i) => {
      expect(sorted(x.items.map((it) => [it.sku, it.qty]))).toEqual(sorted(e.entries![i]![1]));
    });
  }
  if (e.mode !== undefined) expect(r.mode).toBe(e.mode);
  if (e.removed !== undefined) expect([...(r.removed ?? [])].sort()).toEqual([...e.removed].sort());
  if (e.forName !== undefined) expect(r.forName ?? null).toBe(e.forName);
  if (e.quoted !== undefined) expect(r.quoted ?? null).toEqual(e.quoted);
  if (e.complaint !== undefined) expect(r.complaint ?? null).toEqual(e.complaint);
  if (e.unclear !== undefined) expect(r.unclear ?? false).toBe(e.unclear);
}

export type Row = [text: string, sender: string | undefined, expect: Expect];
