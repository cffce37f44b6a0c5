// A corpus in the shared format, scored with the rules of ../shared/tools/score-parse
// (amend: (sku, 0) is a sku taken out, `mode` where given; an order may list `entries`).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../src/flows/parse";
import { parse } from "./helpers";

interface Case {
  input: { text: string; sender?: string };
  expect: {
    kind: ParseResult["kind"];
    household?: string | null;
    items?: [string, number][];
    rejected?: boolean;
    mode?: "set" | "add";
    entries?: [string | null, [string, number][]][];
  };
}

function readCases(file: string): Case[] {
  return readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
}

/** A multiset of (sku, qty), as one sorted string. */
function bag(list: readonly ({ sku: string; qty: number } | [string, number])[]): string {
  return list
    .map((i) => (Array.isArray(i) ? `${i[0]}×${Number(i[1])}` : `${i.sku}×${Number(i.qty)}`))
    .sort()
    .join(",");
}

/** Why the result misses the case, the way score-parse judges it; null when it is right. */
function miss(c: Case, r: ParseResult): string | null {
  const e = c.expect;
  if (r.kind !== e.kind) return `kind ${r.kind} != ${e.kind}`;
  if (e.kind !== "jielong" && e.household && r.household !== e.household)
    return `household ${r.household} != ${e.household}`;
  if (e.kind === "amend") {
    // An expected (sku, 0) is a sku taken out: in `removed`, or an item with qty 0.
    const want = (e.items ?? []).filter(([, q]) => Number(q) !== 0);
    const wantOut = [...new Set((e.items ?? []).filter(([, q]) => Number(q) === 0).map(([s]) => s))].sort().join(",");
    const have = r.items.filter((i) => i.qty !== 0);
    const haveOut = [...new Set([...(r.removed ?? []), ...r.items.filter((i) => i.qty === 0).map((i) => i.sku)])]
      .sort()
      .join(",");
    if (bag(have) !== bag(want) || haveOut !== wantOut)
      return `items [${bag(r.items)}] removed [${haveOut}] != [${bag(e.items ?? [])}]`;
    if (e.mode && (r.mode ?? "set") !== e.mode) return `mode ${r.mode} != ${e.mode}`;
  }
  if (e.kind === "order" && e.entries === undefined && bag(r.items) !== bag(e.items ?? []))
    return `items [${bag(r.items)}] != [${bag(e.items ?? [])}]`;
  if ((e.kind === "order" || e.kind === "amend") && r.rejected.length > 0 !== Boolean(e.rejected))
    return `rejected ${JSON.stringify(r.rejected)} (expected ${e.rejected ? "some" : "none"})`;
  if (e.kind === "jielong" || (e.kind === "order" && e.entries !== undefined)) {
    const want = e.entries ?? [];
    if (r.entries.length !== want.length) return `${r.entries.length} entries != ${want.length}`;
    for (let i = 0; i < want.length; i++) {
      const [hh, items] = want[i]!;
      const got = r.entries[i]!;
      if (got.household !== hh) return `entry ${i + 1} household ${got.household} != ${hh}`;
      if (bag(got.items) !== bag(items)) return `entry ${i + 1} items [${bag(got.items)}] != [${bag(items)}]`;
    }
  }
  return null;
}

/** The corpus in `file` (beside this module) must hold `minCases` and score at least `minScore`. */
export function scoredCorpus(name: string, file: string, minCases: number, minScore = 0.97): void {
  const cases = readCases(file);
  describe(name, () => {
    it(`has at least ${minCases} cases, in the shared corpus format`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(minCases);
      for (const c of cases) {
        expect(typeof c.input.text).toBe("string");
        expect(["order", "amend", "cancel", "status", "jielong", "medicine", "none"]).toContain(c.expect.kind);
      }
    });

    it(`scores at least ${minScore * 100}%`, () => {
      const misses: string[] = [];
      for (const c of cases) {
        const why = miss(c, parse(c.input.text, c.input.sender));
        if (why !== null)
          misses.push(
            `MISS ${JSON.stringify(c.input.text)}${c.input.sender ? ` (sender ${JSON.stringify(c.input.sender)})` : ""}: ${why}`,
          );
      }
      const score = (cases.length - misses.length) / cases.length;
      expect(score, `${cases.length - misses.length}/${cases.length}\n${misses.join("\n")}`).toBeGreaterThanOrEqual(
        minScore,
      );
    });
  });
}
