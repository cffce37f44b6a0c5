// src/flows is pure (../shared/STYLE.md): the parser imports no platform, queue, database or file code.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/flows/parse");
const FORBIDDEN =
  /from\s+["'](wechaty[^"']*|telegraf[^"']*|bullmq|ioredis|@prisma\/client|node:fs|fs|node:child_process|[^"']*\/bot(\/[^"']*)?)["']/;

describe("src/flows/parse is pure", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".ts"));
  it.each(files)("%s", (f) => {
    const text = readFileSync(join(DIR, f), "utf8");
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).not.toMatch(/process\.env|Date\.now\(\)/);
  });
});
