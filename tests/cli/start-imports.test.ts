// What `npm start` loads before it knows it needs it stays in memory for the life of the
// process: the chat platforms' libraries, the dashboard's server and exceljs are loaded only
// when configured or used. Checked on the import graph of src/cli/start.ts, as Node resolves it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every package a fresh Node resolves while importing `entry` (through tsx, as bin/baogong runs it). */
function packagesImportedBy(entry: string): Set<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-imports-"));
  try {
    const log = path.join(dir, "resolved.txt");
    const hook = `import fs from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  fs.appendFileSync(${JSON.stringify(log)}, r.url + "\\n");
  return r;
}`;
    const register = path.join(dir, "register.mjs");
    fs.writeFileSync(
      register,
      `import { register } from "node:module";\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});\n`,
    );
    execFileSync(
      process.execPath,
      [
        "--import",
        path.join(ROOT, "node_modules/tsx/dist/esm/index.mjs"),
        "--import",
        register,
        "--input-type=module",
        "-e",
        `await import(${JSON.stringify(path.join(ROOT, entry))});`,
      ],
      { cwd: ROOT, stdio: "pipe" },
    );
    const packages = fs
      .readFileSync(log, "utf8")
      .split("\n")
      .map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1])
      .filter((p): p is string => !!p);
    return new Set(packages);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("npm start's imports", () => {
  it("leave the platforms' libraries, the dashboard's server and exceljs until they are needed", () => {
    const loaded = packagesImportedBy("src/cli/start.ts");
    // The check itself sees packages: what start needs at once is there.
    expect(loaded).toContain("bullmq");
    for (const lazy of ["wechaty", "telegraf", "fastify", "@bull-board/api", "exceljs", "echarts"])
      expect(loaded, lazy).not.toContain(lazy);
  });
});
