// WeChat-specific behaviour of the adapter, beyond the shared contract.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ScanStatus, types } from "wechaty";
import { jielongText } from "../../src/bot/wechat/jielong";
import { renderWechatText } from "../../src/bot/wechat/outbound";
import { recentIds } from "../../src/bot/wechat/recent-ids";
import { recordingHandlers } from "./harness";
import { startWechatHarness, type WechatHarness } from "./wechat-harness";

const JIELONG_XML = `<?xml version="1.0"?>
<msg><appmsg appid="" sdkver="0"><title>#接龙
3号楼 蔬菜包

1. 3-1-101 王 2份
2. 3-1-102 李&amp;张 1份</title><des /><type>53</type></appmsg></msg>`;

describe("wechat adapter", () => {
  let h: WechatHarness;
  let rec: ReturnType<typeof recordingHandlers>;
  beforeEach(async () => {
    rec = recordingHandlers();
    h = await startWechatHarness(rec);
  });
  afterEach(async () => {
    await h.close();
  });

  const zhang = { userId: "wxid_zhang", displayName: "3-2-501 张三", wechatName: "张三的微信" };

  it("uses the room alias (群昵称) as display name and falls back to the WeChat name", async () => {
    await h.sendText(zhang, "100元套餐1份");
    await h.post({ userId: "wxid_li", wechatName: "李四" }, { text: "50元套餐" });
    expect(rec.messages.map((m) => [m.senderId, m.senderName])).toEqual([
      ["wxid_zhang", "3-2-501 张三"],
      ["wxid_li", "李四"],
    ]);
    expect(rec.messages[0]?.chatTitle).toBe("三号楼保供群");
    expect(rec.messages[0]?.platform).toBe("wechat");
  });

  it("understands an @mention of the bot and strips it, by name or by the bot's own 群昵称", async () => {
    await h.sendText(zhang, "订单查询 3-3-303", { mentionBot: true });
    await h.world.setRoomAlias(h.botUserId, "保供小助手");
    await h.post(zhang, { text: "@保供小助手 查询", mentions: [h.world.botContact] });
    expect(rec.messages.map((m) => [m.mentionsBot, m.text])).toEqual([
      [true, "订单查询 3-3-303"],
      [true, "查询"],
    ]);
  });

  it("leaves other people's @mentions alone", async () => {
    const wang = h.world.member("wxid_wang", "王");
    await h.post(zhang, { text: "@王\u2005你的菜到了", mentions: [wang] });
    expect(rec.messages[0]).toMatchObject({ mentionsBot: false, text: "@王\u2005你的菜到了" });
  });

  it("ignores the bot's own messages and private chats", async () => {
    await h.botSays("已收到 / Received");
    const { outcome } = await h.post(zhang, { text: "私聊", direct: true });
    expect(outcome).toBe("ignored");
    expect(rec.messages).toHaveLength(0);
  });

  it("ignores images, voice, stickers and links", async () => {
    for (const type of [
      types.Message.Image,
      types.Message.Audio,
      types.Message.Emoticon,
      types.Message.Url,
      types.Message.Video,
    ]) {
      const { outcome } = await h.post(zhang, { type, text: "" });
      expect(outcome).toBe("ignored");
    }
    expect(rec.messages).toHaveLength(0);
  });

  it("passes 接龙 lists on, whether typed GroupNote or raw type-53 app XML", async () => {
    await h.post(zhang, { type: types.Message.GroupNote, text: JIELONG_XML });
    await h.post(zhang, { type: types.Message.Unknown, text: `wxid_zhang:\n${JIELONG_XML}` });
    await h.post(zhang, { type: types.Message.GroupNote, text: "#接龙\n1. 王 2份" });
    const list = "#接龙\n3号楼 蔬菜包\n\n1. 3-1-101 王 2份\n2. 3-1-102 李&张 1份";
    expect(rec.messages.map((m) => m.text)).toEqual([list, list, "#接龙\n1. 王 2份"]);
  });

  it("passes a recall (撤回) on as a recall of the message taken back", async () => {
    await h.post(zhang, { type: types.Message.Recalled, text: "msg-original-1" });
    expect(rec.messages.at(-1)).toMatchObject({
      messageId: "msg-original-1@recall",
      recalls: "msg-original-1",
      text: "",
    });
  });

  it("hands a message delivered twice to onMessage once", async () => {
    await h.sendText(zhang, "50元套餐1份");
    await h.redeliverLast();
    await h.redeliverLast();
    expect(rec.messages).toHaveLength(1);
  });

  it("lets a redelivery through again when onMessage failed", async () => {
    let fail = true;
    const onMessage = rec.onMessage;
    rec.onMessage = async (m) => {
      if (fail) {
        fail = false;
        throw new Error("db down");
      }
      await onMessage(m);
    };
    const { outcome } = await h.post(zhang, { text: "100元套餐1份" });
    expect(outcome).toBe("failed");
    await h.redeliverLast();
    expect(rec.messages).toHaveLength(1);
    expect(h.logs.some((l) => l.msg.includes("onMessage failed"))).toBe(true);
  });

  it("keeps the delivery order of a burst of messages", async () => {
    const member = h.world.member("wxid_zhao", "赵");
    const ids = Array.from({ length: 30 }, (_, i) => h.world.post(member, { text: `第${i}条` }));
    await vi.waitFor(() => expect(rec.messages).toHaveLength(30));
    expect(rec.messages.map((m) => m.messageId)).toEqual(ids);
  });

  it("reports the bot's removal and then refuses to send there (FORBIDDEN), until it is added back", async () => {
    const admin = h.world.member("wxid_admin", "居委会 王主任");
    h.world.room.remove(h.world.botContact).by(admin);
    const ev = await h.waitForEvent((e) => e.type === "bot_removed");
    expect(ev).toMatchObject({ platform: "wechat", chatId: h.groupChatId, by: "wxid_admin" });
    const r = await h.adapter.send({ platform: "wechat", chatId: h.groupChatId, text: "通知", buttons: [] });
    expect(r).toMatchObject({ ok: false, reason: "FORBIDDEN" });

    h.world.room.add(h.world.botContact).by(admin);
    const added = await h.waitForEvent((e) => e.type === "bot_added");
    expect(added).toMatchObject({ chatId: h.groupChatId, chatTitle: "三号楼保供群", by: "wxid_admin" });
    expect((await h.adapter.send({ platform: "wechat", chatId: h.groupChatId, text: "通知", buttons: [] })).ok).toBe(
      true,
    );
  });

  it("reports members joining and leaving", async () => {
    const admin = h.world.member("wxid_admin", "管理员");
    const a = h.world.mocker.createContact({ id: "wxid_new1", name: "新人1" });
    const b = h.world.mocker.createContact({ id: "wxid_new2", name: "新人2" });
    h.world.room.add(a, b).by(admin);
    const joined = await h.waitForEvent((e) => e.type === "member_joined");
    expect(joined).toMatchObject({ chatId: h.groupChatId, userIds: ["wxid_new1", "wxid_new2"] });
    h.world.room.remove(a).by(admin);
    const left = await h.waitForEvent((e) => e.type === "member_left");
    expect(left).toMatchObject({ chatId: h.groupChatId, userIds: ["wxid_new1"] });
  });

  it("reports a topic change, and later messages carry the new title", async () => {
    h.world.room.topic("三号楼保供群（第二周）").by(h.world.member(zhang.userId, zhang.displayName));
    const ev = await h.waitForEvent((e) => e.type === "topic_changed");
    expect(ev).toMatchObject({ chatId: h.groupChatId, topic: "三号楼保供群（第二周）" });
    await h.sendText(zhang, "好");
    expect(rec.messages[0]?.chatTitle).toBe("三号楼保供群（第二周）");
    expect(await h.adapter.roomTopic(h.groupChatId)).toBe("三号楼保供群（第二周）");
  });

  it("reports login and logout, and knows its own user id", async () => {
    expect(rec.events.find((e) => e.type === "login")).toMatchObject({ platform: "wechat", account: h.botUserId });
    expect(h.adapter.botUserId()).toBe(h.botUserId);
    await h.world.puppet.logout("kicked out");
    const ev = await h.waitForEvent((e) => e.type === "logout");
    expect(ev).toMatchObject({ account: h.botUserId, reason: "kicked out" });
    expect(h.adapter.botUserId()).toBeNull();
    const r = await h.adapter.send({ platform: "wechat", chatId: h.groupChatId, text: "hi", buttons: [] });
    expect(r).toMatchObject({ ok: false, reason: "FAILED" });
  });

  it("sends text with buttons as 【…】 lines, and fails softly for an unknown room", async () => {
    const r = await h.adapter.send({
      platform: "wechat",
      chatId: h.groupChatId,
      text: "请确认订单",
      buttons: [
        { text: "确认 Confirm", data: "confirm:B1" },
        { text: "取消 Cancel", data: "cancel:B1" },
      ],
    });
    expect(r).toEqual({ ok: true, messageId: null });
    expect((await h.sent()).at(-1)?.text).toBe("请确认订单\n\n【确认 Confirm】\n【取消 Cancel】");
    const bad = await h.adapter.send({ platform: "wechat", chatId: "nope@chatroom", text: "x", buttons: [] });
    expect(bad).toMatchObject({ ok: false, reason: "FAILED" });
  });

  it("accepts room invitations (bot_added follows when WeChat reports the join), unless told not to", async () => {
    const accept = vi.spyOn(h.world.puppet, "roomInvitationAccept");
    h.world.puppet.emit("room-invite", { roomInvitationId: "inv-1" });
    await vi.waitFor(() => expect(accept).toHaveBeenCalledWith("inv-1"));
    await h.close();
    h = await startWechatHarness(rec, { acceptRoomInvites: false });
    const accept2 = vi.spyOn(h.world.puppet, "roomInvitationAccept");
    h.world.puppet.emit("room-invite", { roomInvitationId: "inv-2" });
    await vi.waitFor(() => expect(h.logs.some((l) => l.msg === "wechat: room invitation")).toBe(true));
    expect(accept2).not.toHaveBeenCalled();
  });

  it("prints the login QR code through onQr", async () => {
    await h.close();
    const onQr = vi.fn();
    h = await startWechatHarness(rec, { onQr });
    h.world.mocker.scan("https://login.weixin.qq.com/l/test-qr", ScanStatus.Waiting);
    await vi.waitFor(() => expect(onQr).toHaveBeenCalledTimes(1));
    const [url, ascii] = onQr.mock.calls[0] as [string, string];
    expect(url).toBe("https://login.weixin.qq.com/l/test-qr");
    expect(ascii.split("\n").length).toBeGreaterThan(10);
  });
});

describe("wechat adapter helpers", () => {
  it("jielongText: only type 53 / GroupNote, XML entities decoded", () => {
    expect(jielongText(types.Message.Url, "<msg><appmsg><title>x</title><type>5</type></appmsg></msg>")).toBeNull();
    expect(jielongText(types.Message.Image, "")).toBeNull();
    expect(jielongText(types.Message.Unknown, JIELONG_XML)).toContain("李&张");
    expect(
      jielongText(
        types.Message.GroupNote,
        "<msg><appmsg><title><![CDATA[#接龙\n1. a]]></title><type>53</type></appmsg></msg>",
      ),
    ).toBe("#接龙\n1. a");
  });

  it("renderWechatText leaves button-less text unchanged", () => {
    expect(renderWechatText({ text: "你好", buttons: [] })).toBe("你好");
  });

  it("recentIds forgets the oldest ids beyond its capacity", () => {
    const ids = recentIds(3);
    for (const id of ["a", "b", "c", "d"]) expect(ids.add(id)).toBe(true);
    expect(ids.size).toBe(3);
    expect(ids.add("d")).toBe(false);
    expect(ids.add("a")).toBe(true);
  });
});
