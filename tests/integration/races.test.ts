// Find-or-create rows (members, households, 接龙 lists) are race-free: messages handled
// at the same moment — several bot processes, Telegram's webhook — are all stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("simultaneous first messages", () => {
  it("a new member's 80 messages at once are all handled: one member row, no message lost", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    const msgs = Array.from({ length: 80 }, (_, i) =>
      msg(app, "g1", "newbie", `${i + 1}-1-101 50元套餐1份`, { name: "新来的" }),
    );
    const results = await Promise.allSettled(msgs.map((m) => handleMessage(app.deps, m)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db.prisma.member.count({ where: { userId: "newbie" } })).toBe(1);
    expect(await db.prisma.inboundMessage.count()).toBe(80);
    expect(app.ofType("order.accepted")).toHaveLength(80);
  });

  it("many members naming one new household at once: one household row, one order, the rest TOO_SOON", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    const msgs = Array.from({ length: 30 }, (_, i) => msg(app, "g1", `m${i}`, "7-7-707 50元套餐1份"));
    const results = await Promise.allSettled(msgs.map((m) => handleMessage(app.deps, m)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db.prisma.household.count({ where: { code: "7-7-707" } })).toBe(1);
    expect(app.ofType("order.accepted")).toHaveLength(1);
    expect(app.ofType("order.rejected").filter((e) => e.reason === "TOO_SOON")).toHaveLength(29);
  });

  it("a 接龙 posted by two people at the same moment is stored, not dropped", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    // Two first copies made apart (no line in common), posted together, several times over.
    for (let round = 0; round < 5; round++) {
      const a = `#接龙\n奶粉团购${round}\n1. 5-${round}-101 2罐`;
      const b = `#接龙\n奶粉团购${round}\n1. 6-${round}-101 1罐`;
      const results = await Promise.allSettled([
        handleMessage(app.deps, msg(app, "g1", "u1", a)),
        handleMessage(app.deps, msg(app, "g1", "u2", b)),
      ]);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    }
    expect(await db.prisma.inboundMessage.count()).toBe(10);
  });
});
