// A scripted day in a WeChat group, through wechaty and wechaty-puppet-mock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../support/db";
import { startWechatHarness, type WechatHarness } from "../adapters/wechat-harness";
import { JIELONG, makeDayApp, type DayApp } from "./scripted-day";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let h: WechatHarness;
let app: DayApp;
beforeAll(async () => {
  db = await openTestDatabase();
  // The harness makes the room; the app is bound to its id once it exists (the login
  // event arrives before that and needs no app).
  let handlers: DayApp["handlers"] | null = null;
  h = await startWechatHarness({
    onMessage: async (m) => handlers?.onMessage(m),
    onEvent: async (e) => handlers?.onEvent(e),
  });
  app = await makeDayApp(db.prisma, "wechat", h.groupChatId, "u_leader");
  handlers = app.handlers;
  app.setAdapter(h.adapter);
});
afterAll(async () => {
  await h?.close();
  await db?.drop();
});

describe("a day in a WeChat group", () => {
  it("orders, a 接龙, the cut-off, the leader's 确认, the announcement, a notice", async () => {
    await h.sendText({ userId: "u_r1", displayName: "2-1-101 王" }, "50元套餐1份");
    expect((await h.sent()).at(-1)?.text).toContain("已收到 2-1-101");
    await h.sendText({ userId: "u_r2", displayName: "李" }, "3-2-501 李 100元套餐1份 奶粉2罐");
    await h.sendText({ userId: "u_r3", displayName: "赵" }, "谢谢团长");
    expect(await h.sent()).toHaveLength(2);
    await h.sendText({ userId: "u_r4", displayName: "周" }, JIELONG);
    expect((await h.sent()).at(-1)?.text).toContain("新增 2 户");

    await app.scheduler.runUntil(new Date("2026-12-05T20:00:30+08:00"));
    const ready = (await h.sent()).at(-1)!;
    expect(ready.text).toContain("4户");
    expect(ready.text).toContain("【确认 Confirm】");

    await h.sendText({ userId: "u_r1", displayName: "2-1-101 王" }, "确认");
    expect(app.events.filter((e) => e.type === "denied")).toHaveLength(1);
    await h.sendText({ userId: "u_leader", displayName: "王团长" }, "确认");
    expect(app.events.filter((e) => e.type === "batch.confirmed")).toHaveLength(1);
    expect((await h.sent()).at(-1)!.text).toContain("错峰取物");

    // an official's notice (from the officials' chat elsewhere) reaches the WeChat group
    await app.handlers.onMessage({
      platform: "sim",
      chatId: "gov",
      messageId: "n1",
      senderId: "off",
      senderName: "李主任",
      text: "/notice 明天上午8点全员核酸，请按网格错峰排队。",
      at: app.clock.now(),
      mentionsBot: false,
      action: null,
      replyTo: null,
      chatTitle: null,
      edits: null,
      recalls: null,
    });
    expect((await h.sent()).at(-1)!.text).toBe("明天上午8点全员核酸，请按网格错峰排队。");
    expect(app.events.filter((e) => e.type === "broadcast")).toEqual([
      expect.objectContaining({ chat: h.groupChatId, kind: "notice" }),
    ]);
  });
});
