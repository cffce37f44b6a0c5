import { FileBox } from "file-box";
import { ScanStatus, WechatyBuilder, type Contact, type Room, type WechatyOptions } from "wechaty";
import { systemClock, type Clock } from "../../domain/clock";
import type { ChatAdapter, ChatEvent, ChatHandlers, OutboundMessage, SendResult } from "../../domain/messages";
import { translateMessage } from "./inbound";
import { renderWechatText } from "./outbound";
import { terminalQr } from "./qr";
import { recentIds } from "./recent-ids";
import { loginEvent, logoutEvent, roomJoinEvents, roomLeaveEvents, topicEvent } from "./room-events";

/** How one inbound platform message ended inside the adapter. */
export type MessageOutcome = "delivered" | "duplicate" | "ignored" | "failed";

export interface WechatAdapterOptions {
  /** A puppet package name ("wechaty-puppet-service", "wechaty-puppet-mock" …) or a puppet instance. */
  puppet?: string | object;
  puppetToken?: string;
  /** Wechaty's name; with a name Wechaty keeps `<name>.memory-card.json` (the login session) in the cwd. */
  name?: string;
  /** Receives the login QR code (the raw value and a terminal rendering). Default: stderr. */
  onQr?: (url: string, ascii: string) => void;
  log?: (obj: object, msg: string) => void;
  clock?: Clock;
  /** Accept room invitations, so that the bot can join groups it is invited to. Default true. */
  acceptRoomInvites?: boolean;
  /** Called once each inbound platform message has been dealt with (tests, benchmarks, metrics). */
  onSettled?: (messageId: string, outcome: MessageOutcome) => void;
  /** How many recent message ids are remembered for de-duplication. Default 5000. */
  recentIdCapacity?: number;
}

export type WechatAdapter = ChatAdapter & {
  botUserId(): string | null;
  roomTopic(chatId: string): Promise<string | null>;
};

function stderrLog(obj: object, msg: string): void {
  process.stderr.write(`${JSON.stringify({ ...obj, msg })}\n`);
}

function stderrQr(url: string, ascii: string): void {
  process.stderr.write(`\n扫码登录微信 / Scan with WeChat to log in:\n${ascii}\n${url}\n`);
}

function errorInfo(e: unknown): { err: string } {
  return { err: e instanceof Error ? e.message : String(e) };
}

