// The message path's SQL on the databases' own drivers (src/db/sql.ts): node-postgres on
// the real PostgreSQL and PGlite in memory read and write the same values Prisma does,
// a transaction commits or rolls back as a whole, a connection lost inside one is given
// back to no one, and an inbound order's transaction does not go through Prisma at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { handleMessage } from "../../src/app/handle-message";
import { isTransientError } from "../../src/app/intake";
import { openDatabase, type Database } from "../../src/db/database";
import { freshTestApp, msg } from "../support/app";
import { openTestDatabase } from "../support/db";

let pg: Awaited<ReturnType<typeof openTestDatabase>>;
let lite: Database;
beforeAll(async () => {
  pg = await openTestDatabase();
  lite = await openDatabase("memory://");
});
afterAll(async () => {
  await pg?.drop();
  await lite?.close();
});

const both = (): Array<[string, Database]> => [
  ["PostgreSQL", pg],
  ["PGlite", lite],
];

describe.each(["PostgreSQL", "PGlite"])("Sql on %s", (name) => {
  const db = () => both().find(([n]) => n === name)![1];

  it("writes and reads timestamps as UTC, as Prisma does, whatever the process's time zone", async () => {
    const tz = process.env.TZ;
    process.env.TZ = "Asia/Shanghai"; // node-postgres and PGlite would read `timestamp` as local time
    try {
      const at = new Date("2026-12-05T23:30:00.125Z");
      const key = `sql-ts-${name}`;
      await db().sql.run(
        `INSERT INTO "ReplyThrottle" ("key", "until") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "until" = EXCLUDED."until"`,
        key,
        at,
      );
      const row = await db().sql.one(
        z.object({ until: z.date() }),
        `SELECT "until" FROM "ReplyThrottle" WHERE "key" = $1`,
        key,
      );
      expect(row?.until.toISOString()).toBe(at.toISOString());
      const viaPrisma = await db().prisma.replyThrottle.findUniqueOrThrow({ where: { key } });
      expect(viaPrisma.until.toISOString()).toBe(at.toISOString());
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("passes values as parameters, arrays and quotes included", async () => {
    const rows = await db().sql.rows(z.object({ x: z.string() }), `SELECT unnest($1::text[]) AS x`, [
      "a'b",
      'c"d',
      "$1",
      "e\\f",
    ]);
    expect(rows.map((r) => r.x)).toEqual(["a'b", 'c"d', "$1", "e\\f"]);
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    const key = `sql-tx-${name}`;
    await db().sql.transaction((tx) =>
      tx.run(`INSERT INTO "ReplyThrottle" ("key", "until") VALUES ($1, $2)`, `${key}-kept`, new Date()),
    );
    await expect(
      db().sql.transaction(async (tx) => {
        await tx.run(`INSERT INTO "ReplyThrottle" ("key", "until") VALUES ($1, $2)`, `${key}-lost`, new Date());
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    const keys = await db().sql.rows(
      z.object({ key: z.string() }),
      `SELECT "key" FROM "ReplyThrottle" WHERE "key" LIKE $1 ORDER BY "key"`,
      `${key}-%`,
    );
    expect(keys.map((k) => k.key)).toEqual([`${key}-kept`]);
  });

  it("checks rows at the boundary: a row of another shape is an error, not a value", async () => {
    await expect(db().sql.rows(z.object({ n: z.string() }), `SELECT 1 AS n`)).rejects.toThrow();
  });
});

describe("Sql on PostgreSQL, a connection lost inside a transaction", () => {
  it("fails the transaction as the infrastructure's failure, and the pool goes on with other connections", async () => {
    const err = await pg.sql
      .transaction(async (tx) => {
        // The server ends this very connection (as a restart or a dropped link would).
        await tx.run(`SELECT pg_terminate_backend(pg_backend_pid())`);
        await tx.run(`SELECT 1`);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(Error);
    expect(isTransientError(err)).toBe(true);
    // Every connection the pool hands out afterwards works.
    for (let i = 0; i < 12; i++) await pg.sql.transaction((tx) => tx.run(`SELECT 1`));
  });
});

describe("an inbound order", () => {
  it("is claimed, loaded and applied in a transaction on the database's own driver, not Prisma's", async () => {
    const app = await freshTestApp(pg);
    const prisma = app.deps.db as unknown as Record<string, unknown>;
    const own = Object.getOwnPropertyDescriptor(prisma, "$transaction");
    prisma.$transaction = () => {
      throw new Error("the message path opened a Prisma transaction");
    };
    try {
      await handleMessage(app.deps, msg(app, "g1", "r1", "3-2-501 张三 100元套餐1份", { id: "drv-1" }));
    } finally {
      if (own) Object.defineProperty(prisma, "$transaction", own);
      else delete prisma.$transaction;
    }
    expect(app.ofType("order.accepted")).toHaveLength(1);
    expect(await pg.prisma.order.count({ where: { sourceMessage: "sim:g1:drv-1" } })).toBe(1);
    expect(app.said("g1")).toHaveLength(1);
  });
});
