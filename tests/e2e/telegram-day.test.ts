// A scripted day in a Telegram group, through telegraf and the local fake Bot API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../support/db";
import { startTelegramHarness, TEST_GROUP, type TelegramHarness } from "../adapters/telegram-harness";
import { JIELONG, makeDayApp, type DayApp } from "./scripted-day";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let h: TelegramHarness;
let app: DayApp;
const GOV = { id: -1009876543210, type: "supergroup" as const, title: "镇保供专班" };
beforeAll(async () => {
  db = await openTestDatabase();
  app = await makeDayApp(db.prisma, "telegram", String(TEST_GROUP.id), "u_leader", {
    platform: "telegram",
    chatId: String(GOV.id),
    userId: "u_off",
  });
  h = await startTelegramHarness(app.handlers);
  app.setAdapter(h.adapter);
});
afterAll(async () => {
  await h?.close();
  await db?.drop();
});

describe("a day in a Telegram group", () => {
  it("orders, a 接龙, the cut-off, the leader's button, the announcement, a notice", async () => {
    await h.sendText({ userId: "u_r1", displayName: "2-1-101 王" }, "50元套餐1份");
    expect((await h.sent()).at(-1)?.text).toContain("已收到 2-1-101");
    await h.sendText({ userId: "u_r2", displayName: "李" }, "3-2-501 李 100元套餐1份 奶粉2罐");
    await h.sendText({ userId: "u_r3", displayName: "赵" }, "谢谢团长");
    expect(await h.sent()).toHaveLength(2); // silent on thanks
    await h.sendText({ userId: "u_r4", displayName: "周" }, JIELONG);
    expect((await h.sent()).at(-1)?.text).toContain("新增 2 户");

    await app.scheduler.runUntil(new Date("2026-12-05T20:00:30+08:00"));
    const ready = (await h.sent()).at(-1)!;
    expect(ready.text).toContain("4户");
    expect(ready.buttons).toEqual(["确认 Confirm"]);
    const data = h.fake.sent().at(-1)!.buttons[0]!.data;

    // a resident presses the button: a short alert to them, nothing changes
    await h.fake.callbackQuery(TEST_GROUP, { id: "u_r1", first_name: "王" }, data).processed();
    const alert = await h.fake.waitForCall("answerCallbackQuery", (c) => c.params.show_alert === true);
    expect(String(alert.params.text)).toContain("团长");
    expect(app.events.filter((e) => e.type === "batch.confirmed")).toHaveLength(0);

    // the leader presses it
    await h.fake.callbackQuery(TEST_GROUP, { id: "u_leader", first_name: "王团长" }, data).processed();
    expect(app.events.filter((e) => e.type === "batch.confirmed")).toHaveLength(1);
    const announce = (await h.sent()).at(-1)!.text;
    expect(announce).toContain("错峰取物");
    expect(announce).toMatch(/2-1-101：\d\d:\d\d-\d\d:\d\d/);

    // an official's notice from the officials' group reaches the village group
    await h.fake
      .message(GOV, { id: "u_off", first_name: "李主任" }, "/notice 明天上午8点全员核酸，请按网格错峰排队。")
      .processed();
    expect(
      h.fake
        .sent()
        .filter((m) => m.chatId === String(TEST_GROUP.id))
        .at(-1)?.text,
    ).toBe("明天上午8点全员核酸，请按网格错峰排队。");
    expect(app.events.filter((e) => e.type === "broadcast")).toEqual([
      expect.objectContaining({ chat: String(TEST_GROUP.id), kind: "notice" }),
    ]);
    expect(
      h.fake
        .sent()
        .filter((m) => m.chatId === String(GOV.id))
        .at(-1)?.text,
    ).toContain("已送达 1/1 个群");
  });
});