export function createWechatAdapter(opts: WechatAdapterOptions = {}): WechatAdapter {
  const log = opts.log ?? stderrLog;
  const onQr = opts.onQr ?? stderrQr;
  const clock = opts.clock ?? systemClock;
  const settle = opts.onSettled ?? (() => {});
  const seen = recentIds(opts.recentIdCapacity);
  // Rooms the bot was removed from while running; WeChat still accepts sends to some of them silently.
  const removedRooms = new Set<string>();

  const puppet = opts.puppet ?? "wechaty-puppet-service";
  const options = {
    ...(opts.name ? { name: opts.name } : {}),
    puppet,
    ...(typeof puppet === "string" && opts.puppetToken ? { puppetOptions: { token: opts.puppetToken } } : {}),
  } as WechatyOptions;
  const bot = WechatyBuilder.build(options);

  let handlers: ChatHandlers | null = null;
  let stopping = false;
  // One queue keeps messages and events in the order WeChat delivered them.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>): void => {
    queue = queue.then(task).catch((e) => log(errorInfo(e), "wechat: handler failed"));
  };

  const self = (): Contact | null => (bot.isLoggedIn ? bot.currentUser : null);

  const emitEvents = async (events: ChatEvent[]): Promise<void> => {
    for (const ev of events) {
      if (ev.type === "bot_removed") removedRooms.add(ev.chatId);
      if (ev.type === "bot_added") removedRooms.delete(ev.chatId);
      log({ event: ev.type, chatId: "chatId" in ev ? ev.chatId : undefined }, `wechat: ${ev.type}`);
      await handlers?.onEvent(ev);
    }
  };
  const eventTask = (make: () => Promise<ChatEvent[]> | ChatEvent[]) => (): void =>
    enqueue(async () => emitEvents(await make()));

  const listeners = {
    message: (m: Parameters<typeof translateMessage>[0]) => {
      const id = m.id;
      if (!seen.add(id)) {
        enqueue(async () => settle(id, "duplicate"));
        return;
      }
      // Look-ups start at once; delivery waits its turn in the queue.
      const translation = translateMessage(m, self()).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      );
      enqueue(async () => {
        const t = await translation;
        if (t instanceof Error) {
          seen.delete(id);
          log({ messageId: id, ...errorInfo(t) }, "wechat: message could not be translated");
          return settle(id, "failed");
        }
        if (t.kind === "ignored") return settle(id, "ignored");
        try {
          await handlers?.onMessage(t.message);
          settle(id, "delivered");
        } catch (e) {
          seen.delete(id); // a redelivery may try again
          log({ messageId: id, ...errorInfo(e) }, "wechat: onMessage failed");
          settle(id, "failed");
        }
      });
    },
    login: (user: Contact) => {
      log({ account: user.id, name: user.name() }, "wechat: logged in");
      eventTask(() => [loginEvent(user, clock.now())])();
    },
    logout: (user: Contact, reason?: string) => {
      log({ account: user.id, reason }, "wechat: logged out");
      // Stopping the puppet logs it out locally; that is not news for the officials.
      if (stopping) return;
      eventTask(() => [logoutEvent(user, reason, clock.now())])();
    },
    scan: (qrcode: string, status: ScanStatus) => {
      log({ status: ScanStatus[status] }, "wechat: scan");
      if (!qrcode || (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout)) return;
      terminalQr(qrcode).then(
        (ascii) => onQr(qrcode, ascii),
        (e: unknown) => log(errorInfo(e), "wechat: QR rendering failed"),
      );
    },
    error: (e: unknown) => log(errorInfo(e), "wechat: error"),
    ready: () => log({}, "wechat: ready"),
    "room-invite": (invitation: { accept(): Promise<void>; id: string }) => {
      log({ invitationId: invitation.id, accept: opts.acceptRoomInvites !== false }, "wechat: room invitation");
      if (opts.acceptRoomInvites === false) return;
      invitation.accept().catch((e: unknown) => log(errorInfo(e), "wechat: accepting room invitation failed"));
    },
    "room-join": (room: Room, invitees: Contact[], inviter: Contact, date?: Date) =>
      eventTask(() => roomJoinEvents(room, invitees, inviter, date ?? clock.now(), self()?.id ?? null))(),
    "room-leave": (room: Room, leavers: Contact[], remover?: Contact, date?: Date) =>
      eventTask(() => roomLeaveEvents(room, leavers, remover, date ?? clock.now(), self()?.id ?? null))(),
    "room-topic": (room: Room, topic: string, _old: string, _by: Contact, date?: Date) =>
      eventTask(() => [topicEvent(room, topic, date ?? clock.now(), self()?.id ?? null)])(),
  };

  const findRoom = async (chatId: string): Promise<Room | undefined> => bot.Room.find({ id: chatId });

  return {
    platform: "wechat",
    // The logged-in WeChat id; null while logged out (nothing is sent then).
    account: () => self()?.id ?? null,

    async start(h) {
      handlers = h;
      stopping = false;
      for (const [name, fn] of Object.entries(listeners)) bot.on(name as "message", fn as never);
      await bot.start();
      // Puppet-level resets are how service puppets report reconnections.
      bot.puppet.on("reset", (p: { data?: string }) => log({ data: p.data }, "wechat: puppet reset / reconnecting"));
      log({ puppet: typeof puppet === "string" ? puppet : bot.puppet.name() }, "wechat: started");
    },

    async send(msg: OutboundMessage): Promise<SendResult> {
      if (removedRooms.has(msg.chatId)) {
        return { ok: false, reason: "FORBIDDEN", detail: `the bot was removed from room ${msg.chatId}` };
      }
      if (!bot.isLoggedIn) return { ok: false, reason: "FAILED", detail: "wechat is not logged in" };
      try {
        const room = await findRoom(msg.chatId);
        if (!room) return { ok: false, reason: "FAILED", detail: `room ${msg.chatId} not found` };
        try {
          const said = await room.say(renderWechatText(msg));
          return { ok: true, messageId: said ? said.id : null };
        } catch (e) {
          const member = await room.sync().then(
            () => room.has(bot.currentUser),
            () => null,
          );
          if (member === false) {
            removedRooms.add(msg.chatId);
            return { ok: false, reason: "FORBIDDEN", detail: `the bot is not a member of room ${msg.chatId}` };
          }
          return { ok: false, reason: "FAILED", detail: errorInfo(e).err };
        }
      } catch (e) {
        return { ok: false, reason: "FAILED", detail: errorInfo(e).err };
      }
    },

    async sendFile(chatId: string, file: { name: string; data: Buffer }, caption: string): Promise<SendResult> {
      if (removedRooms.has(chatId))
        return { ok: false, reason: "FORBIDDEN", detail: `the bot was removed from room ${chatId}` };
      if (!bot.isLoggedIn) return { ok: false, reason: "FAILED", detail: "wechat is not logged in" };
      try {
        const room = await findRoom(chatId);
        if (!room) return { ok: false, reason: "FAILED", detail: `room ${chatId} not found` };
        const said = await room.say(FileBox.fromBuffer(file.data, file.name));
        if (caption) await room.say(caption);
        return { ok: true, messageId: said ? said.id : null };
      } catch (e) {
        return { ok: false, reason: "FAILED", detail: errorInfo(e).err };
      }
    },

    async stop() {
      if (!handlers) return;
      stopping = true;
      await bot.stop();
      for (const [name, fn] of Object.entries(listeners)) bot.off(name as "message", fn as never);
      await queue;
      handlers = null;
      log({}, "wechat: stopped");
    },

    botUserId: () => self()?.id ?? null,

    async roomTopic(chatId) {
      try {
        const room = await findRoom(chatId);
        return room ? (await room.topic()) || null : null;
      } catch {
        return null;
      }
    },
  };
}
