// `bin/baogong setup` for a village of 10,000 households (the sample village's grids,
// groups and people, then the households), beside a floor measured in the same run: one
// bare bulk INSERT of the same 10,000 rows into a copy of the household table (same
// columns and indexes, no foreign keys). The file is read and checked as the command
// does; the database is the machine's PostgreSQL, a schema of its own, dropped after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { stringify } from "yaml";
import { applySetup, stableId } from "../src/app/apply-setup";
import { SAMPLE_VILLAGE } from "../src/cli/start";
import { readVillageFile } from "../src/cli/village-file";
import { openDatabase } from "../src/db/database";
import { toCsv } from "../src/domain/csv";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [performance.now() - t0, r];
}

export async function benchSetup(
  opts: { households?: number; runs?: number } = {},
): Promise<Record<string, number | string>> {
  const n = opts.households ?? 10_000;
  const runs = opts.runs ?? 3;
  // The village file: the sample, with n households over its grids (30 buildings, rooms numbered on).
  const sample = readVillageFile(SAMPLE_VILLAGE);
  const village = sample.villages[0]!;
  const grids = village.grids.map((g) => g.code);
  const households = Array.from({ length: n }, (_, i) => ({
    village: village.name,
    code: `${1 + (i % 30)}-${1 + (Math.floor(i / 30) % 6)}-${101 + Math.floor(i / 180)}`,
    grid: grids[i % grids.length]!,
    name: `住户${i}`,
    phone: `1380000${String(i).padStart(4, "0")}`,
    specialCare: i % 50 === 0,
  }));
  const raw = fs.readFileSync(SAMPLE_VILLAGE, "utf8");
  const { parse } = await import("yaml");
  const doc = parse(raw) as Record<string, unknown>;
  // As a town would give it: the village file names a CSV of its households (a spreadsheet).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-setup-"));
  const file = path.join(dir, "village-10k.yaml");
  fs.writeFileSync(file, stringify({ ...doc, households: "households.csv" }));
  fs.writeFileSync(
    path.join(dir, "households.csv"),
    toCsv(
      ["village", "code", "grid", "name", "phone", "specialCare"],
      households.map((h) => [h.village, h.code, h.grid, h.name, h.phone, String(h.specialCare)]),
    ),
  );
  // The same households written into the YAML itself: reading it is the yaml library's pace.
  const inline = path.join(dir, "village-10k-inline.yaml");
  fs.writeFileSync(inline, stringify({ ...doc, households }));
  const [inlineRead] = await timed(async () => readVillageFile(inline));

  const imports: number[] = [],
    reimports: number[] = [],
    floors: number[] = [];
  for (let run = 0; run < runs; run++) {
    const schema = `bench_${randomBytes(4).toString("hex")}`;
    const database = await openDatabase(PG, { schema });
    try {
      // The command's work after start-up: read and check the file, then import it.
      const [first] = await timed(async () => applySetup(database.prisma, readVillageFile(file)));
      const [again] = await timed(async () => applySetup(database.prisma, readVillageFile(file)));
      const count = await database.prisma.household.count();
      if (count !== n) throw new Error(`expected ${n} households, found ${count}`);
      imports.push(first);
      reimports.push(again);
      // The floor: the same rows, one bare INSERT, no checks, no conflict handling.
      await database.exec(`CREATE TABLE "FloorHousehold" (LIKE "Household" INCLUDING ALL)`);
      const vid = stableId("v", village.name);
      const rows = JSON.stringify(
        households.map((h) => ({
          id: stableId("h", h.village, h.code),
          villageId: vid,
          gridId: stableId("g", village.name, h.grid),
          code: h.code,
          name: h.name,
          phone: h.phone,
          specialCare: h.specialCare,
          careNote: null,
        })),
      );
      const [floor] = await timed(() =>
        database.prisma.$executeRawUnsafe(
          `INSERT INTO "FloorHousehold" ("id", "villageId", "gridId", "code", "name", "phone", "specialCare", "careNote")
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "villageId" text, "gridId" text, "code" text, "name" text, "phone" text, "specialCare" boolean, "careNote" text)`,
          rows,
        ),
      );
      floors.push(floor);
    } finally {
      await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await database.close();
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const imp = median(imports),
    flo = median(floors);
  return {
    households: n,
    runs,
    "setup, new village (read YAML + CSV, check, import), median ms": r1(imp),
    "setup again, same file (every row updated), median ms": r1(median(reimports)),
    "floor: one bare INSERT of the same rows, median ms": r1(flo),
    "setup / floor": `${r1(imp / flo)}×`,
    "reading the households inline in the YAML instead (yaml library), ms": r1(inlineRead),
    "all runs (setup | again | floor), ms": imports
      .map((x, i) => `${Math.round(x)}|${Math.round(reimports[i]!)}|${Math.round(floors[i]!)}`)
      .join(", "),
  };
}
