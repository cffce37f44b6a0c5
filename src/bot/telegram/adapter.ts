// The Telegram side of the ChatAdapter port: updates in (long polling or webhook),
// messages out through the Bot API. Translation lives in translate.ts; this file wires.
import { Telegraf } from "telegraf";
import { systemClock, type Clock } from "../../domain/clock";
import type { ChatAdapter, ChatHandlers, OutboundMessage, SendResult } from "../../domain/messages";
import { createPendingActions } from "./pending-actions";
import { startPolling, type Poller } from "./polling";
import { RecentIds } from "./recent-ids";
import { sendFailure } from "./send-result";
import { telegramMessageId, translateUpdate } from "./translate";
import { defaultWebhookPath, startWebhookServer, webhookUrl, type WebhookServer } from "./webhook";
import { ALLOWED_UPDATES, type BotIdentity, type TgUpdate } from "./wire";

export interface TelegramWebhookConfig {
  /** Public host Telegram posts to (https is implied). */
  domain: string;
  /** Local port the webhook server listens on. */
  port: number;
  path?: string;
  secretToken?: string;
}

export interface TelegramAdapterOptions {
  token: string;
  /** Bot API root; a local fake in tests. Defaults to https://api.telegram.org. */
  apiRoot?: string;
  mode?: "polling" | { webhook: TelegramWebhookConfig };
  log?: (obj: object, msg: string) => void;
  /** Long-poll timeout handed to getUpdates. Default 50 s. */
  pollingTimeoutSec?: number;
  /** A pressed button nobody acknowledged is answered silently after this. Default 10 s. */
  actionAckTimeoutMs?: number;
  /** Stamps callback queries, which carry no date. Default: the system clock. */
  clock?: Clock;
}

export interface TelegramAdapter extends ChatAdapter {
  /** The bot's @username from getMe, once started. */
  botUsername(): string | null;
  /** getMe's can_read_all_group_messages: false means privacy mode is on and the bot only
   *  sees commands, @-mentions and replies to it in groups. Null before start. */
  canReadAllGroupMessages(): boolean | null;
  /** Answer a pressed button (InboundMessage.messageId `cb:…`), with a small toast text or
   *  none. False when it was already answered (e.g. the 10 s silent answer came first). */
  ackAction(messageId: string, text: string | null): Promise<boolean>;
  /** Same, shown as a modal alert the presser has to dismiss. */
  alert(messageId: string, text: string): Promise<boolean>;
}

