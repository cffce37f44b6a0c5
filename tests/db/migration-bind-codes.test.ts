// The migration that moves bind codes out of Setting and splits the supplier chat keeps
// the data it finds (PGlite in memory: the same SQL as PostgreSQL).
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { listMigrations } from "../../src/db/migrate";

const TARGET = "20261129070000_bind_codes_supplier_chat";

describe(`migration ${TARGET}`, () => {
  it("carries supplier chats and live bind codes over", async () => {
    const pg = new PGlite();
    const all = listMigrations();
    const at = all.findIndex((m) => m.name === TARGET);
    expect(at).toBeGreaterThan(0);
    for (const m of all.slice(0, at)) await pg.exec(m.sql);
    await pg.exec(`
      INSERT INTO "Village" (id, name) VALUES ('v1', '张家村');
      INSERT INTO "Grid" (id, "villageId", code, "supplierChat") VALUES ('g1', 'v1', '1', 'telegram:-100123'), ('g2', 'v1', '2', 'console:topic:供货商:一'), ('g3', 'v1', '3', NULL);
      INSERT INTO "Setting" (key, value) VALUES
        ('bindcode:123456', '{"gridId":"g1","by":"u_off","expires":1764936000000}'),
        ('bindcode:654321', '{"gridId":"gone","by":"u_off","expires":1764936000000}'),
        ('alerts', '{"priceAlertPct":10}');`);
    await pg.exec(all[at]!.sql);
    const grids = await pg.query(`SELECT id, "supplierPlatform", "supplierChatId" FROM "Grid" ORDER BY id`);
    expect(grids.rows).toEqual([
      { id: "g1", supplierPlatform: "telegram", supplierChatId: "-100123" },
      { id: "g2", supplierPlatform: "console", supplierChatId: "topic:供货商:一" },
      { id: "g3", supplierPlatform: null, supplierChatId: null },
    ]);
    const codes = await pg.query<{ code: string; gridId: string; issuedBy: string; expiresAt: Date }>(
      `SELECT * FROM "BindCode"`,
    );
    expect(codes.rows.map((r) => [r.code, r.gridId, r.issuedBy])).toEqual([["123456", "g1", "u_off"]]);
    expect(new Date(`${codes.rows[0]!.expiresAt.toISOString()}`).getTime()).toBe(1764936000000);
    expect((await pg.query(`SELECT key FROM "Setting"`)).rows).toEqual([{ key: "alerts" }]);
    await pg.close();
  });
});
