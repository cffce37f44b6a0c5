// Flows stay pure: no platform, queue or database package, no adapter code, no I/O.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const FORBIDDEN = /from\s+["'](wechaty[^"']*|telegraf[^"']*|bullmq|ioredis|pg|@prisma\/[^"']+|@electric-sql\/[^"']+|node:fs|node:net|node:child_process|[^"']*\/bot\/[^"']*|[^"']*\/generated\/[^"']*|[^"']*\/app\/[^"']*|[^"']*\/jobs\/[^"']*)["']/;

describe("architecture", () => {
  const flowFiles = [...files("src/flows"), ...files("src/domain")];
  it("has flows to check", () => expect(flowFiles.length).toBeGreaterThan(5));
  for (const f of flowFiles) {
    it(`${f} imports no platform, queue, database or I/O module`, () => {
      const src = fs.readFileSync(f, "utf8");
      const bad = src.split("\n").filter((l) => FORBIDDEN.test(l));
      expect(bad).toEqual([]);
    });
    it(`${f} reads no bare clock or environment`, () => {
      const src = fs.readFileSync(f, "utf8").replace(/\/\/.*$/gm, "");
      expect(src).not.toMatch(/Date\.now\(\)|process\.env/);
    });
  }
});
