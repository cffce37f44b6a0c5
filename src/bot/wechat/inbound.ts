import { types, type Contact, type Message, type Room } from "wechaty";
import { InboundMessageSchema, type InboundMessage } from "../../domain/messages";
import { jielongText } from "./jielong";

export type Translation =
  | { kind: "message"; message: InboundMessage }
  | { kind: "ignored"; reason: "not_in_room" | "own_message" | "not_text" };

/** WeChat puts U+2005 (four-per-em space) after an @mention; older clients a plain space. */
const MENTION_END = "[\\u2005\\u0020]";

/**
 * One Wechaty room message → one InboundMessage. Only the platform's shape is looked
 * at (room, sender, message type, the leading @mention); never what the text says.
 */
export async function translateMessage(message: Message, self: Contact | null): Promise<Translation> {
  const room = message.room();
  if (!room) return { kind: "ignored", reason: "not_in_room" };
  if (message.self()) return { kind: "ignored", reason: "own_message" };

  const raw = message.text();
  // 撤回: a Recalled message's text is the id of the message taken back.
  const recalls = message.type() === types.Message.Recalled ? (nonEmpty(raw) ?? null) : null;
  if (message.type() === types.Message.Recalled && !recalls) return { kind: "ignored", reason: "not_text" };
  const text = recalls ? "" : message.type() === types.Message.Text ? raw : jielongText(message.type(), raw);
  if (text === null) return { kind: "ignored", reason: "not_text" };

  const talker = message.talker();
  const [alias, topic, mentionsBot] = await Promise.all([
    room.alias(talker).catch(() => undefined),
    room.topic().catch(() => null),
    message.mentionSelf().catch(() => false),
  ]);

  const message_: InboundMessage = InboundMessageSchema.parse({
    platform: "wechat",
    ...(self ? { account: self.id } : {}),
    chatId: room.id,
    messageId: recalls ? `${recalls}@recall` : message.id,
    recalls,
    senderId: talker.id,
    senderName: nonEmpty(alias) ?? nonEmpty(talker.name()) ?? null,
    text: mentionsBot && self && !recalls ? await stripLeadingMention(text, room, self) : text,
    at: message.date(),
    mentionsBot,
    chatTitle: nonEmpty(topic) ?? null,
  });
  return { kind: "message", message: message_ };
}

/** Removes a leading "@<bot's room alias or name>" and the separator after it. */
async function stripLeadingMention(text: string, room: Room, self: Contact): Promise<string> {
  if (!text.startsWith("@")) return text;
  const names = [await room.alias(self).catch(() => undefined), self.name()].filter((n): n is string => !!n);
  for (const name of names) {
    const re = new RegExp(`^@${escapeRegExp(name)}(?:${MENTION_END}+|$)`);
    if (re.test(text)) return text.replace(re, "");
  }
  return text;
}

function nonEmpty(s: string | null | undefined): string | undefined {
  return s && s.trim() !== "" ? s : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
