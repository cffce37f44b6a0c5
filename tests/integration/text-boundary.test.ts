// Text PostgreSQL refuses (a NUL byte, a lone surrogate) is cleaned where a message
// enters: a member whose display name holds one can still order, and `simulate` goes on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { runSimulate } from "../../src/cli/simulate";
import { InboundMessageSchema } from "../../src/domain/messages";
import { openTestDatabase, TEST_DATABASE_URL } from "../support/db";
import { freshTestApp, msg } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("text at the boundary", () => {
  it("a NUL byte and a lone surrogate in a display name and text do not stop a member's orders", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    const m = InboundMessageSchema.parse({
      ...msg(app, "g1", "nul1", "2-1-101 50元套餐1份\u0000", { name: "王\u0000五\ud800" }),
    });
    expect(m.senderName).toBe("王五\ufffd");
    await handleMessage(app.deps, m);
    expect(app.ofType("order.accepted")).toHaveLength(1);
    const member = await db.prisma.member.findFirstOrThrow({ where: { userId: "nul1" } });
    expect(member.displayName).toBe("王五\ufffd");
  });

  it("an invisible character inside an address in a nickname does not send the order to another household", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    const m = InboundMessageSchema.parse({ ...msg(app, "g1", "zw1", "50元套餐1份", { name: "2-1-1\u200b01 王" }) });
    await handleMessage(app.deps, m);
    expect(app.ofType("order.accepted").map((e) => e.household)).toEqual(["2-1-101"]);
  });

  it("simulate goes on past such a message", async () => {
    const lines = [
      { setup: { groups: [{ chat: "g1", village: "村", grid: "1", leaders: ["l"] }] } },
      { at: "2026-12-05T08:30:00+08:00", chat: "g1", from: "r1", name: "2-1-101 王\u0000", text: "50元套餐1份\u0000" },
      { at: "2026-12-05T08:31:00+08:00", chat: "g1", from: "r2", name: "2-1-102 李", text: "50元套餐1份" },
      { at: "2026-12-05T09:00:00+08:00", end: true },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const out: string[] = [];
    await runSimulate(
      lines,
      (l) => out.push(l),
      () => undefined,
      { databaseUrl: TEST_DATABASE_URL },
    );
    const accepted = out.map((l) => JSON.parse(l)).filter((e) => e.type === "order.accepted");
    expect(accepted.map((e) => e.household)).toEqual(["2-1-101", "2-1-102"]);
  });
});
