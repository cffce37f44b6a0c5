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

// The app reaches jobs and sending through its ports (src/app/job-port.ts, src/app/deps.ts):
// it never imports the runtimes in src/jobs, nor an adapter.
describe("the app's rooms", () => {
  const APP_FORBIDDEN = /from\s+["']([^"']*\/jobs\/[^"']*|[^"']*\/bot\/[^"']*|[^"']*\/cli\/[^"']*)["']/;
  for (const f of files("src/app")) {
    it(`${f} imports nothing from src/jobs, src/bot or src/cli`, () => {
      expect(fs.readFileSync(f, "utf8").split("\n").filter((l) => APP_FORBIDDEN.test(l))).toEqual([]);
    });
  }
});
