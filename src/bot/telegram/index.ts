export { createTelegramAdapter, type TelegramAdapter, type TelegramAdapterOptions, type TelegramWebhookConfig } from "./adapter";
export { translateUpdate, telegramMessageId, type Translation } from "./translate";
