// Bot API failures → SendResult values. The caller's queue decides what to do with
// them (retry later, mark the group gone, follow a migration); nothing here waits.
import { TelegramError } from "telegraf";
import type { SendResult } from "../../domain/messages";

export function sendFailure(err: unknown): SendResult & { ok: false } {
  if (err instanceof TelegramError) {
    const detail = err.message;
    const params = err.parameters;
    if (err.code === 403) return { ok: false, reason: "FORBIDDEN", detail };
    if (err.code === 429) {
      // Telegram always sends retry_after with 429; 1 s is a floor if a proxy drops it.
      return { ok: false, reason: "RATE_LIMITED", retryAfterMs: (params?.retry_after ?? 1) * 1000, detail };
    }
    if (err.code === 400 && params?.migrate_to_chat_id !== undefined) {
      return { ok: false, reason: "MIGRATED", newChatId: String(params.migrate_to_chat_id), detail };
    }
    return { ok: false, reason: "FAILED", detail };
  }
  return { ok: false, reason: "FAILED", detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
