// Binding new groups, and what the platforms tell us about groups: removed, migrated, logged out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleChatEvent } from "../../src/app/chat-events";
import { handleMessage } from "../../src/app/handle-message";
import { openTestDatabase } from "../support/db";
import { makeTestApp, msg, type TestApp } from "../support/app";
import { SetupSpecSchema } from "../../src/app/setup-spec";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
beforeAll(async () => {
  db = await openTestDatabase();
  app = await makeTestApp(db, "2026-12-05T08:00:00+08:00");
});
afterAll(async () => {
  await db?.drop();
});

const at = () => app.clock.now();

describe("binding a group", () => {
  it("a listed leader binds a new group to their grid; orders work there", async () => {
    await handleMessage(app.deps, msg(app, "new1", "r1", "2-1-101 50元套餐1份"));
    expect(app.said("new1")).toHaveLength(0); // an unbound group is not served
    await handleMessage(app.deps, msg(app, "new1", "lead_a", "/bind 李家村 1"));
    expect(app.ofType("group.bound")[0]).toMatchObject({ chat: "new1", village: "李家村", grid: "1" });
    expect(app.said("new1")[0]).toContain("已绑定");
    await handleMessage(app.deps, msg(app, "new1", "r1", "2-1-101 50元套餐1份"));
    expect(app.ofType("order.accepted")[0]).toMatchObject({ chat: "new1", household: "2-1-101" });
  });

  it("someone not in the village file cannot bind", async () => {
    await handleMessage(app.deps, msg(app, "new2", "stranger", "/bind 李家村 1"));
    expect(app.ofType("denied").at(-1)).toMatchObject({ chat: "new2", reason: "NOT_LEADER" });
    expect(await db.prisma.chatGroup.findFirst({ where: { chatId: "new2" } })).toBeNull();
  });

  it("a one-time code issued by an official binds once", async () => {
    await handleMessage(app.deps, msg(app, "gov", "off_a", "/bindcode 李家村 2"));
    const code = /绑定码 (\d{6})/.exec(app.said("gov").at(-1)!)![1]!;
    await handleMessage(app.deps, msg(app, "new3", "helper", `/bind 李家村 1 ${code}`));
    expect(await db.prisma.chatGroup.findFirst({ where: { chatId: "new3" } })).toBeNull(); // wrong grid for the code
    await handleMessage(app.deps, msg(app, "new3", "helper", `/bind 李家村 2 ${code}`));
    expect(
      (await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "new3" }, include: { grid: true } })).grid?.code,
    ).toBe("2");
    await handleMessage(app.deps, msg(app, "new4", "helper", `/bind 李家村 2 ${code}`));
    expect(await db.prisma.chatGroup.findFirst({ where: { chatId: "new4" } })).toBeNull(); // used up
  });

  it("answers a /bind through the account that received it, and the group bound is that account's", async () => {
    // Two accounts on a platform: a reply without one would wait on the platform's queue for
    // a group account that a refused /bind (no group row) never gets.
    const via = (m: ReturnType<typeof msg>) => ({ ...m, account: "acc-b" });
    await handleMessage(app.deps, via(msg(app, "new5", "stranger", "/bind 李家村 1")));
    await handleMessage(app.deps, via(msg(app, "new5", "lead_a", "/bind 李家村 1")));
    expect(app.sent.filter((m) => m.chatId === "new5").map((m) => m.account)).toEqual(["acc-b", "acc-b"]);
    expect((await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "new5" } })).account).toBe("acc-b");
  });

  it("only officials issue codes", async () => {
    await handleMessage(app.deps, msg(app, "g1", "r1", "/bindcode 李家村 1"));
    expect(app.ofType("denied").at(-1)).toMatchObject({ reason: "NOT_OFFICIAL" });
  });
});

describe("platform events", () => {
  it("the bot removed: the group is marked inactive, officials are told, messages are ignored", async () => {
    await handleChatEvent(app.deps, { type: "bot_removed", platform: "sim", chatId: "g2", by: null, at: at() });
    expect((await db.prisma.chatGroup.findFirstOrThrow({ where: { chatId: "g2" } })).active).toBe(false);
    expect(app.said("gov").at(-1)).toContain("已停用");
    const before = app.sent.length;
    await handleMessage(app.deps, msg(app, "g2", "r1", "9-1-101 50元套餐1份"));
    expect(app.sent.length).toBe(before);
  });

  it("a group upgraded to a supergroup keeps its binding under the new id", async () => {
    await handleChatEvent(app.deps, {
      type: "chat_migrated",
      platform: "sim",
      chatId: "g1",
      newChatId: "g1-super",
      at: at(),
    });
    await handleMessage(app.deps, msg(app, "g1-super", "r7", "7-1-101 100元套餐1份"));
    expect(app.ofType("order.accepted").at(-1)).toMatchObject({ chat: "g1-super", household: "7-1-101" });
  });

  it("a logout is announced to the officials", async () => {
    await handleChatEvent(app.deps, {
      type: "logout",
      platform: "wechat",
      account: "wxid_bot",
      reason: null,
      at: at(),
    });
    expect(app.said("gov").at(-1)).toContain("已下线");
  });

  it("the bot added to an unknown group asks to be bound", async () => {
    await handleChatEvent(app.deps, {
      type: "bot_added",
      platform: "sim",
      chatId: "new9",
      chatTitle: "王家村群",
      by: null,
      at: at(),
    });
    expect(app.said("new9")[0]).toContain("/bind");
  });
});

describe("a WeChat group configured by its title", () => {
  it("is bound to the room id by the first message from a room with that title", async () => {
    const app2 = await makeTestApp(db, "2026-12-05T08:00:00+08:00", {
      villages: [
        { name: "赵家村", grids: [{ code: "1", groups: [{ platform: "wechat", title: "赵家村一组物资群" }] }] },
      ],
    });
    const m = {
      ...msg(app2, "1234@chatroom", "wx_r1", "5-5-505 50元套餐1份"),
      platform: "wechat" as const,
      chatTitle: "别的群",
    };
    await handleMessage(app2.deps, m);
    expect(app2.ofType("order.accepted")).toHaveLength(0); // another room's title: not ours
    await handleMessage(app2.deps, { ...m, messageId: "x2", chatTitle: "赵家村一组物资群" });
    expect(app2.ofType("order.accepted")[0]).toMatchObject({ chat: "1234@chatroom", household: "5-5-505" });
    const g = await db.prisma.chatGroup.findFirstOrThrow({ where: { title: "赵家村一组物资群" } });
    expect(g.chatId).toBe("1234@chatroom");
  });

  it("a group needs an id or a title in the village file", () => {
    expect(() =>
      SetupSpecSchema.parse({ villages: [{ name: "x", grids: [{ code: "1", groups: [{ platform: "wechat" }] }] }] }),
    ).toThrow(/a group needs a chatId or a title/);
  });
});
