// Telegram adapter behaviour beyond the shared contract, against the local fake Bot API.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../src/bot/telegram";
import type { ChatHandlers } from "../../src/domain/messages";
import { FakeTelegram, type FakeChat, type FakeUser } from "../support/fake-telegram";
import { recordingHandlers } from "./harness";
import { startTelegramHarness, TEST_GROUP, type TelegramHarness } from "./telegram-harness";

const ZHANG: FakeUser = { id: 501, first_name: "张", last_name: "三", username: "zhangsan" };
const LEADER: FakeUser = { id: 900, first_name: "团长" };
const chatId = String(TEST_GROUP.id);

let h: TelegramHarness | null = null;
let rec: ReturnType<typeof recordingHandlers>;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function harness(
  opts?: Parameters<typeof startTelegramHarness>[1],
  handlers?: ChatHandlers,
): Promise<TelegramHarness> {
  rec = recordingHandlers();
  h = await startTelegramHarness(handlers ?? rec, opts);
  return h;
}

describe("telegram adapter: inbound messages", () => {
  it("strips this bot's @suffix from commands, keeps other bots' suffixes", async () => {
    const { fake } = await harness();
    await fake.message(TEST_GROUP, LEADER, "/confirm@baogong_bot B1").processed();
    await fake.message(TEST_GROUP, LEADER, "/confirm B2").processed();
    await fake.message(TEST_GROUP, LEADER, "/confirm@other_bot B3").processed();
    expect(rec.messages.map((m) => m.text)).toEqual(["/confirm B1", "/confirm B2", "/confirm@other_bot B3"]);
  });

  it("maps ids, names, reply, title, mention and caption", async () => {
    const { fake } = await harness();
    const first = fake.message(TEST_GROUP, ZHANG, "3-2-501 张三 100元套餐1份");
    await first.processed();
    await fake
      .message(TEST_GROUP, { id: 502, first_name: "", username: "li_si" }, "@BaoGong_Bot 我的订单呢", {
        replyTo: first.messageId,
      })
      .processed();
    await fake.message(TEST_GROUP, ZHANG, "付款截图 @baogong_bot", { asCaption: true }).processed();
    const [a, b, c] = rec.messages;
    expect(a).toMatchObject({
      platform: "telegram",
      chatId,
      messageId: `${chatId}:${first.messageId}`,
      senderId: "501",
      senderName: "张 三",
      chatTitle: "3号楼保供群",
      mentionsBot: false,
      replyTo: null,
      action: null,
    });
    expect(b).toMatchObject({ senderName: "li_si", mentionsBot: true, replyTo: `${chatId}:${first.messageId}` });
    expect(c).toMatchObject({ text: "付款截图 @baogong_bot", mentionsBot: true });
    expect(a?.at.getTime()).toBe((first.update.message as { date: number }).date * 1000);
  });

  it("hands an update delivered twice (same update_id) to onMessage once", async () => {
    const { fake } = await harness();
    const e = fake.message(TEST_GROUP, ZHANG, "50元套餐1份");
    await e.processed();
    await fake.redeliver(e.updateId).processed();
    await fake.redeliver(e.updateId).processed();
    expect(rec.messages).toHaveLength(1);
  });

  it("ignores private chats and the bot's own messages", async () => {
    const { fake } = await harness();
    await fake.message({ id: 501, type: "private" }, ZHANG, "你好").processed();
    await fake.message(TEST_GROUP, fake.botUser, "已收到").processed();
    expect(rec.messages).toHaveLength(0);
    expect(rec.events).toHaveLength(0);
  });

  it("redelivers an update whose handler failed, then goes on", async () => {
    let failures = 1;
    const seen: string[] = [];
    const { fake } = await harness(undefined, {
      async onMessage(m) {
        if (failures-- > 0) throw new Error("database down");
        seen.push(m.text);
      },
      async onEvent() {},
    });
    await fake.message(TEST_GROUP, ZHANG, "第一条").processed();
    await fake.message(TEST_GROUP, ZHANG, "第二条").processed();
    expect(seen).toEqual(["第一条", "第二条"]);
  });
});

