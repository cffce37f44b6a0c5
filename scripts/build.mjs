#!/usr/bin/env node
// Prebuilt JavaScript for the commands that must start fast: `bin/baogong parse` runs
// dist/parse.mjs (the parser and its data bundled into one ES module by esbuild, which
// tsx already brings) instead of compiling the TypeScript sources at every start.
// Run by `npm ci`/`npm install` (postinstall) and by bin/baogong itself whenever a source
// is newer than the bundle, so the bundle never lags the sources.
import { renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "parse.mjs");
const tmp = `${out}.${process.pid}.tmp`;
await build({
  entryPoints: [join(root, "src", "cli", "parse-bin.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: tmp,
  legalComments: "none",
  logLevel: "warning",
  minify: true,
});
renameSync(tmp, out); // atomic: a parse starting meanwhile runs the old bundle or the new, never half of one
