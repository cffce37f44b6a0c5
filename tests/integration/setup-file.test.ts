// The village set-up file: imported, re-imported without duplicates, errors that name file, line and field.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { CatalogCache } from "../../src/app/catalog-cache";
import { readVillageFile, VillageFileError } from "../../src/cli/village-file";
import { SAMPLE_VILLAGE } from "../../src/cli/start";
import { parseMessage } from "../../src/flows/parse";
import { openTestDatabase } from "../support/db";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

function file(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bg-v-")), "village.yaml");
  fs.writeFileSync(f, text);
  return f;
}

describe("village file", () => {
  it("imports the sample and re-imports it without duplicating anything", async () => {
    const spec = readVillageFile(SAMPLE_VILLAGE);
    await applySetup(db.prisma, spec);
    const count = async () => [
      await db.prisma.village.count(),
      await db.prisma.grid.count(),
      await db.prisma.chatGroup.count(),
      await db.prisma.member.count(),
      await db.prisma.memberRole.count(),
      await db.prisma.pickupPoint.count(),
      await db.prisma.catalogItem.count(),
      await db.prisma.household.count(),
    ];
    const first = await count();
    await applySetup(db.prisma, spec);
    expect(await count()).toEqual(first);
    expect(first).toEqual([1, 2, 3, 5, 5, 1, 15, 1]);
    expect((await db.prisma.limit.findMany()).map((l) => [l.sku, l.maxQty])).toEqual([["PKG150", 2]]);
  });

  it("imports 3,000 households in bulk, reports progress, and a re-import updates them in place", async () => {
    const spec = readVillageFile(SAMPLE_VILLAGE);
    const village = spec.villages[0]!.name;
    const grids = spec.villages[0]!.grids.map((g) => g.code);
    const households = Array.from({ length: 3_000 }, (_, i) => ({
      village,
      code: `${1 + (i % 30)}-${101 + Math.floor(i / 30)}`,
      grid: grids[i % grids.length]!,
      name: `户${i}`,
      specialCare: i % 100 === 0,
    }));
    const seen: Array<[number, number]> = [];
    const n = await applySetup(
      db.prisma,
      { ...spec, households: [...households, { ...households[0]!, name: "最后一行为准" }] },
      (d, t) => seen.push([d, t]),
    );
    expect(n.households).toBe(3_000);
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
    expect(seen.length).toBeGreaterThan(3);
    const before = await db.prisma.household.findUniqueOrThrow({
      where: {
        villageId_code: {
          villageId: (await db.prisma.village.findUniqueOrThrow({ where: { name: village } })).id,
          code: households[0]!.code,
        },
      },
    });
    expect(before.name).toBe("最后一行为准");
    expect(before.gridId).not.toBeNull();
    await applySetup(db.prisma, { ...spec, households: households.map((h) => ({ ...h, name: `${h.name}改` })) });
    const after = await db.prisma.household.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.name).toBe("户0改");
    expect(await db.prisma.household.count({ where: { code: { in: households.map((h) => h.code) } } })).toBe(3_000);
  });

  it("reads the households from a CSV file the village file names; errors name its line and column", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-csv-"));
    const yaml = `${fs.readFileSync(SAMPLE_VILLAGE, "utf8").replace(/^households:[\s\S]*?(?=^\S|$(?![\s\S]))/m, "")}\nhouseholds: hh.csv\n`;
    fs.writeFileSync(path.join(dir, "v.yaml"), yaml);
    fs.writeFileSync(
      path.join(dir, "hh.csv"),
      '\uFEFFvillage,code,grid,name,specialCare\n张家村,3-2-501,1,"张三, 独居",是\n张家村,3-2-502,1,李四,\n',
    );
    const spec = readVillageFile(path.join(dir, "v.yaml"));
    expect(spec.households).toEqual([
      { village: "张家村", code: "3-2-501", grid: "1", name: "张三, 独居", specialCare: true },
      { village: "张家村", code: "3-2-502", grid: "1", name: "李四", specialCare: false },
    ]);
    fs.writeFileSync(path.join(dir, "hh.csv"), "village,code\n张家村,3-2-501\n张家村,三栋\n");
    expect(() => readVillageFile(path.join(dir, "v.yaml"))).toThrow(
      `${path.join(dir, "hh.csv")}:3: code: must be a canonical address like 3-2-501`,
    );
    fs.writeFileSync(path.join(dir, "hh.csv"), "village,room\n");
    expect(() => readVillageFile(path.join(dir, "v.yaml"))).toThrow(/hh\.csv:1: unknown column "room"/);
  });

  it("names the file, the line and the field", () => {
    const f = file("villages:\n  - name: 王家村\n    grids:\n      - code: 1\n        zone: quarantine\n");
    expect(() => readVillageFile(f)).toThrow(VillageFileError);
    expect(() => readVillageFile(f)).toThrow(`${f}:5: villages[0].grids[0].zone:`);
    expect(() => readVillageFile(file("villages:\n  - name: 王家村\n    grids: []\n"))).toThrow(
      /:3: villages\[0\]\.grids: a village needs at least one grid/,
    );
    expect(() => readVillageFile(file("villages: [\n"))).toThrow(/village\.yaml:\d+: /);
    expect(() => readVillageFile("/nonexistent/v.yaml")).toThrow(/\/nonexistent\/v\.yaml: cannot read: ENOENT/);
  });

  it("the catalog is data: an alias added in the file is understood without code changes", async () => {
    const f = file(
      `villages:\n  - name: 王家村\n    grids: [{ code: 1 }]\ncatalog:\n  - { sku: RICE, name: 大米, unit: 袋, category: necessity, priceCents: 3500, aliases: [米, 东北大米, 香米] }\n  - { sku: MASKS, name: 口罩, unit: 包, category: necessity, priceCents: 1000, aliases: [医用口罩] }\n`,
    );
    await applySetup(db.prisma, readVillageFile(f));
    const catalog = new CatalogCache(db.prisma);
    await catalog.load();
    const r = parseMessage({ text: "3-2-501 香米2袋 医用口罩1包" }, catalog.index());
    expect(r.items).toEqual([
      { sku: "RICE", qty: 2 },
      { sku: "MASKS", qty: 1 },
    ]);
  });
});
