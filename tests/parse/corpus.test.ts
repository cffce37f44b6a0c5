// The shared development corpus, checked the way ../shared/tools/score-parse checks it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check, parse, type Expect } from "./helpers";

const FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus/parse-dev.jsonl");

interface Case {
  input: { text: string; sender?: string };
  expect: {
    kind: Expect["kind"];
    household?: string | null;
    items?: [string, number][];
    rejected?: boolean;
    entries?: [string, [string, number][]][];
  };
}

const cases: Case[] = existsSync(FILE)
  ? readFileSync(FILE, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Case)
  : [];

/** What the scorer checks, as an expectation: kind, household, items, refusal, 接龙 entries. */
function wantOf(c: Case): Expect {
  const e = c.expect;
  const want: Expect = { kind: e.kind };
  if (e.kind !== "jielong" && e.household) want.household = e.household;
  if (e.kind === "order" || e.kind === "amend") {
    want.items = e.items ?? [];
    want.rejected = Boolean(e.rejected);
  }
  if (e.kind === "jielong") want.entries = e.entries ?? [];
  return want;
}

describe.skipIf(cases.length === 0)("development corpus", () => {
  it.each(cases.map((c) => [c.input.text, c] as const))("%s", (_t, c) => {
    check(parse(c.input.text, c.input.sender), wantOf(c));
  });

  it("scores at least 97%", () => {
    let right = 0;
    for (const c of cases) {
      try {
        check(parse(c.input.text, c.input.sender), wantOf(c));
        right++;
      } catch {
        // counted as a miss
      }
    }
    expect(right / cases.length).toBeGreaterThanOrEqual(0.97);
  });
});
