// The cached configuration (src/app/config-cache.ts): orders read their group, rules and
// rumour watches from memory, and see a change at once when this process made it (a
// command) and as soon as PostgreSQL's notification arrives when another process did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleChatEvent } from "../../src/app/chat-events";
import { ConfigCache } from "../../src/app/config-cache";
import { handleMessage } from "../../src/app/handle-message";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** An app whose deps keep a cache, dropped on this schema's notifications. */
async function cachedApp(): Promise<{ app: TestApp; config: ConfigCache; notified: () => number }> {
  const app = await freshTestApp(db);
  const config = new ConfigCache(app.deps.db);
  let heard = 0;
  await db.onConfigChange(() => {
    heard++;
    config.invalidate();
  });
  app.deps.config = config;
  return { app, config, notified: () => heard };
}

async function until(f: () => boolean, ms = 5000): Promise<void> {
  for (const t0 = Date.now(); !f(); ) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("configuration cache", () => {
  it("a group's orders after the first read nothing of the configuration", async () => {
    const { app, config } = await cachedApp();
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    const loads = config.loads;
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 50元套餐1份"));
    await handleMessage(app.deps, msg(app, "g1", "r3", "2-1-103 100元套餐1份"));
    expect(config.loads).toBe(loads);
    expect(app.ofType("order.accepted").map((e) => e.household)).toEqual(["2-1-101", "2-1-102", "2-1-103"]);
  });

  it("/limit applies to the very next order (this process changed it)", async () => {
    const { app } = await cachedApp();
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 100元套餐2份"));
    expect(app.ofType("order.accepted")).toHaveLength(1);
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/limit PKG100 1"));
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 100元套餐2份"));
    expect(app.ofType("order.rejected")[0]).toMatchObject({ reason: "OVER_LIMIT", sku: "PKG100", max: 1 });
  });

  it("a change written by another process (setup, psql) is picked up from PostgreSQL's notification", async () => {
    const { app, notified } = await cachedApp();
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 150元套餐2份"));
    expect(app.ofType("order.accepted")).toHaveLength(1);
    const before = notified();
    await db.exec(`UPDATE "Limit" SET "maxQty" = 1 WHERE "sku" = 'PKG150'`);
    await until(() => notified() > before);
    await handleMessage(app.deps, msg(app, "g1", "r2", "2-1-102 150元套餐2份"));
    expect(app.ofType("order.rejected")[0]).toMatchObject({ reason: "OVER_LIMIT", sku: "PKG150", max: 1 });
  });

  it("a rumour watch added elsewhere is answered once heard of; one stopped by command is not", async () => {
    const { app, notified } = await cachedApp();
    await handleMessage(app.deps, msg(app, "g1", "r1", "听说要断粮了"));
    expect(app.ofType("rumour.answered")).toHaveLength(0);
    const before = notified();
    await db.exec(
      `INSERT INTO "RumourWatch" ("id", "keywords", "text", "issuedBy", "createdAt") VALUES ('RX1', ARRAY['断粮'], '物资充足', 'off_a', now())`,
    );
    await until(() => notified() > before);
    await handleMessage(app.deps, msg(app, "g1", "r2", "听说要断粮了"));
    expect(app.ofType("rumour.answered")).toHaveLength(1);
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/rumour stop RX1"));
    await handleMessage(app.deps, msg(app, "g2", "r3", "听说要断粮了"));
    expect(app.ofType("rumour.answered")).toHaveLength(1);
  });

  it("a group the bot was removed from is not served from the cache", async () => {
    const { app } = await cachedApp();
    await handleMessage(app.deps, msg(app, "g2", "r1", "5-1-101 50元套餐1份"));
    expect(app.ofType("order.accepted")).toHaveLength(1);
    await handleChatEvent(app.deps, {
      type: "bot_removed",
      platform: "sim",
      chatId: "g2",
      by: null,
      at: app.clock.now(),
    });
    await handleMessage(app.deps, msg(app, "g2", "r2", "5-1-102 50元套餐1份"));
    expect(app.ofType("order.accepted")).toHaveLength(1);
    await db.exec(`UPDATE "ChatGroup" SET "active" = true WHERE "chatId" = 'g2'`);
  });

  it("a group's acknowledgement time, written with every answer, does not drop the cache", async () => {
    const { app, notified } = await cachedApp();
    await handleMessage(app.deps, msg(app, "g1", "r1", "2-1-101 50元套餐1份"));
    const heard = notified();
    await db.exec(`UPDATE "ChatGroup" SET "ackSentAt" = now() WHERE "chatId" = 'g1'`);
    await db.exec(`UPDATE "Village" SET "intervalDays" = "intervalDays"`); // a statement that does notify, after
    await until(() => notified() > heard);
    expect(notified()).toBe(heard + 1);
  });
});