describe("telegram adapter: buttons (callback queries)", () => {
  it("turns a button press into an action and answers only when the core acks", async () => {
    const { fake, adapter } = await harness();
    const q = fake.callbackQuery(TEST_GROUP, ZHANG, "confirm:B1", { messageId: 77 });
    await q.processed();
    expect(rec.messages[0]).toMatchObject({
      messageId: `cb:${q.queryId}`,
      chatId,
      action: "confirm:B1",
      text: "",
      senderId: "501",
      replyTo: `${chatId}:77`,
    });
    expect(fake.callsTo("answerCallbackQuery")).toHaveLength(0);
    expect(await adapter.alert(`cb:${q.queryId}`, "只有团长可以确认 / Only the leader can confirm")).toBe(true);
    expect(fake.callsTo("answerCallbackQuery")[0]?.params).toMatchObject({
      callback_query_id: q.queryId,
      text: "只有团长可以确认 / Only the leader can confirm",
      show_alert: true,
    });
    expect(await adapter.ackAction(`cb:${q.queryId}`, null)).toBe(false); // one answer per query
  });

  it("answers silently when nobody acks within the timeout", async () => {
    const { fake } = await harness({ adapter: { actionAckTimeoutMs: 100 } });
    const q = fake.callbackQuery(TEST_GROUP, LEADER, "confirm:B2");
    await q.processed();
    const call = await fake.waitForCall("answerCallbackQuery");
    expect(call.params).toMatchObject({ callback_query_id: q.queryId, show_alert: false });
    expect(call.params.text).toBeUndefined();
  });

  it("acks with a toast text, and answers presses outside groups at once", async () => {
    const { fake, adapter } = await harness();
    const q = fake.callbackQuery(TEST_GROUP, LEADER, "confirm:B3");
    await q.processed();
    expect(await adapter.ackAction(`cb:${q.queryId}`, "已确认")).toBe(true);
    expect(fake.callsTo("answerCallbackQuery")[0]?.params).toMatchObject({ text: "已确认", show_alert: false });
    const p = fake.callbackQuery({ id: 900, type: "private" }, LEADER, "confirm:B4");
    await p.processed();
    await fake.waitForCall("answerCallbackQuery", (c) => c.params.callback_query_id === p.queryId);
    expect(rec.messages).toHaveLength(1);
  });
});

describe("telegram adapter: chat events", () => {
  it("reports migration, bot added/removed, members and title changes", async () => {
    const { fake } = await harness();
    const group: FakeChat = { id: -4001, type: "group", title: "旧群" };
    await fake.service(group, LEADER, { migrate_to_chat_id: -1004001 }).processed();
    await fake.myChatMember(TEST_GROUP, LEADER, "left", "member").processed();
    await fake.myChatMember(TEST_GROUP, LEADER, "member", "administrator").processed(); // a promotion, not an add
    await fake.service(TEST_GROUP, LEADER, { new_chat_members: [ZHANG, { id: 502, first_name: "李" }] }).processed();
    await fake.service(TEST_GROUP, LEADER, { left_chat_member: ZHANG }).processed();
    await fake.service(TEST_GROUP, LEADER, { new_chat_title: "3号楼保供群（新）" }).processed();
    await fake.myChatMember(TEST_GROUP, LEADER, "administrator", "kicked").processed();
    await fake.myChatMember({ id: 900, type: "private" }, LEADER, "member", "kicked").processed(); // user blocked the bot
    // Each names the account that saw it: this bot.
    const account = String(fake.botUser.id);
    expect(rec.events.map((e) => ({ ...e, at: undefined }))).toEqual([
      { type: "chat_migrated", platform: "telegram", account, chatId: "-4001", newChatId: "-1004001", at: undefined },
      { type: "bot_added", platform: "telegram", account, chatId, chatTitle: "3号楼保供群", by: "900", at: undefined },
      { type: "member_joined", platform: "telegram", account, chatId, userIds: ["501", "502"], at: undefined },
      { type: "member_left", platform: "telegram", account, chatId, userIds: ["501"], at: undefined },
      { type: "topic_changed", platform: "telegram", account, chatId, topic: "3号楼保供群（新）", at: undefined },
      { type: "bot_removed", platform: "telegram", account, chatId, by: "900", at: undefined },
    ]);
    expect(rec.messages).toHaveLength(0);
  });

  it("reports the bot itself among new members as bot_added", async () => {
    const { fake } = await harness();
    await fake.service(TEST_GROUP, LEADER, { new_chat_members: [fake.botUser] }).processed();
    expect(rec.events.map((e) => e.type)).toEqual(["bot_added"]);
  });
});

