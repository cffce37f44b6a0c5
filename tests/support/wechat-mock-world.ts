import { types } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";

/**
 * An offline WeChat built on wechaty-puppet-mock: one group (room), the bot's account
 * and members with 群昵称 (room aliases). Used by the adapter tests and the latency
 * bench; nothing here is used by the live bot.
 */

type ContactMock = ReturnType<mock.Mocker["createContact"]>;
type RoomMock = ReturnType<mock.Mocker["createRoom"]>;

/** puppet-mock never reports room aliases; this one answers them from a map. */
class AliasPuppetMock extends PuppetMock {
  readonly roomAliases = new Map<string, string>(); // key: `${roomId}\n${contactId}`

  override async roomMemberRawPayload(roomId: string, contactId: string) {
    const payload = await super.roomMemberRawPayload(roomId, contactId);
    const roomAlias = this.roomAliases.get(`${roomId}\n${contactId}`);
    return roomAlias === undefined ? payload : { ...payload, roomAlias };
  }
}

export interface MockPost {
  text?: string;
  /** Defaults to Text. */
  type?: types.Message;
  mentions?: ContactMock[];
  /** A message id of your own; by default a fresh one. */
  id?: string;
  /** Sent to the bot privately instead of in the group. */
  direct?: boolean;
}

export interface MockWorld {
  mocker: mock.Mocker;
  /** Hand this to createWechatAdapter({ puppet }). */
  puppet: PuppetMock;
  botContact: ContactMock;
  room: RoomMock;
  roomId: string;
  /** A group member, created on first use (WeChat name `name`, default the id), with `displayName` as room alias. */
  member(userId: string, displayName?: string, name?: string): ContactMock;
  /** Sets someone's 群昵称 (room alias), the bot's included. */
  setRoomAlias(contactId: string, alias: string): Promise<void>;
  /** Someone (the bot included) posts in the group; returns the platform message id. */
  post(from: ContactMock, msg: MockPost): string;
  /** The platform delivers a message again, same id. */
  redeliver(messageId: string): void;
  /** The bot's account logs in. */
  login(): void;
  /** Every text the bot's account posted in the group, in order. */
  botPosts: Array<{ chatId: string; text: string; at: number }>;
  /** Called for each post by the bot as it reaches the group. */
  onBotPost?: (post: { chatId: string; text: string }) => void;
}

export function createMockWorld(
  opts: { botId?: string; botName?: string; roomId?: string; topic?: string } = {},
): MockWorld {
  const mocker = new mock.Mocker();
  const puppet = new AliasPuppetMock({ mocker });
  const botContact = mocker.createContact({ id: opts.botId ?? "wxid_baogong_bot", name: opts.botName ?? "保供助手" });
  // Room ids must contain "@": puppet-mock routes sends to rooms by that.
  const roomId = opts.roomId ?? "village-3@chatroom";
  const room = mocker.createRoom({
    id: roomId,
    topic: opts.topic ?? "三号楼保供群",
    memberIdList: [botContact.id],
    adminIdList: [],
  });
  const members = new Map<string, ContactMock>([[botContact.id, botContact]]);
  let seq = 0;

  const world: MockWorld = {
    mocker,
    puppet,
    botContact,
    room,
    roomId,
    botPosts: [],

    member(userId, displayName, name) {
      let c = members.get(userId);
      if (!c) {
        c = mocker.createContact({ id: userId, name: name ?? userId });
        members.set(userId, c);
        room.payload.memberIdList.push(userId);
      }
      if (displayName !== undefined) puppet.roomAliases.set(`${roomId}\n${userId}`, displayName);
      return c;
    },

    async setRoomAlias(contactId, alias) {
      puppet.roomAliases.set(`${roomId}\n${contactId}`, alias);
      await puppet.roomMemberPayloadDirty(roomId);
    },

    post(from, msg) {
      const id = msg.id ?? `mockmsg-${mocker.id}-${++seq}`;
      const base = {
        id,
        talkerId: from.id,
        timestamp: Date.now(),
        type: msg.type ?? types.Message.Text,
        text: msg.text,
      };
      mocker.MessageMock.create(
        msg.direct
          ? { ...base, listenerId: botContact.id }
          : { ...base, roomId, mentionIdList: (msg.mentions ?? []).map((c) => c.id) },
      );
      puppet.emit("message", { messageId: id });
      return id;
    },

    redeliver(messageId) {
      puppet.emit("message", { messageId });
    },

    login() {
      mocker.login(botContact);
    },
  };

  // Everything the bot says (room.say → puppet-mock → bot's contact says it to the room) passes here.
  room.on("message", (m) => {
    if (m.payload.talkerId !== botContact.id) return;
    const post = { chatId: roomId, text: m.payload.text ?? "" };
    world.botPosts.push({ ...post, at: performance.now() });
    world.onBotPost?.(post);
  });

  return world;
}
