// A grid of 200 households on Telegram, whose Bot API refuses a text over 4,096
// characters (the fake does too): the leader gets the whole batch list in numbered parts,
// the confirm button on the last, the pick list as a file; the households get their
// pickup slots — through the real send queue on Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickListFile as exportBatchFile } from "../../src/app/exports";
import type { AppDeps } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import { silentLogger } from "../../src/infra/logger";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { openTestDatabase, TEST_REDIS_URL, uniqueName } from "../support/db";
import { startTelegramHarness, TEST_GROUP, type TelegramHarness } from "../adapters/telegram-harness";
import { makeDayApp, type DayApp } from "./scripted-day";
import { sendHooks } from "../../src/app/send-hooks";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let h: TelegramHarness;
let app: DayApp;
let sends: SendRuntime;
const GROUP = String(TEST_GROUP.id);

beforeAll(async () => {
  db = await openTestDatabase();
  app = await makeDayApp(db.prisma, "telegram", GROUP, "u_leader");
  h = await startTelegramHarness(app.handlers);
  app.setAdapter(h.adapter);
  sends = await startSendRuntime({
    redisUrl: TEST_REDIS_URL,
    prefix: uniqueName("tbig"),
    adapters: () => new Map([["telegram", h.adapter]]),
    log: silentLogger,
    hooks: sendHooks(() => app.deps as AppDeps),
    platforms: ["telegram"],
    attachments: (a) => exportBatchFile(db.prisma, a.batchId),
  });
}, 60_000);
afterAll(async () => {
  await sends?.close();
  await h?.close();
  await db?.drop();
});

describe("a 200-household grid on Telegram", () => {
  it("gets its batch list in parts with the button on the last, the pick list as a file, and its pickup slots", async () => {
    (app.deps as { outbox: AppDeps["outbox"] }).outbox = { send: async () => undefined };
    for (let i = 1; i <= 200; i++) {
      const hh = `${11 + Math.floor((i - 1) / 40)}-${1 + (Math.floor((i - 1) / 10) % 4)}-${1000 + i}`;
      await handleMessage(app.deps, {
        platform: "telegram",
        chatId: GROUP,
        messageId: `m${i}`,
        senderId: `u${i}`,
        senderName: `${hh} 住户${i}`,
        text: "100元套餐1份 鸡蛋2盒",
        at: app.clock.now(),
        mentionsBot: false,
        action: null,
        replyTo: null,
        chatTitle: null,
        edits: null,
        recalls: null,
      });
    }
    // (the 200 acknowledgements are not the point here: Telegram's 20 a minute per group would take ten minutes)
    (app.deps as { outbox: AppDeps["outbox"] }).outbox = sends.outbox;
    const before = h.fake.sent().length;
    await app.scheduler.runUntil(new Date("2026-12-05T20:00:30+08:00"));
    await sends.drain(60_000);
    const list = h.fake.sent().slice(before);
    expect(list.length).toBeGreaterThanOrEqual(2);
    for (const m of list) expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(list.map((m) => /^\((\d+)\/(\d+)\)/.exec(m.text)?.[1])).toEqual(list.map((_, i) => String(i + 1)));
    expect(list.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
    expect(list.at(-1)!.buttons.map((b) => b.text)).toEqual(["确认 Confirm"]);
    const all = list.map((m) => m.text).join("\n");
    for (let i = 1; i <= 200; i++) expect(all).toContain(`住户${i}：`);
    const docs = h.fake.callsTo("sendDocument");
    expect(docs).toHaveLength(1);
    expect(docs[0]!.params.document).toMatchObject({ filename: expect.stringMatching(/^拣货单-B20261206-.*\.xlsx$/) });

    // The leader presses the button on the last part: the slots go out in parts too.
    const data = list.at(-1)!.buttons[0]!.data;
    const mark = h.fake.sent().length;
    await h.fake.callbackQuery(TEST_GROUP, { id: "u_leader", first_name: "王团长" }, data).processed();
    await sends.drain(60_000);
    const announce = h.fake.sent().slice(mark);
    expect(announce.length).toBeGreaterThan(1);
    for (const m of announce) expect(m.text.length).toBeLessThanOrEqual(4096);
    const slots = announce.map((m) => m.text).join("\n");
    expect(slots.match(/\d+-\d+-\d+：\d\d:\d\d-\d\d:\d\d/g)).toHaveLength(200);
    expect(h.fake.callsTo("sendDocument")).toHaveLength(2); // the final pick list, with the slots
  }, 120_000);
});
