// One member sending the same order 1,000 times: one order, one refusal said — not 999
// refusals eating the group's sending budget — and a neighbour's order answered at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import { Intake } from "../../src/app/intake";
import { systemClock } from "../../src/domain/clock";
import { silentLogger } from "../../src/infra/logger";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe("a flood from one member", () => {
  it("1,000 copies of an order: one order, one TOO_SOON said; the neighbour is answered among the first", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    const handled: string[] = [];
    const intake = new Intake({
      handle: async (m) => {
        await handleMessage(app.deps, m);
        handled.push(m.senderId);
      },
      journal: null,
      clock: systemClock,
      log: silentLogger,
      concurrency: 8,
    });
    await intake.start();
    const all: Array<Promise<void>> = [];
    for (let i = 0; i < 1000; i++)
      all.push(intake.accept(msg(app, "g1", "flood", "2-1-101 50元套餐1份", { name: "2-1-101 刷屏" })));
    all.push(intake.accept(msg(app, "g1", "calm", "2-1-102 50元套餐1份")));
    await Promise.all(all);
    await intake.stop();

    expect(app.ofType("order.accepted").map((e) => e.household)).toEqual(["2-1-101", "2-1-102"]);
    expect(app.ofType("order.rejected").filter((e) => e.reason === "TOO_SOON")).toHaveLength(999); // each still counted
    const said = app.said("g1");
    expect(said.filter((t) => t.includes("2-1-101") && t.includes("未受理"))).toHaveLength(1);
    expect(said).toHaveLength(3);
    expect(handled.indexOf("calm")).toBeLessThanOrEqual(1);
  }, 120_000);

  it("a flood that changes the address each time still gets one refusal per reason", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    for (let i = 1; i <= 200; i++) await handleMessage(app.deps, msg(app, "g1", "flood2", `9-9-${i} 香烟一条`));
    const rejected = app.ofType("order.rejected");
    expect(rejected).toHaveLength(200);
    expect(app.said("g1")).toHaveLength(new Set(rejected.map((e) => e.reason)).size); // one per reason (here 2 at most)
    expect(app.said("g1").length).toBeLessThanOrEqual(2);
  }, 60_000);

  it("after the quiet window the refusal is said again", async () => {
    const app = await freshTestApp(db, "2026-12-05T08:00:00+08:00");
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T08:05:00+08:00" }));
    expect(app.said("g1")).toHaveLength(2);
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份", { at: "2026-12-05T08:11:00+08:00" }));
    expect(app.said("g1")).toHaveLength(3);
  });
});
