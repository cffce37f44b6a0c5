// The shared adapter contract's view of Telegram: the real adapter (long polling)
// against the local fake Bot API server.
import { createTelegramAdapter, type TelegramAdapter, type TelegramAdapterOptions } from "../../src/bot/telegram";
import type { ChatHandlers } from "../../src/domain/messages";
import { FakeTelegram, type Enqueued, type FakeChat } from "../support/fake-telegram";
import type { AdapterHarness, HarnessFactory } from "./harness";

export const TEST_GROUP: FakeChat = { id: -1001234567890, type: "supergroup", title: "3号楼保供群" };

export interface TelegramHarness extends AdapterHarness {
  adapter: TelegramAdapter;
  fake: FakeTelegram;
}

export async function startTelegramHarness(
  handlers: ChatHandlers,
  opts: { fake?: Parameters<typeof FakeTelegram.start>[0]; adapter?: Partial<TelegramAdapterOptions> } = {},
): Promise<TelegramHarness> {
  const fake = await FakeTelegram.start(opts.fake);
  const adapter = createTelegramAdapter({
    token: fake.token,
    apiRoot: fake.apiRoot,
    pollingTimeoutSec: 1,
    ...opts.adapter,
  });
  try {
    await adapter.start(handlers);
  } catch (err) {
    await fake.close();
    throw err;
  }
  let last: Enqueued | null = null;
  return {
    adapter,
    fake,
    groupChatId: String(TEST_GROUP.id),
    botUserId: String(fake.bot.id),
    async sendText(from, text, o) {
      const body = o?.mentionBot ? `@${fake.bot.username} ${text}` : text;
      const e = fake.message(TEST_GROUP, { id: from.userId, first_name: from.displayName }, body);
      last = e;
      await e.processed();
      return String(e.messageId);
    },
    async redeliverLast() {
      if (!last) throw new Error("nothing to redeliver");
      await fake.redeliver(last.updateId).processed();
    },
    async botSays(text) {
      await fake.message(TEST_GROUP, fake.botUser, text).processed();
    },
    async sent() {
      return fake.sent().map((s) => ({ chatId: s.chatId, text: s.text, buttons: s.buttons.map((b) => b.text) }));
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

export const makeTelegramHarness: HarnessFactory = (handlers) => startTelegramHarness(handlers);
