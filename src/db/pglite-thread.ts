// The app's side of the embedded database's thread (src/db/pglite-worker.mjs): PGlite runs
// each statement synchronously in WASM, so in the app's thread every statement stopped
// message handling for as long as it ran. Here PGlite lives in a worker thread and this
// object stands in for it with the part of PGlite's interface that Prisma's PGlite adapter
// and src/db/database.ts use (query, exec, transaction, listen, close).
import { Worker } from "node:worker_threads";
import { messages } from "@electric-sql/pglite";

type Parser = (x: string, typeId?: number) => unknown;

/** PGlite's query options, as far as the adapter uses them. */
interface QueryOptions {
  rowMode?: "array" | "object";
  /** Parsers by type OID; they run here, on PostgreSQL's text, as PGlite would run them. */
  parsers?: Record<number, Parser>;
}

/** A statement's result, as PGlite returns it. */
export interface QueryResult {
  rows: unknown[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

/** An open transaction (PGlite's `Transaction`, as far as the adapter uses it). */
export interface ThreadTransaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  exec(sql: string): Promise<void>;
  /** ROLLBACK now; the transaction ends without COMMIT when its callback returns. */
  rollback(): Promise<void>;
  readonly closed: boolean;
}

interface ErrorShape {
  message: string;
  name: string;
  length?: number;
  database: boolean;
  [field: string]: unknown;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorShape };
type Notification = { notify: string; payload: string };

/** A PostgreSQL error from the thread, as the same class PGlite throws (the adapter maps it by `instanceof`). */
function toError(d: ErrorShape): Error {
  if (d.database) {
    const { message, name, length, database: _, ...fields } = d;
    type Ctor = new (message: string, length: number, name: string) => Error;
    return Object.assign(new (messages.DatabaseError as unknown as Ctor)(message, length ?? 0, name), fields);
  }
  const e = new Error(d.message);
  e.name = d.name;
  return e;
}

/**
 * The thread's young generation (V8's new space), MiB. Left to V8 it grows to 32 MiB after a
 * large result (every row is a short-lived JavaScript object in this thread) and keeps those
 * pages until it next shrinks it; the thread's own work is in PGlite's WebAssembly memory,
 * outside this heap, so a small young generation costs it little. (Idle after start-up V8 has
 * already shrunk it to 1 MiB: this bounds the thread after bursts — an export, a report.)
 */
export const PGLITE_YOUNG_GENERATION_MB = 3;

/** What the thread's V8 heap holds (bytes). */
export interface ThreadHeap {
  /** The young generation's reserved size (new space, both semi-spaces). */
  youngGenerationBytes: number;
  usedBytes: number;
  totalBytes: number;
}

/**
 * PGlite in a worker thread. `open` starts one on the data directory `dir` (created by
 * PGlite when missing) or, with `dir` null, in memory — from the snapshot file `template`
 * when it exists and loads (`fromTemplate`). Statements run one at a time in the thread,
 * in the order sent, except that a transaction holds the database until it ends (as in
 * PGlite). Errors from PostgreSQL reject as PGlite's `DatabaseError`; a thread that died
 * rejects every pending and later call.
 */
export class PgliteThread {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private nextId = 1;
  private busy = 0;
  private dead: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (m: Reply | Notification) => {
      if ("notify" in m) {
        for (const f of this.listeners.get(m.notify) ?? []) f(m.payload);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(toError(m.error));
    });
    const fail = (e: Error) => {
      this.dead ??= e;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the embedded database's thread stopped (exit code ${code})`)));
    // An idle database keeps the process alive no more than PGlite in the app's thread did.
    worker.unref();
  }

  static async open(
    dir: string | null,
    template: string | null = null,
  ): Promise<{ thread: PgliteThread; fromTemplate: boolean }> {
    const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: PGLITE_YOUNG_GENERATION_MB },
    });
    const thread = new PgliteThread(worker);
    try {
      const { fromTemplate } = (await thread.call("open", { dir, template })) as { fromTemplate: boolean };
      return { thread, fromTemplate };
    } catch (e) {
      await worker.terminate();
      throw e;
    }
  }

  private call(op: string, args: Record<string, unknown>): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    // A pending request keeps the process alive until it is answered.
    if (this.busy++ === 0) this.worker.ref();
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, ...args });
    }).finally(() => {
      if (--this.busy === 0) this.worker.unref();
    });
  }

  /** One statement with parameters (PGlite's `query`); `tx` when inside a transaction. */
  async query(sql: string, params: unknown[] = [], options: QueryOptions = {}, tx?: number): Promise<QueryResult> {
    const { parsers, rowMode } = options;
    const raw = parsers ? Object.keys(parsers).map(Number) : undefined;
    const r = (await this.call("query", { sql, params, rowMode, raw, tx })) as QueryResult;
    if (parsers && r.rows.length) {
      // The thread left these columns as text: parse them here with the caller's functions.
      const cols = r.fields.flatMap((f, i) => {
        const p = parsers[f.dataTypeID];
        return p ? [{ i, name: f.name, oid: f.dataTypeID, p }] : [];
      });
      for (const row of r.rows as Array<Record<string | number, unknown>>)
        for (const c of cols) {
          const k = rowMode === "array" ? c.i : c.name;
          const v = row[k];
          if (v !== null && v !== undefined) row[k] = c.p(v as string, c.oid);
        }
    }
    return r;
  }

  /** SQL text, any number of statements, no parameters (PGlite's `exec`). */
  async exec(sql: string, tx?: number): Promise<void> {
    await this.call("exec", { sql, tx });
  }

  /**
   * Runs `f` in a transaction: COMMIT when it resolves (unless it rolled back), ROLLBACK
   * when it throws (and rethrows). Other statements wait until it ends.
   */
  async transaction<T>(f: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const id = (await this.call("begin", {})) as number;
    let closed = false;
    const tx: ThreadTransaction = {
      query: (sql, params, options) => this.query(sql, params, options, id),
      exec: (sql) => this.exec(sql, id),
      rollback: async () => {
        closed = true;
        await this.call("rollback", { tx: id });
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await f(tx);
    } catch (e) {
      closed = true;
      await this.call("end", { tx: id, commit: false }).catch(() => undefined);
      throw e;
    }
    closed = true;
    await this.call("end", { tx: id, commit: true });
    return result;
  }

  /** Calls `f` with each notification on `channel` (LISTEN); resolves once listening. */
  async listen(channel: string, f: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.call("listen", { channel });
    }
    set.add(f);
    return async () => {
      set.delete(f);
    };
  }

  /** The thread's V8 heap, measured in the thread. */
  async heap(): Promise<ThreadHeap> {
    return (await this.call("heap", {})) as ThreadHeap;
  }

  /** Writes the database, gzipped, to `file` (atomically), as a snapshot to open in memory later. */
  async dump(file: string): Promise<void> {
    await this.call("dump", { file });
  }

  /** Closes PGlite (flushing its files) and stops the thread. */
  async close(): Promise<void> {
    try {
      if (!this.dead) await this.call("close", {});
    } finally {
      this.dead ??= new Error("the embedded database is closed");
      await this.worker.terminate();
    }
  }
}
