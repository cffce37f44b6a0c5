// Fault injection: PostgreSQL behind a TCP proxy the test cuts and restores, Redis a
// private redis-server the test kills — the machine's shared servers are never touched.
// Every order a household sends is stored once and answered, whatever goes away meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTransientError } from "../../src/app/intake";
import type { InboundMessage } from "../../src/domain/messages";
import { startFaultyApp, type FaultyApp } from "../support/faulty-app";

let f: FaultyApp;
beforeAll(async () => {
  f = await startFaultyApp({ prefix: "t-faults" });
}, 60_000);
afterAll(async () => {
  await f?.close();
});

describe("PostgreSQL unreachable", () => {
  it("orders arriving while it is down are kept, handled in arrival order when it is back, each answered; the group is told they wait", async () => {
    const { intake, waiting, close } = f.intake();
    await intake.start();
    f.proxy.cut();
    for (let i = 1; i <= 30; i++) await intake.accept(f.order(i)); // each resolves once the message is safe
    await new Promise((res) => setTimeout(res, 1200));
    expect(await f.database.prisma.order.count().catch(() => -1)).toBe(-1); // still unreachable
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.names.length).toBeGreaterThan(1);

    f.proxy.restore();
    expect(await intake.drain(60_000)).toBe(true);
    const handled = await f.database.prisma.inboundMessage.findMany({
      orderBy: { receivedAt: "asc" },
      select: { key: true },
    });
    expect(handled.map((h) => h.key)).toEqual(Array.from({ length: 30 }, (_, i) => `sim:g1:o${i + 1}`));
    expect(await f.database.prisma.order.count()).toBe(30);
    await f.sends.drain(20_000);
    expect(f.delivered.filter((m) => m.text.startsWith("✅ 已收到"))).toHaveLength(30);
    expect(f.delivered.some((m) => m.text.startsWith("⏳"))).toBe(true);
    await close();
  }, 90_000);

  it("a bot stopped 45 s before the cut-off with 60 messages waiting, back 24 s after it: every order ends in that batch", async () => {
    await f.database.exec(
      `TRUNCATE "Order", "OrderLine", "Batch", "InboundMessage", "Household", "OutboxMessage" CASCADE`,
    );
    f.app.clock.advanceTo(new Date("2026-12-05T19:59:00+08:00"));
    const first = f.intake({ instance: "bot-a" });
    await first.intake.start();
    f.proxy.cut(); // the database away: nothing gets handled before the stop
    const sent = new Date("2026-12-05T19:59:15+08:00");
    for (let i = 1; i <= 60; i++)
      await first.intake.accept({ ...f.order(i), messageId: `late${i}`, at: sent } as InboundMessage);
    await first.close();
    f.proxy.restore();

    // The cut-off runs while the bot is down; another process starts 24 s after it.
    await f.app.scheduler.runUntil(new Date("2026-12-05T20:00:00+08:00"));
    f.app.clock.advanceTo(new Date("2026-12-05T20:00:24+08:00"));
    const second = f.intake({ instance: "bot-b" }); // takes over bot-a's journal
    expect(await second.intake.start()).toBe(60);
    expect(await second.intake.drain(60_000)).toBe(true);
    await f.app.scheduler.runUntil(new Date("2026-12-05T20:01:30+08:00"));
    const orders = await f.database.prisma.order.findMany({ select: { deliveryDate: true, batchId: true } });
    expect(orders).toHaveLength(60);
    expect(orders.every((o) => o.deliveryDate === "2026-12-06" && o.batchId !== null)).toBe(true);
    expect(new Set(orders.map((o) => o.batchId)).size).toBe(1);
    await second.close();
  }, 90_000);
});

describe("errors", () => {
  it("tells the infrastructure's failures from the message's", () => {
    expect(
      isTransientError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isTransientError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isTransientError({ code: "P2024", message: "Timed out fetching a new connection from the connection pool" }),
    ).toBe(true);
    expect(isTransientError(new Error("outer", { cause: { code: "57P01" } }))).toBe(true);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'sku')"))).toBe(false);
  });
});
