// The embedded database's own thread: it owns the PGlite instance (Postgres compiled to
// WASM, which runs each statement synchronously) so that a statement never blocks the
// app's event loop. Plain JavaScript so that it starts as it is under tsx, vitest and
// plain Node alike, without a TypeScript loader in the thread.
//
// Requests arrive from src/db/pglite-thread.ts on the parent port as `{ id, op, ... }` and
// each gets one answer `{ id, ok: true, value }` or `{ id, ok: false, error }`; a
// notification heard on a LISTENed channel is posted as `{ notify, payload }`.
//   open      { dir | null, template | null } → { fromTemplate }   (memory when dir is null)
//   query     { sql, params, rowMode, raw: OIDs, tx? } → { rows, fields, affectedRows }
//   exec      { sql, tx? }
//   begin     → txId, once inside BEGIN; the transaction holds PGlite until `end`
//   rollback  { tx }; end { tx, commit } → after COMMIT (or ROLLBACK)
//   listen    { channel }; dump { file }; close
//   heap      → { youngGenerationBytes, usedBytes, totalBytes }   (this thread's V8 heap)
import fs from "node:fs";
import v8 from "node:v8";
import { parentPort } from "node:worker_threads";
import { messages, PGlite } from "@electric-sql/pglite";

/** @type {PGlite | null} */
let pg = null;
/** Open transactions: the PGlite transaction, its ending, and the chain its requests run on. */
const txs = new Map();
let nextTx = 1;
const identity = (x) => x;

/** The fields of a PostgreSQL error that the Prisma adapter and the app read. */
const errorFields = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
];

function describeError(e) {
  const database = e instanceof messages.DatabaseError;
  const out = { message: String(e?.message ?? e), name: e?.name ?? "Error", length: e?.length, database };
  for (const k of errorFields) if (e && e[k] !== undefined) out[k] = e[k];
  return out;
}

async function open({ dir, template }) {
  if (dir) {
    pg = new PGlite(dir);
    await pg.waitReady;
    return { fromTemplate: false };
  }
  if (template && fs.existsSync(template)) {
    try {
      pg = new PGlite({ loadDataDir: new Blob([fs.readFileSync(template)]) });
      await pg.waitReady;
      return { fromTemplate: true };
    } catch {
      fs.rmSync(template, { force: true });
    }
  }
  pg = new PGlite();
  await pg.waitReady;
  return { fromTemplate: false };
}

async function dump({ file }) {
  const blob = await pg.dumpDataDir("gzip");
  const tmp = `${file}.${process.pid}.${nextTx++}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file); // atomic: a concurrent run reads a whole snapshot or none
}

async function query({ sql, params, rowMode, raw, tx }) {
  const options = { rowMode };
  // Columns of these types are left as PostgreSQL's text: the caller parses them with its own functions.
  if (raw?.length) options.parsers = Object.fromEntries(raw.map((oid) => [oid, identity]));
  const r = await (tx ? txs.get(tx).tx : pg).query(sql, params, options);
  return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
}

function begin() {
  return new Promise((resolve, reject) => {
    const id = nextTx++;
    pg.transaction(
      (tx) =>
        new Promise((commit, abort) => {
          txs.set(id, { tx, commit, abort, chain: Promise.resolve(), done: null });
          resolve(id);
        }),
    ).then(
      () => txs.get(id)?.done?.resolve(),
      (e) => {
        const t = txs.get(id);
        if (t?.done) t.done.reject(e);
        else reject(e); // BEGIN itself failed
      },
    );
  });
}

/** Ends transaction `tx` once the requests sent before have run; resolves after COMMIT/ROLLBACK. */
function end({ tx, commit }) {
  const t = txs.get(tx);
  return new Promise((resolve, reject) => {
    t.done = {
      resolve: () => {
        txs.delete(tx);
        resolve(undefined);
      },
      reject: (e) => {
        txs.delete(tx);
        // Ended by the caller as failed: the ROLLBACK went through, nothing to report.
        if (e === ROLLED_BACK) resolve(undefined);
        else reject(e);
      },
    };
    if (commit) t.commit(undefined);
    else t.abort(ROLLED_BACK);
  });
}
const ROLLED_BACK = Symbol("rolled back");

const ops = {
  open,
  dump,
  query,
  exec: async ({ sql, tx }) => {
    await (tx ? txs.get(tx).tx : pg).exec(sql);
  },
  begin,
  rollback: async ({ tx }) => txs.get(tx).tx.rollback(),
  end,
  listen: async ({ channel }) => {
    await pg.listen(channel, (payload) => parentPort.postMessage({ notify: channel, payload }));
  },
  heap: async () => {
    const h = v8.getHeapStatistics();
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    return { youngGenerationBytes: young?.space_size ?? 0, usedBytes: h.used_heap_size, totalBytes: h.total_heap_size };
  },
  close: async () => {
    await pg?.close();
    pg = null;
  },
};

parentPort.on("message", (m) => {
  const run = () => ops[m.op](m);
  // A transaction's requests run one after the other, in the order they were sent.
  const t = m.tx ? txs.get(m.tx) : undefined;
  let p;
  if (m.tx && !t) p = Promise.reject(new Error("Transaction is closed"));
  else if (t) {
    p = t.chain.then(run);
    t.chain = p.catch(() => undefined);
  } else p = run();
  p.then(
    (value) => parentPort.postMessage({ id: m.id, ok: true, value }),
    (e) => parentPort.postMessage({ id: m.id, ok: false, error: describeError(e) }),
  );
});