export function createTelegramAdapter(opts: TelegramAdapterOptions): TelegramAdapter {
  const bot = new Telegraf(opts.token, { telegram: opts.apiRoot ? { apiRoot: opts.apiRoot } : {} });
  const log = opts.log ?? (() => {});
  const clock = opts.clock ?? systemClock;
  const recent = new RecentIds<number>();
  const pending = createPendingActions({
    timeoutMs: opts.actionAckTimeoutMs ?? 10_000,
    log,
    answer: async (queryId, text, showAlert) => {
      await bot.telegram.answerCbQuery(queryId, text ?? undefined, { show_alert: showAlert });
    },
  });
  let identity: BotIdentity | null = null;
  let handlers: ChatHandlers | null = null;
  let poller: Poller | null = null;
  let webhook: WebhookServer | null = null;
  let state: "new" | "started" | "stopped" = "new";

  async function deliver(update: TgUpdate, me: BotIdentity, h: ChatHandlers): Promise<void> {
    const t = translateUpdate(update, me, clock.now());
    switch (t.kind) {
      case "message":
        return h.onMessage(t.message);
      case "action":
        pending.register(t.message.messageId, t.callbackQueryId);
        return h.onMessage(t.message);
      case "events":
        for (const ev of t.events) await h.onEvent(ev);
        return;
      case "ignore":
        if (t.callbackQueryId !== undefined) {
          bot.telegram
            .answerCbQuery(t.callbackQueryId)
            .catch((err: unknown) => log({ err: String(err) }, "telegram: answerCallbackQuery failed"));
        }
        return;
    }
  }

  /** Throws when a handler throws, so the update is delivered again. */
  async function handle(update: TgUpdate): Promise<void> {
    if (!identity || !handlers) return;
    if (recent.has(update.update_id)) return;
    recent.add(update.update_id);
    try {
      await deliver(update, identity, handlers);
    } catch (err) {
      recent.delete(update.update_id);
      throw err;
    }
  }

  async function begin(h: ChatHandlers): Promise<void> {
    const me = await bot.telegram.getMe();
    identity = {
      id: String(me.id),
      username: me.username ?? null,
      canReadAllGroupMessages: me.can_read_all_group_messages ?? null,
    };
    handlers = h;
    const mode = opts.mode ?? "polling";
    if (mode === "polling") {
      // getUpdates is refused while a webhook is set.
      await bot.telegram.deleteWebhook({ drop_pending_updates: false });
      poller = startPolling({ telegram: bot.telegram, timeoutSec: opts.pollingTimeoutSec ?? 50, handle, log });
    } else {
      const path = mode.webhook.path ?? defaultWebhookPath(opts.token);
      webhook = await startWebhookServer({
        port: mode.webhook.port,
        path,
        secretToken: mode.webhook.secretToken,
        handle,
        log,
      });
      await bot.telegram.setWebhook(webhookUrl(mode.webhook.domain, path), {
        secret_token: mode.webhook.secretToken,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    }
    log(
      {
        username: identity.username,
        canReadAllGroupMessages: identity.canReadAllGroupMessages,
        mode: mode === "polling" ? "polling" : "webhook",
      },
      "telegram adapter started",
    );
    if (identity.canReadAllGroupMessages === false) {
      log(
        { username: identity.username },
        "telegram: privacy mode is on; the bot sees only commands, mentions and replies in groups",
      );
    }
  }

  return {
    platform: "telegram",
    // The bot's id from getMe: one token, one account.
    account: () => identity?.id ?? null,

    async start(h) {
      if (state !== "new") throw new Error(`telegram adapter cannot start: it is ${state}`);
      state = "started";
      try {
        await begin(h);
      } catch (err) {
        await poller?.stop();
        await webhook?.close();
        throw err;
      }
    },

    async send(msg: OutboundMessage): Promise<SendResult> {
      if (msg.platform !== "telegram")
        return { ok: false, reason: "FAILED", detail: `not a telegram message: ${msg.platform}` };
      const buttons = msg.buttons ?? [];
      try {
        const sent = await bot.telegram.sendMessage(
          msg.chatId,
          msg.text,
          buttons.length > 0
            ? { reply_markup: { inline_keyboard: [buttons.map((b) => ({ text: b.text, callback_data: b.data }))] } }
            : {},
        );
        return { ok: true, messageId: telegramMessageId(sent.chat.id, sent.message_id) };
      } catch (err) {
        return sendFailure(err);
      }
    },

    async sendFile(chatId: string, file: { name: string; data: Buffer }, caption: string): Promise<SendResult> {
      try {
        const sent = await bot.telegram.sendDocument(
          chatId,
          { source: file.data, filename: file.name },
          { caption: caption.slice(0, 1024) },
        );
        return { ok: true, messageId: telegramMessageId(sent.chat.id, sent.message_id) };
      } catch (err) {
        return sendFailure(err);
      }
    },

    async stop() {
      if (state === "stopped") return;
      state = "stopped";
      await poller?.stop();
      await webhook?.close();
      poller = null;
      webhook = null;
      await pending.flush();
    },

    botUsername: () => identity?.username ?? null,
    canReadAllGroupMessages: () => identity?.canReadAllGroupMessages ?? null,
    ackAction: (messageId, text) => pending.settle(messageId, text, false),
    alert: (messageId, text) => pending.settle(messageId, text, true),
  };
}
