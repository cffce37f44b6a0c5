// Phones (every common form) and ID-card numbers never reach a group message or an
// export: not from a 群昵称 that holds one, not from a name stored earlier, not echoed
// back as a refused item. (Logs: tests/infra/logger-masking.test.ts.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { exportBatch } from "../../src/cli/export";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const PHONES = /1[3-9]\d[ -]?\d{4}[ -]?\d{4}|\d{17}[\dXx]/;

describe("personal data in what the bot says and writes", () => {
  it("a phone in the nickname is not the household's name, and appears in no batch list or export", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "100元套餐1份", { name: "2-1-110 蒋 13987654321" }));
    await handleMessage(app.deps, msg(app, "g1", "r2", "50元套餐1份", { name: "2-1-111 沈 139-8765-4322" }));
    // A name stored before this fix (or typed by an operator) still comes out masked.
    await handleMessage(app.deps, msg(app, "g1", "r3", "2-1-112 50元套餐1份"));
    await db.prisma.household.updateMany({ where: { code: "2-1-112" }, data: { name: "韩 +86 138 1234 5678" } });
    const hh = await db.prisma.household.findFirstOrThrow({ where: { code: "2-1-110" } });
    expect(hh.name).toBe("蒋");
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:05+08:00"));
    await handleMessage(app.deps, msg(app, "g1", "lead_a", "确认"));
    for (const t of app.said("g1")) expect(t).not.toMatch(PHONES);
    expect(
      app
        .said("g1")
        .some(
          (t) =>
            t.includes("韩 +86 138 **** 5678") ||
            t.includes("韩 +86138****5678") ||
            /韩 \+86 ?138 ?\*{4} ?5678/.test(t),
        ),
    ).toBe(true);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bg-priv-"));
    const files = await exportBatch(db.prisma, String(app.ofType("batch.confirmed")[0]!.batchId), out);
    for (const f of files.filter((x) => x.endsWith(".csv"))) expect(fs.readFileSync(f, "utf8")).not.toMatch(PHONES);
  });

  it("an ID-card number in a message is not echoed back", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "3-1-101 100元套餐1份 身份证110101199003071234 香烟1条"));
    for (const t of app.said("g1")) expect(t).not.toMatch(PHONES);
  });

  it("an absurd quantity in a change is refused with its reason, and nothing changes", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "3-1-101 100元套餐1份"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "3-1-101 100元套餐改成一万份"));
    expect(app.ofType("order.amended")).toHaveLength(0);
    expect(app.ofType("order.rejected").at(-1)).toMatchObject({ reason: "BAD_QUANTITY" });
    expect(app.said("g1").at(-1)).toContain("数量不对");
  });
});