describe("telegram adapter: sending", () => {
  it("sends text with one row of inline buttons and returns the message id", async () => {
    const { fake, adapter } = await harness();
    const r = await adapter.send({
      platform: "telegram",
      chatId,
      text: "确认批次 B1？",
      buttons: [
        { text: "确认", data: "confirm:B1" },
        { text: "取消", data: "cancel:B1" },
      ],
    });
    expect(r).toEqual({ ok: true, messageId: `${chatId}:${fake.sent()[0]?.messageId}` });
    expect(fake.callsTo("sendMessage")[0]?.params.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "确认", callback_data: "confirm:B1" },
          { text: "取消", callback_data: "cancel:B1" },
        ],
      ],
    });
  });

  // The adapter has no waiting path: a 429's retry-after is handed back for the send queue to keep.
  it("returns FORBIDDEN, RATE_LIMITED (with its retry-after, not waited out), MIGRATED and FAILED as values", async () => {
    const { fake, adapter } = await harness();
    fake.failNextSends(chatId, 1, { code: 403 });
    fake.failNextSends(chatId, 1, { code: 429, retryAfter: 7 });
    fake.failNextSends(chatId, 1, { code: 400, migrateTo: -1009 });
    const msg = { platform: "telegram" as const, chatId, text: "通知", buttons: [] };
    expect(await adapter.send(msg)).toMatchObject({ ok: false, reason: "FORBIDDEN" });
    expect(await adapter.send(msg)).toMatchObject({ ok: false, reason: "RATE_LIMITED", retryAfterMs: 7000 });
    expect(await adapter.send(msg)).toMatchObject({ ok: false, reason: "MIGRATED", newChatId: "-1009" });
    expect(await adapter.send(msg)).toMatchObject({ ok: true });
    expect(await adapter.send({ ...msg, platform: "wechat" })).toMatchObject({ ok: false, reason: "FAILED" });
    const offline = createTelegramAdapter({ token: fake.token, apiRoot: "http://127.0.0.1:9" });
    expect(await offline.send(msg)).toMatchObject({ ok: false, reason: "FAILED" });
  });
});

describe("telegram adapter: start-up", () => {
  it("reads the privacy flag and username from getMe", async () => {
    const off = await harness();
    expect(off.adapter.canReadAllGroupMessages()).toBe(false);
    expect(off.adapter.botUsername()).toBe("baogong_bot");
    expect(off.fake.callsTo("deleteWebhook")).toHaveLength(1);
    await off.close();
    h = null;
    const on = await harness({ fake: { bot: { can_read_all_group_messages: true, username: "bg_test_bot" } } });
    expect(on.adapter.canReadAllGroupMessages()).toBe(true);
    expect(on.adapter.botUsername()).toBe("bg_test_bot");
  });

  it("reports null before start and refuses a bad token", async () => {
    const fake = await FakeTelegram.start();
    try {
      const adapter = createTelegramAdapter({ token: "1:wrong", apiRoot: fake.apiRoot });
      expect(adapter.canReadAllGroupMessages()).toBeNull();
      await expect(adapter.start(recordingHandlers())).rejects.toThrow(/401/);
      await adapter.stop();
    } finally {
      await fake.close();
    }
  });

  it("receives updates by webhook when configured", async () => {
    const fake = await FakeTelegram.start();
    const port = await freePort();
    const handlers = recordingHandlers();
    const adapter = createTelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      mode: { webhook: { domain: "bot.example.org", port, path: "/tg/hook", secretToken: "s3cret" } },
    });
    try {
      await adapter.start(handlers);
      expect(fake.callsTo("setWebhook")[0]?.params).toMatchObject({
        url: "https://bot.example.org/tg/hook",
        secret_token: "s3cret",
      });
      const update = {
        update_id: 1,
        message: { message_id: 5, date: 1_700_000_000, chat: TEST_GROUP, from: ZHANG, text: "100元套餐1份" },
      };
      const post = (secret: string) =>
        fetch(`http://127.0.0.1:${port}/tg/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
          body: JSON.stringify(update),
        });
      expect((await post("wrong")).status).toBe(401);
      expect((await post("s3cret")).status).toBe(200);
      expect((await post("s3cret")).status).toBe(200); // Telegram retrying: delivered once
      expect(handlers.messages.map((m) => m.messageId)).toEqual([`${chatId}:5`]);
      expect(fake.callsTo("getUpdates")).toHaveLength(0);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
