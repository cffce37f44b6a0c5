// Applies the committed migrations in prisma/migrations, in order, once each.
// Prisma's CLI writes them (`prisma migrate diff`); the app applies them itself so
// that start-up needs neither the CLI nor a native engine, on PGlite and PostgreSQL alike.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type SqlRunner = (sql: string) => Promise<void>;

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export function listMigrations(dir = MIGRATIONS_DIR): Array<{ name: string; sql: string }> {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

export async function applyMigrations(db: { exec: SqlRunner }): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS "_baogong_migrations" (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const m of listMigrations()) {
    // One transaction per migration, guarded by an advisory lock so that two
    // processes starting together apply it once.
    const sql = m.sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, "");
    const escaped = m.name.replace(/'/g, "''");
    await db.exec(`BEGIN;
      SELECT pg_advisory_xact_lock(80012345);
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM "_baogong_migrations" WHERE name = '${escaped}') THEN
          EXECUTE ${dollarQuote(sql)};
          INSERT INTO "_baogong_migrations"(name) VALUES ('${escaped}');
        END IF;
      END $$;
      COMMIT;`);
    applied.push(m.name);
  }
  return applied;
}

function dollarQuote(s: string): string {
  let tag = "mig";
  while (s.includes(`$${tag}$`)) tag += "x";
  return `$${tag}$${s}$${tag}$`;
}
