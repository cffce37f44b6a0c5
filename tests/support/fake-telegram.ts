// A small local Bot API server for tests: enough of getMe, getUpdates (long poll with
// offset confirmation), sendMessage and friends to drive the Telegram adapter offline.
// Updates are built here the way Telegram builds them (ids, dates, entities).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUser {
  id: number | string;
  first_name: string;
  last_name?: string;
  username?: string;
  is_bot?: boolean;
}
export interface FakeChat {
  id: number;
  type: "group" | "supergroup" | "private";
  title?: string;
}
export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}
export type SendFailure = { code: 429; retryAfter: number } | { code: 403 } | { code: 400; migrateTo: number };
export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  buttons: Array<{ text: string; data: string }>;
}

export interface Enqueued {
  updateId: number;
  update: Record<string, unknown>;
  /** Resolves once the bot has confirmed the update (asked for updates past it), i.e. handled it. */
  processed(timeoutMs?: number): Promise<void>;
}

interface Entry {
  updateId: number;
  update: Record<string, unknown>;
  delivered: boolean;
  done: Array<() => void>;
}
interface Waiter {
  res: ServerResponse;
  timer: NodeJS.Timeout;
  limit: number;
}

const MAX_PENDING = 10_000;
const MAX_RECORDED = 10_000;
const ENTITY_RE = /(?<![\w/@])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?|@[A-Za-z0-9_]{5,32})/g;

/** The entities Telegram would attach: bot commands and @username mentions. */
export function entitiesFor(text: string): Array<{ type: string; offset: number; length: number }> {
  return [...text.matchAll(ENTITY_RE)].map((m) => ({
    type: m[0].startsWith("/") ? "bot_command" : "mention",
    offset: m.index ?? 0,
    length: m[0].length,
  }));
}

export class FakeTelegram {
  readonly bot: {
    id: number;
    is_bot: true;
    first_name: string;
    username: string;
    can_join_groups: boolean;
    can_read_all_group_messages: boolean;
    supports_inline_queries: boolean;
  };
  private readonly calls: ApiCall[] = [];
  private readonly sentMessages: SentMessage[] = [];
  private readonly pending: Entry[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, SendFailure[]>();
  private readonly listeners = new Set<(c: ApiCall) => void>();
  private nextUpdateId = 100_000;
  private nextMessageId = 1;
  private nextQueryId = 1;
  private closed = false;

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly token: string,
    readonly apiRoot: string,
    bot: Partial<FakeTelegram["bot"]>,
  ) {
    this.bot = {
      id: 7_000_001,
      is_bot: true,
      first_name: "保供 Bot",
      username: "baogong_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      ...bot,
    };
  }

