// Parameterised SQL on the database's own driver — node-postgres on a PostgreSQL server,
// PGlite embedded — without Prisma: the inbound message's transaction (claim, load, apply)
// runs here, where Prisma's per-statement work was most of the app's CPU. The same SQL text
// runs on either driver, and on a Prisma client or transaction for callers that have one.
// Values are always parameters ($1, $2 …), never spliced into the text. Rows are checked
// with a zod schema as they leave the driver.
import type { Pool, PoolClient, QueryConfig } from "pg";
import type { z } from "zod";

/** What runs statements: one connection, a pool, or a transaction on either. */
export interface SqlDriver {
  /** The rows a statement returns (none for one without RETURNING). */
  query(text: string, params: readonly unknown[]): Promise<unknown[]>;
  /** The rows a statement changed (or returned). */
  execute(text: string, params: readonly unknown[]): Promise<number>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
}

/**
 * Parameterised SQL with checked rows. `rows` parses each row with `row` (throws a ZodError on
 * a row of another shape: a bug, not an outcome); timestamps come back as `Date` (the
 * `timestamp(3)` columns hold UTC) and JSON as values; `run` returns the rows changed.
 */
export class Sql {
  constructor(private readonly driver: SqlDriver) {}

  async rows<S extends z.ZodType>(row: S, text: string, ...params: unknown[]): Promise<Array<z.output<S>>> {
    const rows = await this.driver.query(text, params);
    return rows.map((r) => row.parse(r));
  }

  /** The first row, or null. */
  async one<S extends z.ZodType>(row: S, text: string, ...params: unknown[]): Promise<z.output<S> | null> {
    const [r] = await this.rows(row, text, ...params);
    return r ?? null;
  }

  async run(text: string, ...params: unknown[]): Promise<number> {
    return this.driver.execute(text, params);
  }

  /** Runs `fn` in one transaction (read committed): committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.driver.transaction((d) => fn(new Sql(d)));
  }
}

/** A Prisma client or interactive transaction, as far as raw SQL goes (structural: no Prisma import here). */
export interface PrismaRaw {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

/** `Sql` on a Prisma client or transaction (callers on Prisma sharing SQL with the message path); an `Sql` as it is. */
export function asSql(db: Sql | PrismaRaw): Sql {
  return db instanceof Sql ? db : new Sql(prismaDriver(db));
}

function prismaDriver(db: PrismaRaw): SqlDriver {
  return {
    query: (text, params) => db.$queryRawUnsafe<unknown[]>(text, ...params),
    execute: (text, params) => db.$executeRawUnsafe(text, ...params),
    transaction: async (fn) => {
      const client = db as PrismaRaw & {
        $transaction?: <T>(f: (tx: PrismaRaw) => Promise<T>, o: object) => Promise<T>;
      };
      if (!client.$transaction) throw new Error("a transaction cannot be opened inside a Prisma transaction");
      return client.$transaction((tx) => fn(prismaDriver(tx)), { timeout: 30_000, maxWait: 30_000 });
    },
  };
}

/** A `timestamp` (without time zone) as text, read as UTC: '2026-12-05 08:00:00.123'. */
const utcTimestamp = (s: string): Date => new Date(`${s.replace(" ", "T")}Z`);
const TIMESTAMP_OID = 1114;

/**
 * A parameter as the drivers should send it: a Date as its UTC ISO text (a `timestamp`
 * column ignores the zone, and node-postgres would otherwise send local time).
 */
const param = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/**
 * How long one statement of a transaction may run, and the transaction sit idle, before
 * PostgreSQL ends it (Prisma's interactive transactions had a 30 s timeout).
 */
const TX_LIMITS_MS = 30_000;

/** node-postgres: statements on the pool; a transaction on one of its connections. */
export function pgDriver(pool: Pool, pg: { types: typeof import("pg").types }): SqlDriver {
  const parsers = pg.types;
  const types: QueryConfig["types"] = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === TIMESTAMP_OID ? utcTimestamp : parsers.getTypeParser(oid, format ?? "text")) as never,
  };
  const config = (text: string, params: readonly unknown[]): QueryConfig => ({
    text,
    values: params.map(param),
    types,
  });
  const on = (c: Pool | PoolClient, tx: boolean): SqlDriver => ({
    query: async (text, params) => (await c.query(config(text, params))).rows,
    execute: async (text, params) => {
      const r = await c.query(config(text, params));
      return r.rowCount ?? r.rows.length;
    },
    transaction: async (fn) => {
      if (tx) throw new Error("a transaction cannot be opened inside another");
      const client = await pool.connect();
      // A connection that fails between statements says so here (else the process would die of it);
      // the next statement then fails, and the transaction with it.
      const onError = () => undefined;
      client.on("error", onError);
      let broken: Error | undefined;
      try {
        // One round trip: begin, and the limits that end a transaction left hanging.
        await client.query(
          `BEGIN; SET LOCAL statement_timeout = ${TX_LIMITS_MS}; SET LOCAL idle_in_transaction_session_timeout = ${TX_LIMITS_MS}`,
        );
        const r = await fn(on(client, true));
        await client.query("COMMIT");
        return r;
      } catch (e) {
        await client.query("ROLLBACK").catch((err: Error) => {
          broken = err; // the connection is gone: the pool drops it
        });
        throw e;
      } finally {
        client.removeListener("error", onError);
        client.release(broken);
      }
    },
  });
  return on(pool, false);
}

/** The parts of PGlite (or a PGlite transaction) used here. */
interface PGliteLike {
  query<T>(
    text: string,
    params?: unknown[],
    options?: { parsers?: Record<number, (s: string, typeId: number) => unknown> },
  ): Promise<{ rows: T[]; affectedRows?: number }>;
}

/** PGlite: one connection; its transactions take turns (PGlite queues them). */
export function pgliteDriver(
  db: PGliteLike & { transaction<T>(fn: (tx: PGliteLike) => Promise<T>): Promise<T> },
): SqlDriver {
  const options = { parsers: { [TIMESTAMP_OID]: utcTimestamp } };
  const on = (c: PGliteLike, tx: boolean): SqlDriver => ({
    query: async (text, params) => (await c.query<unknown>(text, params.map(param), options)).rows,
    execute: async (text, params) => {
      const r = await c.query<unknown>(text, params.map(param), options);
      return r.affectedRows ?? r.rows.length;
    },
    transaction: async (fn) => {
      if (tx) throw new Error("a transaction cannot be opened inside another");
      return db.transaction((t) => fn(on(t, true)));
    },
  });
  return on(db, false);
}
