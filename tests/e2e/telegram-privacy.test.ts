// With Telegram's privacy mode on, the bot sees only commands: it says so, once per group.
import { describe, expect, it } from "vitest";
import { privacyHinter } from "../../src/app/privacy-hint";
import { OutboundMessageSchema } from "../../src/domain/messages";
import { startTelegramHarness, TEST_GROUP } from "../adapters/telegram-harness";

async function run(canReadAll: boolean): Promise<string[]> {
  let hint: ((m: Parameters<ReturnType<typeof privacyHinter>>[0]) => Promise<void>) | null = null;
  const h = await startTelegramHarness(
    {
      onMessage: async (m) => {
        await hint?.(m);
      },
      onEvent: async () => undefined,
    },
    { fake: { bot: { can_read_all_group_messages: canReadAll } } },
  );
  try {
    hint = privacyHinter(
      {
        send: async (m) => {
          await h.adapter.send(OutboundMessageSchema.parse(m));
        },
      },
      (p) => p === "telegram" && h.adapter.canReadAllGroupMessages() === false,
    );
    await h.sendText({ userId: "u1", displayName: "团长" }, "/confirm");
    await h.sendText({ userId: "u1", displayName: "团长" }, "/help");
    return h.fake
      .sent()
      .filter((s) => s.chatId === String(TEST_GROUP.id))
      .map((s) => s.text);
  } finally {
    await h.close();
  }
}

describe("Telegram privacy mode", () => {
  it("is explained once in a group where the bot sees only commands", async () => {
    const said = await run(false);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("/setprivacy");
    expect(said[0]).toContain("隐私模式");
  });
  it("is not mentioned when the bot reads all messages", async () => {
    expect(await run(true)).toHaveLength(0);
  });
});
