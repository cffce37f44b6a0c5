// The WeChat adapter driven through wechaty-puppet-mock: a real Wechaty instance, a
// mock puppet, one group with members whose 群昵称 are set.
import type { ChatEvent, ChatHandlers } from "../../src/domain/messages";
import {
  createWechatAdapter,
  type MessageOutcome,
  type WechatAdapter,
  type WechatAdapterOptions,
} from "../../src/bot/wechat/adapter";
import { createMockWorld, type MockPost, type MockWorld } from "../support/wechat-mock-world";
import type { AdapterHarness, HarnessFactory } from "./harness";

const SETTLE_TIMEOUT_MS = 1500;

export interface WechatHarness extends AdapterHarness {
  adapter: WechatAdapter;
  world: MockWorld;
  logs: Array<{ obj: object; msg: string }>;
  /** Posts anything (any type, any sender) and waits until the adapter has dealt with it. */
  post(
    from: { userId: string; displayName?: string; wechatName?: string },
    msg: MockPost,
  ): Promise<{ id: string; outcome: MessageOutcome }>;
  /** Waits until an event matching `pred` has reached the handlers. */
  waitForEvent(pred: (e: ChatEvent) => boolean): Promise<ChatEvent>;
}

export async function startWechatHarness(
  handlers: ChatHandlers,
  extra: Partial<WechatAdapterOptions> = {},
): Promise<WechatHarness> {
  const world = createMockWorld();
  const logs: WechatHarness["logs"] = [];
  const settleWaiters = new Map<string, Array<(o: MessageOutcome) => void>>();
  const events: ChatEvent[] = [];
  const eventWaiters: Array<{ pred: (e: ChatEvent) => boolean; resolve: (e: ChatEvent) => void }> = [];

  const adapter = createWechatAdapter({
    puppet: world.puppet,
    log: (obj, msg) => {
      logs.push({ obj, msg });
    },
    onQr: () => {},
    ...extra,
    onSettled: (id, outcome) => {
      const waiters = settleWaiters.get(id) ?? [];
      settleWaiters.delete(id);
      for (const w of waiters) w(outcome);
    },
  });

  const waitSettled = (id: string): Promise<MessageOutcome> =>
    withTimeout(
      new Promise((resolve) => {
        settleWaiters.set(id, [...(settleWaiters.get(id) ?? []), resolve]);
      }),
      `message ${id} not settled`,
    );

  const waitForEvent = (pred: (e: ChatEvent) => boolean): Promise<ChatEvent> => {
    const found = events.find(pred);
    if (found) return Promise.resolve(found);
    return withTimeout(
      new Promise((resolve) => {
        eventWaiters.push({ pred, resolve });
      }),
      "event not seen",
    );
  };

  await adapter.start({
    onMessage: (m) => handlers.onMessage(m),
    async onEvent(e) {
      events.push(e);
      await handlers.onEvent(e);
      for (const w of eventWaiters.filter((x) => x.pred(e))) {
        eventWaiters.splice(eventWaiters.indexOf(w), 1);
        w.resolve(e);
      }
    },
  });
  world.login();
  await waitForEvent((e) => e.type === "login");

  let lastId: string | null = null;

  // Registers the waiter before the post, since a post may settle within the same tick.
  const postAndSettle = async (id: string, doPost: () => void) => {
    const settled = waitSettled(id);
    doPost();
    return settled;
  };

  const post: WechatHarness["post"] = async (from, msg) => {
    const contact =
      from.userId === world.botContact.id
        ? world.botContact
        : world.member(from.userId, from.displayName, from.wechatName);
    const id = msg.id ?? `wxmsg-${Math.random().toString(36).slice(2)}`;
    lastId = id;
    const outcome = await postAndSettle(id, () => world.post(contact, { ...msg, id }));
    return { id, outcome };
  };

  return {
    adapter,
    world,
    logs,
    post,
    waitForEvent,
    groupChatId: world.roomId,
    botUserId: world.botContact.id,

    async sendText(from, text, opts) {
      const mentions = opts?.mentionBot ? [world.botContact] : [];
      const body = opts?.mentionBot ? `@${world.botContact.payload.name}\u2005${text}` : text;
      const { id } = await post(from, { text: body, mentions });
      return id;
    },

    async redeliverLast() {
      if (!lastId) throw new Error("nothing was sent yet");
      const id = lastId;
      await postAndSettle(id, () => world.redeliver(id));
    },

    async botSays(text) {
      await post({ userId: world.botContact.id }, { text });
    },

    async sent() {
      return world.botPosts.map((p) => ({ chatId: p.chatId, text: p.text, buttons: [] }));
    },

    async close() {
      await adapter.stop();
    },
  };
}

export const makeWechatHarness: HarnessFactory = (handlers) => startWechatHarness(handlers);

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${SETTLE_TIMEOUT_MS} ms`)), SETTLE_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
