// The embedded database (PGlite) runs in a thread of its own: a long statement leaves the
// app's event loop free, and the database still behaves as PGlite in the app's thread did —
// types, PostgreSQL's errors, transactions, notifications, files that outlive a close.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { PGLITE_YOUNG_GENERATION_MB, PgliteThread } from "../../src/db/pglite-thread";

/** Event-loop turns (setImmediate callbacks) that run while `work` is pending. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let pending = true;
  const turn = () => {
    if (!pending) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  try {
    await work();
  } finally {
    pending = false;
  }
  return turns;
}

describe("PGlite in its own thread", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase("memory://");
  });
  afterAll(async () => {
    await db.close();
  });

  it("keeps the event loop turning while a long statement runs", async () => {
    // One statement of some hundreds of milliseconds: in the app's thread, PGlite's WASM
    // runs it in one synchronous call, and not one turn of the loop happens meanwhile.
    const turns = await turnsDuring(() =>
      db.exec("SELECT count(*) FROM generate_series(1, 3000000) g WHERE g % 7 = 0"),
    );
    expect(turns).toBeGreaterThan(0);
  });

  it("returns PostgreSQL's types as Prisma reads them", async () => {
    const [row] = await db.prisma.$queryRawUnsafe<
      Array<{ n: bigint; t: Date; j: unknown; b: Uint8Array; a: number[]; d: string; s: string | null }>
    >(
      `SELECT 12::int8 AS n, '2026-11-29T08:00:00Z'::timestamptz AS t, '{"a":[1,"二"]}'::jsonb AS j,
              '\\x0102ff'::bytea AS b, ARRAY[1,2]::int[] AS a, 1.50::numeric AS d, NULL::text AS s`,
    );
    expect(row).toEqual({
      n: 12n,
      t: new Date("2026-11-29T08:00:00Z"),
      j: { a: [1, "二"] },
      b: new Uint8Array([1, 2, 255]),
      a: [1, 2],
      d: expect.anything(),
      s: null,
    });
    expect(String(row!.d)).toBe("1.5");
  });

  it("reports PostgreSQL's errors with their codes", async () => {
    await db.prisma.village.create({ data: { id: "v-dup", name: "甲村" } });
    await expect(db.prisma.village.create({ data: { id: "v-dup", name: "甲村" } })).rejects.toMatchObject({
      cause: { kind: "postgres", code: "23505", detail: "Key (id)=(v-dup) already exists." },
    });
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    await db.prisma.$transaction(async (tx) => {
      await tx.village.create({ data: { id: "v-kept", name: "乙村" } });
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.village.create({ data: { id: "v-gone", name: "丙村" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const ids = (await db.prisma.village.findMany({ where: { id: { in: ["v-kept", "v-gone"] } } })).map((v) => v.id);
    expect(ids).toEqual(["v-kept"]);
  });

  it("runs statements from outside a transaction after it, not inside it", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const tx = db.prisma.$transaction(async (t) => {
      await t.village.create({ data: { id: "v-tx", name: "丁村" } });
      await held;
      throw new Error("rolled back");
    });
    // Started while the transaction is open: must not see its row, nor be part of it.
    const outside = db.prisma.village.count({ where: { id: "v-tx" } });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(tx).rejects.toThrow("rolled back");
    expect(await outside).toBe(0);
  });

  it("hears the configuration notifications", async () => {
    let heard = 0;
    await db.onConfigChange(() => heard++);
    await db.exec(`NOTIFY baogong_config, 'public.Village'`);
    await expect.poll(() => heard).toBeGreaterThan(0);
  });
});

describe("PGlite in its own thread, on files", () => {
  it("keeps what was written across a close and an open", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-pglite-thread-"));
    try {
      const url = `pglite:${path.join(dir, "pglite")}`;
      const a = await openDatabase(url);
      await a.prisma.village.create({ data: { id: "v-file", name: "戊村" } });
      await a.close();
      const b = await openDatabase(url);
      expect((await b.prisma.village.findUnique({ where: { id: "v-file" } }))?.name).toBe("戊村");
      await b.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("PGlite's thread, memory", () => {
  it("keeps the thread's young generation small after a burst of short-lived objects", async () => {
    // A result of 200,000 rows is 200,000 short-lived objects in the thread: V8 would grow the
    // young generation to its default (16 MiB semi-spaces) and keep those pages resident.
    const { thread } = await PgliteThread.open(null);
    try {
      await thread.query("SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 200000) g");
      const heap = await thread.heap();
      expect(heap.youngGenerationBytes).toBeLessThanOrEqual(PGLITE_YOUNG_GENERATION_MB * 1048576);
    } finally {
      await thread.close();
    }
  });
});
