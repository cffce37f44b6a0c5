export { createTelegramAdapter, type TelegramAdapter, type TelegramAdapterOptions } from "./adapter";
