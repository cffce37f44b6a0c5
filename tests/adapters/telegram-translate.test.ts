// The pure Telegram update → InboundMessage / ChatEvent translation, without a server.
import { describe, expect, it } from "vitest";
import { mentionsBot, stripOwnCommandSuffix } from "../../src/bot/telegram/entities";
import { translateUpdate } from "../../src/bot/telegram/translate";
import type { BotIdentity, TgMessage } from "../../src/bot/telegram/wire";
import { entitiesFor } from "../support/fake-telegram";

const BOT: BotIdentity = { id: "7000001", username: "baogong_bot", canReadAllGroupMessages: false };
const NOW = new Date("2022-04-01T08:00:00+08:00");
const group = { id: -10042, type: "supergroup" as const, title: "保供群" };

function msg(fields: Partial<TgMessage>): TgMessage {
  return { message_id: 1, date: 1_648_771_200, chat: group, from: { id: 5, first_name: "王" }, ...fields };
}

describe("telegram translation", () => {
  it.each([
    ["/confirm@baogong_bot", "/confirm"],
    ["/confirm@BaoGong_Bot B1", "/confirm B1"],
    ["🍼🍼 /list@baogong_bot 明天", "🍼🍼 /list 明天"], // offsets are UTF-16 units: emoji count twice
    ["/a@baogong_bot /b@baogong_bot", "/a /b"],
    ["/confirm@someone_else", "/confirm@someone_else"],
    ["/confirm", "/confirm"],
  ])("command %j → %j", (text, expected) => {
    expect(stripOwnCommandSuffix(text, entitiesFor(text), BOT.username)).toBe(expected);
  });

  it("finds mentions by entity only, case-insensitively, and text_mention by id", () => {
    expect(mentionsBot("👋 @BAOGONG_BOT 在吗", entitiesFor("👋 @BAOGONG_BOT 在吗"), BOT)).toBe(true);
    expect(mentionsBot("@baogong_bot2 hi", entitiesFor("@baogong_bot2 hi"), BOT)).toBe(false);
    expect(mentionsBot("@baogong_bot", [], BOT)).toBe(false);
    expect(mentionsBot("保供", [{ type: "text_mention", offset: 0, length: 2, user: { id: 7000001 } }], BOT)).toBe(
      true,
    );
  });

  it("speaks as the group for an anonymous admin", () => {
    const t = translateUpdate(
      {
        update_id: 1,
        message: msg({
          from: { id: 1087968824, is_bot: true, first_name: "Group" },
          sender_chat: group,
          author_signature: "居委会",
          text: "明早8点取菜",
        }),
      },
      BOT,
      NOW,
    );
    expect(t).toMatchObject({ kind: "message", message: { senderId: "-10042", senderName: "居委会" } });
  });

  it("reads an edited message as an edit of the message it changes, claimed once per edit", () => {
    const t = translateUpdate(
      { update_id: 7, edited_message: msg({ message_id: 12, text: "2-1-101 100元套餐1份", edit_date: 1_700_000_100 }) },
      BOT,
      NOW,
    );
    expect(t).toMatchObject({
      kind: "message",
      message: { messageId: "-10042:12@edit:1700000100", edits: "-10042:12", text: "2-1-101 100元套餐1份" },
    });
  });

  it("ignores media without a caption, edits and channel posts", () => {
    expect(translateUpdate({ update_id: 1, message: msg({}) }, BOT, NOW)).toMatchObject({
      kind: "ignore",
      reason: "no text",
    });
    expect(translateUpdate({ update_id: 2 }, BOT, NOW)).toMatchObject({ kind: "ignore" });
    expect(
      translateUpdate({ update_id: 3, message: msg({ chat: { id: -1, type: "channel" }, text: "x" }) }, BOT, NOW),
    ).toMatchObject({ kind: "ignore" });
  });

  it("stamps a callback query with the clock and keeps the pressed message as replyTo", () => {
    const t = translateUpdate(
      {
        update_id: 1,
        callback_query: { id: "q1", from: { id: 9, first_name: "团长" }, data: "ok", message: msg({ message_id: 12 }) },
      },
      BOT,
      NOW,
    );
    expect(t).toMatchObject({
      kind: "action",
      callbackQueryId: "q1",
      message: { at: NOW, action: "ok", replyTo: "-10042:12", chatId: "-10042" },
    });
  });
});
