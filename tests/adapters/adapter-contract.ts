// The shared adapter contract: the same inbound cases give the same normalised
// messages, and the same outbound messages reach the chat, on every platform.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InboundMessageSchema } from "../../src/domain/messages";
import { recordingHandlers, type AdapterHarness, type HarnessFactory } from "./harness";

export function adapterContract(name: string, factory: HarnessFactory): void {
  describe(`adapter contract: ${name}`, () => {
    let h: AdapterHarness;
    let rec: ReturnType<typeof recordingHandlers>;
    beforeEach(async () => {
      rec = recordingHandlers();
      h = await factory(rec);
    });
    afterEach(async () => {
      await h.close();
    });

    it("turns a group text into one zod-valid InboundMessage with the sender's display name", async () => {
      const id = await h.sendText({ userId: "u_zhang", displayName: "3-2-501 张三" }, "3-2-501 张三 100元套餐1份");
      expect(rec.messages).toHaveLength(1);
      const m = rec.messages[0]!;
      expect(() => InboundMessageSchema.parse(m)).not.toThrow();
      expect(m.platform).toBe(h.adapter.platform);
      expect(m.chatId).toBe(h.groupChatId);
      expect(m.messageId).toContain(id);
      expect(m.senderId).toBe("u_zhang");
      expect(m.senderName).toBe("3-2-501 张三");
      expect(m.text).toBe("3-2-501 张三 100元套餐1份");
      expect(m.at).toBeInstanceOf(Date);
    });

    it("names the account that received a message: the adapter's own", async () => {
      await h.sendText({ userId: "u_qian", displayName: "钱" }, "100元套餐1份");
      expect(h.adapter.account()).toEqual(expect.any(String));
      expect(rec.messages[0]?.account).toBe(h.adapter.account());
    });

    it("keeps Chinese, emoji and line breaks in the text exactly", async () => {
      const text = "#接龙\n奶粉团购 🍼\n\n1. 5-1-101 王 2罐\n2. 5-1-102 李 1罐";
      await h.sendText({ userId: "u_wang", displayName: "王" }, text);
      expect(rec.messages[0]?.text).toBe(text);
    });

    it("gives a redelivered message the same message id", async () => {
      await h.sendText({ userId: "u_li", displayName: "李" }, "50元套餐1份");
      await h.redeliverLast();
      const ids = rec.messages.map((m) => m.messageId);
      expect(ids.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ids).size).toBe(1);
    });

    it("ignores the bot's own messages", async () => {
      await h.botSays("已收到 / Received");
      expect(rec.messages).toHaveLength(0);
    });

    it("marks a message that @-mentions the bot", async () => {
      await h.sendText({ userId: "u_zhao", displayName: "赵" }, "订单查询 3-3-303", { mentionBot: true });
      expect(rec.messages[0]?.mentionsBot).toBe(true);
    });

    it("delivers outbound text and buttons to the group", async () => {
      const r = await h.adapter.send({
        platform: h.adapter.platform,
        chatId: h.groupChatId,
        text: "已收到订单 2-1-101：100元套餐×1\nOrder received",
        buttons: [{ text: "确认 Confirm", data: "confirm:B1" }],
      });
      expect(r.ok).toBe(true);
      const sent = await h.sent();
      const last = sent[sent.length - 1]!;
      expect(last.chatId).toBe(h.groupChatId);
      expect(last.text).toContain("已收到订单 2-1-101：100元套餐×1");
    });
  });
}
