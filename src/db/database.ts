// Opens the database: embedded PGlite (files under ./data, or in memory) or a
// real PostgreSQL server, behind the same Prisma client and the same migrations.
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "../generated/prisma/client";
import { applyMigrations, type SqlRunner } from "./migrate";

export type Db = InstanceType<typeof PrismaClient>;
type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

export interface Database {
  prisma: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL outside Prisma (migrations, test clean-up). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests use one per file). Created when missing. */
  schema?: string;
  migrate?: boolean;
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  const db = url.startsWith("postgres") ? await openPostgres(url, opts.schema) : await openPglite(url);
  if (opts.migrate !== false) await applyMigrations(db);
  return db;
}

async function openPglite(url: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const dir = url === "memory://" ? null : url.replace(/^(pglite|file):(\/\/)?/, "");
  if (dir) fs.mkdirSync(path.resolve(dir), { recursive: true });
  let pg: InstanceType<typeof PGlite>;
  try {
    pg = dir ? new PGlite(path.resolve(dir)) : new PGlite();
    await pg.waitReady;
  } catch (e) {
    throw new DatabaseUnavailableError(`cannot open the embedded database at ${dir ?? "memory"}: ${(e as Error).message}`);
  }
  // The adapter bundles an older copy of Prisma's adapter types; at run time it is the same interface.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) as unknown as AdapterFactory });
  return {
    prisma, kind: "pglite",
    exec: async (sql) => { await pg.exec(sql); },
    close: async () => { await prisma.$disconnect(); await pg.close(); },
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  const pgmod = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const u = new URL(url);
  const schemaName = schema ?? u.searchParams.get("schema") ?? "public";
  if (!/^[a-z_][a-z0-9_]*$/i.test(schemaName)) throw new DatabaseUnavailableError(`bad schema name: ${schemaName}`);
  u.searchParams.delete("schema");
  const connectionString = u.toString();
  const admin = new pgmod.default.Client({ connectionString, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schemaName}"`);
  } catch (e) {
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${u.host}${u.pathname}: ${(e as Error).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const pool = new pgmod.default.Pool({
    connectionString, max: 10, connectionTimeoutMillis: 10_000,
    options: `-c search_path="${schemaName}"`,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema: schemaName }) });
  const runner: SqlRunner = async (sql) => { await pool.query(sql); };
  return {
    prisma, kind: "postgres",
    exec: runner,
    close: async () => { await prisma.$disconnect(); await pool.end().catch(() => undefined); },
  };
}
