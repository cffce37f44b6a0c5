// The shared adapter contract's view of the console: lines typed in, the group's view printed.
import { PassThrough } from "node:stream";
import { ConsoleAdapter } from "../../src/bot/console/console-adapter";
import type { ChatHandlers, InboundMessage } from "../../src/domain/messages";
import type { HarnessFactory } from "./harness";

export const makeConsoleHarness: HarnessFactory = async (handlers: ChatHandlers) => {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString()));
  let last: InboundMessage | null = null;
  let settle: (() => void) | null = null;
  const adapter = new ConsoleAdapter({
    input,
    output,
    clock: () => new Date(),
    chats: [{ chatId: "c1", title: "测试群" }],
    identities: {},
  });
  await adapter.start({
    onMessage: async (m) => {
      last = m;
      await handlers.onMessage(m);
      settle?.();
    },
    onEvent: handlers.onEvent,
  });
  // A console message is one line; a multi-line message (a 接龙 list) is typed with "\n" escapes.
  const type = async (line: string, expectMessage: boolean) => {
    const done = new Promise<void>((r) => (settle = r));
    input.write(`${line}\n`);
    if (expectMessage) await done;
    else await new Promise((r) => setTimeout(r, 20));
  };
  return {
    adapter,
    groupChatId: "c1",
    botUserId: "baogong",
    async sendText(from, text, o) {
      await type(`/as ${from.displayName} #${from.userId}`, false);
      await type(`${o?.mentionBot ? "@baogong " : ""}${text.replace(/\n/g, "\\n")}`, true);
      return last!.messageId;
    },
    async redeliverLast() {
      // The console has no redelivery of its own: the same message handed over again.
      if (last) await handlers.onMessage(last);
    },
    async botSays() {
      // The bot's own messages are printed, never read back as input.
    },
    async sent() {
      return printed
        .split("🤖 baogong → ")
        .slice(1)
        .map((block) => {
          const [, ...body] = block.split("\n");
          const lines = body.filter((l) => l.startsWith("   ")).map((l) => l.slice(3));
          const buttons = lines
            .filter((l) => /^\[.*\]$/.test(l))
            .flatMap((l) => [...l.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!));
          return { chatId: "c1", text: lines.filter((l) => !/^\[.*\]$/.test(l)).join("\n"), buttons };
        });
    },
    async close() {
      await adapter.stop();
    },
  };
};