  static async start(opts: { token?: string; bot?: Partial<FakeTelegram["bot"]> } = {}): Promise<FakeTelegram> {
    const token = opts.token ?? "7000001:TEST-token";
    let fake: FakeTelegram | null = null;
    const server = createServer((req, res) => void fake?.route(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeTelegram(server, token, `http://127.0.0.1:${port}`, opts.bot ?? {});
    return fake;
  }

  get botUser(): FakeUser {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  // ── what the bot did ──────────────────────────────────────────────
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }
  allCalls(): ApiCall[] {
    return [...this.calls];
  }
  sent(): SentMessage[] {
    return [...this.sentMessages];
  }
  /** Called synchronously as each API call is recorded; returns an unsubscribe. */
  onCall(listener: (c: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async waitForCall(method: string, match: (c: ApiCall) => boolean = () => true, timeoutMs = 2000): Promise<ApiCall> {
    const found = this.callsTo(method).find(match);
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`fake telegram: no ${method} call within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onCall((c) => {
        if (c.method === method && match(c)) {
          clearTimeout(timer);
          off();
          resolve(c);
        }
      });
    });
  }

  // ── what happens in the chats ─────────────────────────────────────
  /** The next `n` sendMessage calls to this chat fail this way. */
  failNextSends(chatId: number | string, n: number, failure: SendFailure): void {
    this.failures.set(String(chatId), [
      ...(this.failures.get(String(chatId)) ?? []),
      ...Array.from({ length: n }, () => failure),
    ]);
  }

  enqueue(update: Record<string, unknown>): Enqueued {
    return this.push(this.nextUpdateId++, update);
  }

  /** The same update (same update_id) delivered again, as after a lost confirmation. */
  redeliver(updateId: number): Enqueued {
    const original = this.history.get(updateId);
    if (!original) throw new Error(`fake telegram: no update ${updateId} to redeliver`);
    return this.push(updateId, original);
  }

  message(
    chat: FakeChat,
    from: FakeUser,
    text: string,
    opts: { replyTo?: number; asCaption?: boolean; extra?: Record<string, unknown> } = {},
  ): Enqueued & { messageId: number } {
    const messageId = this.nextMessageId++;
    const body = opts.asCaption
      ? {
          caption: text,
          caption_entities: entitiesFor(text),
          photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
        }
      : { text, entities: entitiesFor(text) };
    const msg = {
      message_id: messageId,
      date: nowSec(),
      chat,
      from,
      ...body,
      ...(opts.replyTo !== undefined ? { reply_to_message: { message_id: opts.replyTo, date: nowSec(), chat } } : {}),
      ...opts.extra,
    };
    return { ...this.enqueue({ message: msg }), messageId };
  }

  /** A service message (migrate_to_chat_id, new_chat_members, left_chat_member, new_chat_title …). */
  service(chat: FakeChat, from: FakeUser, fields: Record<string, unknown>): Enqueued {
    return this.enqueue({ message: { message_id: this.nextMessageId++, date: nowSec(), chat, from, ...fields } });
  }

  callbackQuery(
    chat: FakeChat,
    from: FakeUser,
    data: string,
    opts: { messageId?: number } = {},
  ): Enqueued & { queryId: string } {
    const queryId = `q${this.nextQueryId++}`;
    const message = {
      message_id: opts.messageId ?? this.nextMessageId++,
      date: nowSec(),
      chat,
      from: this.botUser,
      text: "…",
    };
    return { ...this.enqueue({ callback_query: { id: queryId, from, chat_instance: "ci", message, data } }), queryId };
  }

  myChatMember(chat: FakeChat, by: FakeUser, oldStatus: MemberStatus, newStatus: MemberStatus): Enqueued {
    const member = (status: MemberStatus) => ({ status, user: this.botUser });
    return this.enqueue({
      my_chat_member: {
        chat,
        from: by,
        date: nowSec(),
        old_chat_member: member(oldStatus),
        new_chat_member: member(newStatus),
      },
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters) this.answerWaiter(w, []);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ── the Bot API side ──────────────────────────────────────────────
  private readonly history = new Map<number, Record<string, unknown>>();

  private push(updateId: number, update: Record<string, unknown>): Enqueued {
    if (this.pending.length >= MAX_PENDING) throw new Error("fake telegram: too many pending updates");
    const full = { update_id: updateId, ...update };
    this.history.set(updateId, update);
    if (this.history.size > MAX_RECORDED) this.history.delete(this.history.keys().next().value!);
    const entry: Entry = { updateId, update: full, delivered: false, done: [] };
    this.pending.push(entry);
    for (const w of this.waiters) this.answerWaiter(w, this.take(w.limit));
    return {
      updateId,
      update: full,
      processed: (timeoutMs = 3000) =>
        new Promise<void>((resolve, reject) => {
          if (!this.pending.includes(entry)) return resolve();
          const timer = setTimeout(
            () => reject(new Error(`fake telegram: update ${updateId} not confirmed within ${timeoutMs} ms`)),
            timeoutMs,
          );
          entry.done.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
    };
  }

  /** getUpdates semantics: an offset confirms every delivered update below it. */
  private confirm(offset: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const e = this.pending[i]!;
      if (e.delivered && e.updateId < offset) {
        this.pending.splice(i, 1);
        for (const d of e.done) d();
      }
    }
  }

  private take(limit: number): Array<Record<string, unknown>> {
    const out = this.pending.slice(0, limit);
    for (const e of out) e.delivered = true;
    return out.map((e) => e.update);
  }

  private answerWaiter(w: Waiter, result: unknown[]): void {
    clearTimeout(w.timer);
    this.waiters.delete(w);
    if (!w.res.writableEnded) reply(w.res, 200, { ok: true, result });
  }

  private record(method: string, params: Record<string, unknown>): void {
    const call = { method, params, at: performance.now() };
    this.calls.push(call);
    if (this.calls.length > MAX_RECORDED) this.calls.shift();
    for (const l of this.listeners) l(call);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("latin1");
    if (!m) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2]!;
    let params: Record<string, unknown>;
    if (/^multipart\/form-data/.test(req.headers["content-type"] ?? "")) {
      // A file upload (sendDocument): the fields by name, the file by its filename and size.
      params = {};
      for (const part of raw.split(/\r\n--[^\r\n]+/)) {
        const name = /name="([^"]+)"/.exec(part)?.[1];
        if (!name) continue;
        const body = part.slice(part.indexOf("\r\n\r\n") + 4);
        const filename = /filename="([^"]*)"/.exec(part)?.[1];
        params[name] =
          filename !== undefined
            ? { filename: Buffer.from(filename, "latin1").toString("utf8"), bytes: body.length }
            : Buffer.from(body, "latin1").toString("utf8");
      }
    } else {
      try {
        params = (raw ? JSON.parse(Buffer.from(raw, "latin1").toString("utf8")) : {}) as Record<string, unknown>;
      } catch {
        return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
      }
    }
    this.record(method, params);
    switch (method) {
      case "getMe":
        return reply(res, 200, { ok: true, result: this.bot });
      case "getUpdates":
        return this.getUpdates(params, res);
      case "sendMessage":
        return this.sendMessage(params, res);
      case "sendDocument": {
        const messageId = this.nextMessageId++;
        return reply(res, 200, {
          ok: true,
          result: {
            message_id: messageId,
            date: nowSec(),
            chat: { id: Number(params.chat_id), type: "supergroup" },
            from: this.botUser,
            document: params.document,
          },
        });
      }
      case "answerCallbackQuery":
      case "editMessageReplyMarkup":
      case "deleteWebhook":
      case "setWebhook":
        return reply(res, 200, { ok: true, result: true });
      default:
        return reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
  }

  private getUpdates(params: Record<string, unknown>, res: ServerResponse): void {
    this.confirm(Number(params.offset ?? 0));
    const limit = Math.min(100, Number(params.limit ?? 100));
    const ready = this.take(limit);
    const timeoutSec = Math.min(50, Number(params.timeout ?? 0));
    if (ready.length > 0 || timeoutSec <= 0 || this.closed) return reply(res, 200, { ok: true, result: ready });
    for (const w of this.waiters) this.answerWaiter(w, []); // one poller at a time, like Telegram
    const w: Waiter = { res, limit, timer: setTimeout(() => this.answerWaiter(w, []), timeoutSec * 1000) };
    this.waiters.add(w);
    res.on("close", () => {
      clearTimeout(w.timer);
      this.waiters.delete(w);
    }); // the client gave up (abort)
  }

  private sendMessage(params: Record<string, unknown>, res: ServerResponse): void {
    const chatId = String(params.chat_id);
    // As Telegram does: a text over 4,096 characters is refused.
    if (String(params.text ?? "").length > 4096)
      return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: message is too long" });
    const failure = this.failures.get(chatId)?.shift();
    if (failure?.code === 429) {
      return reply(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${failure.retryAfter}`,
        parameters: { retry_after: failure.retryAfter },
      });
    }
    if (failure?.code === 403)
      return reply(res, 403, {
        ok: false,
        error_code: 403,
        description: "Forbidden: bot was kicked from the group chat",
      });
    if (failure?.code === 400) {
      return reply(res, 400, {
        ok: false,
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: failure.migrateTo },
      });
    }
    const markup = params.reply_markup as
      | { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> }
      | undefined;
    const messageId = this.nextMessageId++;
    this.sentMessages.push({
      chatId,
      messageId,
      text: String(params.text),
      buttons: (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data })),
    });
    if (this.sentMessages.length > MAX_RECORDED) this.sentMessages.shift();
    const chatIdValue = /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
    reply(res, 200, {
      ok: true,
      result: {
        message_id: messageId,
        date: nowSec(),
        chat: { id: chatIdValue, type: "supergroup" },
        from: this.botUser,
        text: params.text,
        reply_markup: markup,
      },
    });
  }
}

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
