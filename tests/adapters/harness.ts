import type { ChatAdapter, ChatEvent, ChatHandlers, InboundMessage } from "../../src/domain/messages";

/** What the shared adapter contract suite needs from each platform's test double. */
export interface AdapterHarness {
  adapter: ChatAdapter;
  /** The platform chat id of the test group, as the adapter reports it in InboundMessage.chatId. */
  groupChatId: string;
  /** The bot's own platform user id. */
  botUserId: string;
  /** A group member posts a text message. Resolves once the adapter has processed it
   *  (handlers.onMessage called, or the adapter decided to ignore it). Returns the platform message id used. */
  sendText(
    from: { userId: string; displayName: string },
    text: string,
    opts?: { mentionBot?: boolean },
  ): Promise<string>;
  /** The platform delivers the last message again (same platform message id). */
  redeliverLast(): Promise<void>;
  /** The bot itself posts (an echo of its own message arrives, which must be ignored). */
  botSays(text: string): Promise<void>;
  /** What reached the group from the bot, in order. */
  sent(): Promise<Array<{ chatId: string; text: string; buttons: string[] }>>;
  close(): Promise<void>;
}

export type HarnessFactory = (handlers: ChatHandlers) => Promise<AdapterHarness>;

export function recordingHandlers(): ChatHandlers & { messages: InboundMessage[]; events: ChatEvent[] } {
  const messages: InboundMessage[] = [];
  const events: ChatEvent[] = [];
  return {
    messages,
    events,
    async onMessage(m) {
      messages.push(m);
    },
    async onEvent(e) {
      events.push(e);
    },
  };
}
