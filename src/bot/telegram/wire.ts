// The part of the Bot API update shapes this adapter reads. Telegraf's own types are
// unions keyed on which property is present; one flat structural subset keeps the
// translation code readable and lets tests build updates without casts.
// Field names are the Bot API's (https://core.telegram.org/bots/api#update).

export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  user?: TgUser;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  /** Set when an anonymous group admin or a linked channel posts on the group's behalf. */
  sender_chat?: TgChat;
  author_signature?: string;
  text?: string;
  entities?: TgEntity[];
  caption?: string;
  caption_entities?: TgEntity[];
  reply_to_message?: { message_id: number };
  migrate_to_chat_id?: number;
  new_chat_members?: TgUser[];
  left_chat_member?: TgUser;
  new_chat_title?: string;
  /** Set on an edited message: when it was last edited (unix seconds). */
  edit_date?: number;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  data?: string;
}

export interface TgChatMember {
  status: "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";
  user: TgUser;
  is_member?: boolean;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  /** A message edited after it was sent: it now reads as given. */
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
}

/** The update kinds the adapter asks Telegram for (sent as allowed_updates). */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/** What getMe told us about the bot. */
export interface BotIdentity {
  id: string;
  username: string | null;
  canReadAllGroupMessages: boolean | null;
}
