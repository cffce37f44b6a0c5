import { z } from "zod";

/**
 * Text as PostgreSQL and every later step can take it: NUL and the other C0 control
 * characters (but tab and line breaks) removed, lone UTF-16 surrogates replaced by
 * U+FFFD, invisible characters dropped. PostgreSQL refuses a NUL byte in text outright,
 * so one in a display name would otherwise make every message of that member fail.
 */
export function cleanText(s: string): string {
  return s.replace(CONTROL, "").replace(INVISIBLE, "").toWellFormed();
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is what cleanText does
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Characters that show nothing (zero-width spaces and joiners, word joiner, BOM, soft
 * hyphen, direction marks): one inside `2-1-1\u200b01` would otherwise split an address.
 */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

const CleanText = z.string().transform(cleanText);

/** Where a message came from. `console` is the local chat console, `sim` the simulation transport. */
export const PlatformSchema = z.enum(["wechat", "telegram", "console", "sim"]);
export type Platform = z.infer<typeof PlatformSchema>;

/**
 * One chat message as every adapter hands it to the flows. Adapters only translate
 * a platform update into this shape; they never look at what the text says.
 */
export const InboundMessageSchema = z.object({
  platform: PlatformSchema,
  chatId: z.string().min(1),
  /** The platform's message id: a message delivered twice carries the same id. */
  messageId: z.string().min(1),
  senderId: z.string().min(1),
  /** The sender's display name in the group (WeChat room alias / 群昵称, Telegram full name). */
  senderName: CleanText.nullable(),
  text: CleanText,
  /** When the platform says the message was sent (not when the bot got it: a backlog or a restart may lie between). */
  at: z.date(),
  /** True when the message @-mentions the bot. */
  mentionsBot: z.boolean().default(false),
  /** A button pressed (Telegram callback query data), instead of typed text. */
  action: z.string().nullable().default(null),
  /** The id of the message this one quotes, when it is a quoted reply. */
  replyTo: z.string().nullable().default(null),
  /** The chat title as the platform reports it (used when binding a group). */
  chatTitle: CleanText.nullable().default(null),
  /**
   * Our account (the bot's identity on the platform: WeChat id, Telegram bot id) that
   * received it. The group is then known to be that account's: what the bot says there
   * goes through it. Absent from a transport with one account and no id (the simulation).
   */
  account: z.string().min(1).optional(),
  /** An edit (Telegram's edited_message): the id of the message that now reads `text`. */
  edits: z.string().min(1).nullable().default(null),
  /** A recall (WeChat's 撤回): the id of the message the sender took back. */
  recalls: z.string().min(1).nullable().default(null),
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;
export type InboundMessageInput = z.input<typeof InboundMessageSchema>;

export const ButtonSchema = z.object({ text: z.string().min(1), data: z.string().min(1).max(64) });

/**
 * Which line a message waits in when a platform's sending budget is spent, most urgent
 * first: `batch` — the leader's batch list and the confirmation flow; `urgent` — officials'
 * urgent notices and rumour corrections; `answer` — refusals and answers to questions;
 * `notice` — officials' other notices (a reply is not queued behind a 1,000-group
 * broadcast); `digest` — gathered acknowledgements; `file` — copies for the record (a big
 * grid's pick list as a spreadsheet, after its list in text).
 */
export const LaneSchema = z.enum(["batch", "urgent", "answer", "notice", "digest", "file"]);
export type Lane = z.infer<typeof LaneSchema>;

/** The order lanes are served in when a platform's budget is spent (0 first; BullMQ priorities). */
export const LANE_PRIORITY: Readonly<Record<Lane, number>> = {
  batch: 0,
  urgent: 1,
  answer: 2,
  notice: 3,
  digest: 4,
  file: 5,
};

/** A file sent with a message: made by the sender when it goes (a batch's pick list as XLSX). */
export const AttachmentSchema = z.object({ kind: z.literal("pick-list"), batchId: z.string().min(1) });
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Something the bot says in a chat. */
export const OutboundMessageSchema = z.object({
  platform: PlatformSchema,
  chatId: z.string().min(1),
  text: z.string().min(1),
  buttons: z.array(ButtonSchema).default([]),
  /** Default `answer`. */
  lane: LaneSchema.optional(),
  /** Sent as a file, `text` its caption. */
  attachment: AttachmentSchema.optional(),
  /**
   * Our account that must send it (the one in the group), set when it is queued: a message
   * is never sent through another account, which may not be in the group at all.
   */
  account: z.string().min(1).optional(),
});
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;
export type OutboundMessageInput = z.input<typeof OutboundMessageSchema>;

/** What sending produced. Failures that a caller decides on are values, not exceptions. */
export type SendResult =
  | { ok: true; messageId: string | null }
  | { ok: false; reason: "FORBIDDEN"; detail: string } // the bot was removed from / blocked in the chat
  | { ok: false; reason: "RATE_LIMITED"; retryAfterMs: number; detail: string }
  | { ok: false; reason: "MIGRATED"; newChatId: string; detail: string }
  | { ok: false; reason: "FAILED"; detail: string };

/** Our account that saw a group event (as InboundMessage.account). */
const Via = z.string().min(1).optional();

/** Room / group events other than messages. */
export const ChatEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("bot_added"),
    platform: PlatformSchema,
    account: Via,
    chatId: z.string(),
    chatTitle: CleanText.nullable(),
    by: z.string().nullable(),
    at: z.date(),
  }),
  z.object({
    type: z.literal("bot_removed"),
    platform: PlatformSchema,
    account: Via,
    chatId: z.string(),
    by: z.string().nullable(),
    at: z.date(),
  }),
  z.object({
    type: z.literal("member_joined"),
    platform: PlatformSchema,
    account: Via,
    chatId: z.string(),
    userIds: z.array(z.string()),
    at: z.date(),
  }),
  z.object({
    type: z.literal("member_left"),
    platform: PlatformSchema,
    account: Via,
    chatId: z.string(),
    userIds: z.array(z.string()),
    at: z.date(),
  }),
  z.object({
    type: z.literal("topic_changed"),
    platform: PlatformSchema,
    account: Via,
    chatId: z.string(),
    topic: CleanText,
    at: z.date(),
  }),
  z.object({
    type: z.literal("chat_migrated"),
    platform: PlatformSchema,
    account: Via,
    chatId: z.string(),
    newChatId: z.string(),
    at: z.date(),
  }),
  z.object({ type: z.literal("login"), platform: PlatformSchema, account: z.string(), at: z.date() }),
  z.object({
    type: z.literal("logout"),
    platform: PlatformSchema,
    account: z.string(),
    reason: z.string().nullable(),
    at: z.date(),
  }),
]);
export type ChatEvent = z.infer<typeof ChatEventSchema>;

export interface ChatHandlers {
  onMessage(msg: InboundMessage): Promise<void>;
  onEvent(ev: ChatEvent): Promise<void>;
}

/**
 * The port every chat platform sits behind (Wechaty's "puppet" idea): the console,
 * WeChat, Telegram and the simulation transport all implement it.
 */
export interface ChatAdapter {
  readonly platform: Platform;
  /**
   * The platform's id of the account this adapter speaks as (WeChat: the logged-in user's
   * id; Telegram: the bot's id from getMe; the console: a fixed id); null until it is
   * known (before start, while logged out). Messages queued for an account are sent only
   * through an adapter that says it is that account.
   */
  account(): string | null;
  start(handlers: ChatHandlers): Promise<void>;
  send(msg: OutboundMessage): Promise<SendResult>;
  /** Sends a file (Telegram sendDocument, WeChat FileBox); absent where files cannot be sent. */
  sendFile?(chatId: string, file: { name: string; data: Buffer }, caption: string): Promise<SendResult>;
  stop(): Promise<void>;
}
