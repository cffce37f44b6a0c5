// What the send pipeline (src/jobs/send-queue.ts) reports back, as the app records it: every
// message is a row of the outbox table (recorded before it is queued, marked sent or settled
// after), a notice's delivery per group, a group that removed the bot, a Telegram group that
// became a supergroup; and which account is in a group (what is said there goes through it).
// The pipeline calls these; it imports nothing from the app.
import { recordDelivery } from "./broadcast";
import { handleChatEvent, markGroupInactive } from "./chat-events";
import type { Platform } from "../domain/messages";
import type { AppDeps } from "./deps";
import { groupAccounts } from "./group-account";
import { markOutboxSent, markOutboxSettled, recordOutbox, type OutboxItem } from "./outbox-store";

export function sendHooks(app: () => AppDeps) {
  return {
    record: (items: readonly OutboxItem[]) => recordOutbox(app().db, items, app().clock.now()),
    sent: (key: string) => markOutboxSent(app().db, key, app().clock.now()),
    settled: (key: string, status: "failed" | "dropped") => markOutboxSettled(app().db, key, status),
    delivered: (notice: { id: string; chatGroupId: string }, result: { ok: true } | { ok: false; reason: string }) =>
      recordDelivery(app(), notice.id, notice.chatGroupId, result),
    forbidden: (platform: Platform, chatId: string) =>
      markGroupInactive(app(), platform, chatId, "the platform refused to deliver (403)"),
    migrated: (platform: Platform, chatId: string, newChatId: string) =>
      handleChatEvent(app(), { type: "chat_migrated", platform, chatId, newChatId, at: app().clock.now() }),
    accounts: (chats: ReadonlyArray<{ platform: string; chatId: string }>) => groupAccounts(app().db, chats),
  };
}
