// Telegram update → what the flows see. Pure: no I/O, no clock of its own.
import {
  ChatEventSchema,
  InboundMessageSchema,
  type ChatEvent,
  type InboundMessage,
  type InboundMessageInput,
} from "../../domain/messages";
import { mentionsBot, stripOwnCommandSuffix } from "./entities";
import type {
  BotIdentity,
  TgCallbackQuery,
  TgChat,
  TgChatMember,
  TgChatMemberUpdated,
  TgMessage,
  TgUpdate,
  TgUser,
} from "./wire";

export type Translation =
  | { kind: "message"; message: InboundMessage }
  /** A pressed inline button; the callback query still has to be answered. */
  | { kind: "action"; message: InboundMessage; callbackQueryId: string }
  | { kind: "events"; events: ChatEvent[] }
  | { kind: "ignore"; reason: string; callbackQueryId?: string };

const PLATFORM = "telegram" as const;

/** The id a Telegram message gets everywhere in baogong: message ids are only unique per chat. */
export function telegramMessageId(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

export function displayName(u: TgUser): string | null {
  const full = [u.first_name, u.last_name]
    .filter((s) => s !== undefined && s !== "")
    .join(" ")
    .trim();
  return full !== "" ? full : (u.username ?? null);
}

function isGroup(chat: TgChat): boolean {
  return chat.type === "group" || chat.type === "supergroup";
}

function isPresent(m: TgChatMember): boolean {
  if (m.status === "restricted") return m.is_member === true;
  return m.status === "member" || m.status === "administrator" || m.status === "creator";
}

/** Who speaks: an anonymous admin or a linked channel speaks as a chat, not as a user. */
function speaker(m: TgMessage): { id: string; name: string | null } | null {
  if (m.sender_chat) return { id: String(m.sender_chat.id), name: m.author_signature ?? m.sender_chat.title ?? null };
  if (m.from) return { id: String(m.from.id), name: displayName(m.from) };
  return null;
}

type Checked = { kind: "message"; message: InboundMessage } | { kind: "ignore"; reason: string };

function checked(input: InboundMessageInput): Checked {
  const r = InboundMessageSchema.safeParse(input);
  return r.success
    ? { kind: "message", message: r.data }
    : { kind: "ignore", reason: `invalid message: ${r.error.message}` };
}

function checkedEvents(input: unknown[]): Translation {
  const events: ChatEvent[] = [];
  for (const e of input) {
    const r = ChatEventSchema.safeParse(e);
    if (!r.success) return { kind: "ignore", reason: `invalid event: ${r.error.message}` };
    events.push(r.data);
  }
  return events.length > 0 ? { kind: "events", events } : { kind: "ignore", reason: "no event" };
}

function serviceEvents(m: TgMessage, bot: BotIdentity): Translation | null {
  const chatId = String(m.chat.id);
  const at = new Date(m.date * 1000);
  const base = { platform: PLATFORM, account: bot.id, chatId, at };
  const isBot = (u: TgUser) => String(u.id) === bot.id;
  if (m.migrate_to_chat_id !== undefined) {
    return checkedEvents([{ type: "chat_migrated", ...base, newChatId: String(m.migrate_to_chat_id) }]);
  }
  if (m.new_chat_members) {
    const others = m.new_chat_members.filter((u) => !isBot(u)).map((u) => String(u.id));
    const events: unknown[] = [];
    if (m.new_chat_members.some(isBot)) {
      events.push({
        type: "bot_added",
        ...base,
        chatTitle: m.chat.title ?? null,
        by: m.from ? String(m.from.id) : null,
      });
    }
    if (others.length > 0) events.push({ type: "member_joined", ...base, userIds: others });
    return checkedEvents(events);
  }
  if (m.left_chat_member) {
    const u = m.left_chat_member;
    return checkedEvents([
      isBot(u)
        ? { type: "bot_removed", ...base, by: m.from ? String(m.from.id) : null }
        : { type: "member_left", ...base, userIds: [String(u.id)] },
    ]);
  }
  if (m.new_chat_title !== undefined) {
    return checkedEvents([{ type: "topic_changed", ...base, topic: m.new_chat_title }]);
  }
  return null;
}

function fromMessage(m: TgMessage, bot: BotIdentity, edited = false): Translation {
  if (!isGroup(m.chat)) return { kind: "ignore", reason: `${m.chat.type} chat` };
  const service = edited ? null : serviceEvents(m, bot);
  if (service) return service;
  if (m.from && !m.sender_chat && String(m.from.id) === bot.id) return { kind: "ignore", reason: "own message" };
  const raw = m.text ?? m.caption;
  if (raw === undefined) return { kind: "ignore", reason: "no text" };
  const entities = (m.text !== undefined ? m.entities : m.caption_entities) ?? [];
  const who = speaker(m);
  if (!who) return { kind: "ignore", reason: "no sender" };
  const id = telegramMessageId(m.chat.id, m.message_id);
  return checked({
    platform: PLATFORM,
    account: bot.id,
    chatId: String(m.chat.id),
    // An edit is a message of its own (claimed once per edit) that names the one it changes.
    messageId: edited ? `${id}@edit:${m.edit_date ?? m.date}` : id,
    edits: edited ? id : null,
    senderId: who.id,
    senderName: who.name,
    text: stripOwnCommandSuffix(raw, entities, bot.username),
    at: new Date(m.date * 1000),
    mentionsBot: mentionsBot(raw, entities, bot),
    replyTo: m.reply_to_message ? telegramMessageId(m.chat.id, m.reply_to_message.message_id) : null,
    chatTitle: m.chat.title ?? null,
  });
}

function fromCallback(q: TgCallbackQuery, bot: BotIdentity, now: Date): Translation {
  const m = q.message;
  if (!m || !isGroup(m.chat) || q.data === undefined) {
    return { kind: "ignore", reason: "callback outside a group message", callbackQueryId: q.id };
  }
  const r = checked({
    platform: PLATFORM,
    account: bot.id,
    chatId: String(m.chat.id),
    messageId: `cb:${q.id}`,
    senderId: String(q.from.id),
    senderName: displayName(q.from),
    text: "",
    at: now, // callback queries carry no date of their own
    action: q.data,
    // The message whose button was pressed, so a flow can tell which notice it answers.
    replyTo: telegramMessageId(m.chat.id, m.message_id),
    chatTitle: m.chat.title ?? null,
  });
  return r.kind === "message"
    ? { kind: "action", message: r.message, callbackQueryId: q.id }
    : { ...r, callbackQueryId: q.id };
}

function fromMyChatMember(u: TgChatMemberUpdated, bot: BotIdentity): Translation {
  if (!isGroup(u.chat)) return { kind: "ignore", reason: `${u.chat.type} chat membership` };
  const base = {
    platform: PLATFORM,
    account: bot.id,
    chatId: String(u.chat.id),
    at: new Date(u.date * 1000),
    by: String(u.from.id),
  };
  const was = isPresent(u.old_chat_member);
  const is = isPresent(u.new_chat_member);
  if (!was && is) return checkedEvents([{ type: "bot_added", ...base, chatTitle: u.chat.title ?? null }]);
  const gone = u.new_chat_member.status === "left" || u.new_chat_member.status === "kicked";
  if (gone) return checkedEvents([{ type: "bot_removed", ...base }]);
  return { kind: "ignore", reason: `bot status ${u.old_chat_member.status} → ${u.new_chat_member.status}` };
}

/** `now` stamps only callback queries, which carry no date. */
export function translateUpdate(update: TgUpdate, bot: BotIdentity, now: Date): Translation {
  if (update.message) return fromMessage(update.message, bot);
  if (update.edited_message) return fromMessage(update.edited_message, bot, true);
  if (update.callback_query) return fromCallback(update.callback_query, bot, now);
  if (update.my_chat_member) return fromMyChatMember(update.my_chat_member, bot);
  return { kind: "ignore", reason: "unhandled update kind" };
}
