import type { Contact, Room } from "wechaty";
import { ChatEventSchema, type ChatEvent } from "../../domain/messages";

/** Translations of Wechaty's room and account events into ChatEvents (zod-checked). */

export async function roomJoinEvents(
  room: Room,
  invitees: Contact[],
  inviter: Contact | undefined,
  at: Date,
  selfId: string | null,
): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  if (selfId && invitees.some((c) => c.id === selfId)) {
    const chatTitle = await room.topic().catch(() => null);
    out.push(
      ChatEventSchema.parse({
        type: "bot_added",
        platform: "wechat",
        account: selfId,
        chatId: room.id,
        chatTitle: chatTitle || null,
        by: inviter?.id ?? null,
        at,
      }),
    );
  }
  const others = invitees.filter((c) => c.id !== selfId).map((c) => c.id);
  if (others.length > 0) {
    out.push(
      ChatEventSchema.parse({
        type: "member_joined",
        platform: "wechat",
        ...via(selfId),
        chatId: room.id,
        userIds: others,
        at,
      }),
    );
  }
  return out;
}

export function roomLeaveEvents(
  room: Room,
  leavers: Contact[],
  remover: Contact | undefined,
  at: Date,
  selfId: string | null,
): ChatEvent[] {
  const out: ChatEvent[] = [];
  if (selfId && leavers.some((c) => c.id === selfId)) {
    out.push(
      ChatEventSchema.parse({
        type: "bot_removed",
        platform: "wechat",
        account: selfId,
        chatId: room.id,
        by: remover?.id ?? null,
        at,
      }),
    );
  }
  const others = leavers.filter((c) => c.id !== selfId).map((c) => c.id);
  if (others.length > 0) {
    out.push(
      ChatEventSchema.parse({
        type: "member_left",
        platform: "wechat",
        ...via(selfId),
        chatId: room.id,
        userIds: others,
        at,
      }),
    );
  }
  return out;
}

export function topicEvent(room: Room, topic: string, at: Date, selfId: string | null = null): ChatEvent {
  return ChatEventSchema.parse({
    type: "topic_changed",
    platform: "wechat",
    ...via(selfId),
    chatId: room.id,
    topic,
    at,
  });
}

/** The logged-in account that saw the event, when there is one. */
const via = (selfId: string | null) => (selfId ? { account: selfId } : {});

/** The account is the WeChat id: stable across nickname changes. */
export function loginEvent(user: Contact, at: Date): ChatEvent {
  return ChatEventSchema.parse({ type: "login", platform: "wechat", account: user.id, at });
}

export function logoutEvent(user: Contact, reason: string | undefined, at: Date): ChatEvent {
  return ChatEventSchema.parse({ type: "logout", platform: "wechat", account: user.id, reason: reason || null, at });
}
