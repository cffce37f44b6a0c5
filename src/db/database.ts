// Opens the database: embedded PGlite (files under ./data, or in memory) or a
// real PostgreSQL server, behind the same Prisma client and the same migrations.
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "../generated/prisma/client";
import { createHash } from "node:crypto";
import os from "node:os";
import { applyMigrations, listMigrations, type SqlRunner } from "./migrate";
import { pgDriver, pgliteDriver, Sql } from "./sql";

export type Db = InstanceType<typeof PrismaClient>;
type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

export interface Database {
  prisma: Db;
  kind: "pglite" | "postgres";
  /** Parameterised SQL on the driver itself, without Prisma (the inbound message's transaction: src/db/sql.ts). */
  sql: Sql;
  /** Runs raw SQL outside Prisma (migrations, test clean-up). */
  exec(sql: string): Promise<void>;
  /**
   * Calls `f` whenever configuration the app caches changed (any process, on commit: the
   * `baogong_config` notifications of this schema), and when the notifications may have
   * been missed (the listening connection dropped and came back). Resolves once listening.
   */
  onConfigChange(f: () => void): Promise<void>;
  close(): Promise<void>;
}

const CONFIG_CHANNEL = "baogong_config";

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
  let pg: InstanceType<typeof PGlite>;
  try {
    if (dir) fs.mkdirSync(path.resolve(dir), { recursive: true });
    pg = dir ? new PGlite(path.resolve(dir)) : await memoryFromTemplate(PGlite);
    await pg.waitReady;
  } catch (e) {
    throw new DatabaseUnavailableError(
      `cannot open the embedded database at ${dir ?? "memory"}: ${(e as Error).message}`,
    );
  }
  // The adapter bundles an older copy of Prisma's adapter types; at run time it is the same interface.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) as unknown as AdapterFactory });
  const unlisten: Array<() => Promise<void>> = [];
  return {
    prisma,
    kind: "pglite",
    sql: new Sql(pgliteDriver(pg)),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    onConfigChange: async (f) => {
      unlisten.push(await pg.listen(CONFIG_CHANNEL, () => f()));
    },
    close: async () => {
      for (const u of unlisten) await u().catch(() => undefined);
      await prisma.$disconnect();
      await pg.close();
    },
  };
}

type PGliteClass = typeof import("@electric-sql/pglite").PGlite;

/**
 * A throwaway in-memory database (`simulate`, tests) starts from a snapshot of an empty,
 * migrated one, kept in the system's temp directory under the migrations' hash: creating
 * and migrating a database takes longer than loading it. The snapshot holds no data, so
 * it changes nothing about a run; a missing or broken one is simply made again.
 */
async function memoryFromTemplate(PGlite: PGliteClass): Promise<InstanceType<PGliteClass>> {
  const hash = createHash("sha1")
    .update(
      listMigrations()
        .map((m) => `${m.name}\n${m.sql}`)
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 12);
  const file = path.join(os.tmpdir(), `baogong-pglite-template-${hash}.tgz`);
  if (fs.existsSync(file)) {
    try {
      const pg = new PGlite({ loadDataDir: new Blob([fs.readFileSync(file)]) });
      await pg.waitReady;
      return pg;
    } catch {
      fs.rmSync(file, { force: true });
    }
  }
  const pg = new PGlite();
  await pg.waitReady;
  await applyMigrations({
    exec: async (sql) => {
      await pg.exec(sql);
    },
  });
  try {
    const dump = await pg.dumpDataDir("gzip");
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic: a concurrent run reads a whole snapshot or none
  } catch {
    // No snapshot this time; the next run makes one.
  }
  return pg;
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
    connectionString,
    max: 10,
    connectionTimeoutMillis: 10_000,
    options: `-c search_path="${schemaName}"`,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema: schemaName }) });
  const runner: SqlRunner = async (sql) => {
    await pool.query(sql);
  };
  const listeners: Array<() => void> = [];
  let listener: InstanceType<typeof pgmod.default.Client> | null = null;
  let closed = false;
  // One connection LISTENs for the process; dropped, it is opened again (and every cache
  // dropped: what changed meanwhile was not heard).
  const listen = async (): Promise<void> => {
    const c = new pgmod.default.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    c.on("notification", (n) => {
      if (n.channel === CONFIG_CHANNEL && n.payload?.startsWith(`${schemaName}.`)) for (const f of listeners) f();
    });
    c.on("error", () => undefined);
    c.on("end", () => {
      if (closed || listener !== c) return;
      listener = null;
      const again = () => {
        if (!closed)
          listen().then(
            () => {
              for (const f of listeners) f();
            },
            () => setTimeout(again, 2000).unref(),
          );
      };
      setTimeout(again, 500).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CONFIG_CHANNEL}`);
    listener = c;
  };
  pool.on("error", () => undefined); // an idle connection that dropped: the pool replaces it
  return {
    prisma,
    kind: "postgres",
    sql: new Sql(pgDriver(pool, pgmod.default)),
    exec: runner,
    onConfigChange: async (f) => {
      listeners.push(f);
      if (!listener) await listen();
    },
    close: async () => {
      closed = true;
      await listener?.end().catch(() => undefined);
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
