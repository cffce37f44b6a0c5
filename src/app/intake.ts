// Where every inbound chat message enters the app. A message is first kept in a
// journal (Redis) and only then acknowledged to the adapter; it leaves the journal once
// it is handled (stored in PostgreSQL, its replies recorded). So a message that cannot
// be stored — PostgreSQL gone for half a minute, the bot stopped or crashed near the
// cut-off — is not lost: it is tried again, in arrival order, until the database is back,
// or replayed by the next process. Handling is idempotent (the message id is claimed in
// PostgreSQL), so a message journaled and handled twice acts once.
//
// Messages of different chats are handled concurrently; one chat's in order (see
// ./intake-queue.ts, which also keeps a flooding member from delaying the others). A
// chat whose messages wait longer than `waitNoticeMs` is told, once, that they will be
// handled. A message that fails for reasons other than the infrastructure is tried a
// few times, then set aside (kept in the journal's dead letters) and the chat is told.
import type { Clock } from "../domain/clock";
import { InboundMessageSchema, type InboundMessage } from "../domain/messages";
import type { Logger } from "../infra/logger";
import { IntakeQueue, type Waiting } from "./intake-queue";
import { messageKey } from "./inbound-claim";

/** A durable place for messages between arrival and handling. */
export interface InboundJournal {
  /** Keeps the message until `done`. Resolves once it is durable; rejects when it cannot be kept. */
  put(key: string, msg: InboundMessage): Promise<void>;
  /** The message is handled: forget it. */
  done(key: string): Promise<void>;
  /** The message could not be handled: keep it aside for an operator, with why. */
  dead(key: string, msg: InboundMessage, reason: string): Promise<void>;
  /** Messages left by this process's predecessor or by a process that died, oldest first; they become this process's. */
  recover(): Promise<InboundMessage[]>;
  /** The same, later: messages of processes that died since (none of this process's own). */
  adopt(): Promise<InboundMessage[]>;
  close(): Promise<void>;
}

export interface IntakeOptions {
  handle(msg: InboundMessage): Promise<void>;
  journal: InboundJournal | null;
  clock: Clock;
  log: Logger;
  /** Messages handled at once (different chats). Default 8. */
  concurrency?: number;
  /** A chat whose oldest waiting message waited this long is told it will be handled. Default 15 s. */
  waitNoticeMs?: number;
  /** Says, once per wait, that the chat's messages (their senders' names) will be handled. */
  onWaiting?(msg: InboundMessage, senders: string[]): Promise<void>;
  /** Says in the chat that a message could not be handled. */
  onDead?(msg: InboundMessage): Promise<void>;
  /** Attempts for a message failing for other reasons than the infrastructure. Default 4. */
  maxAttempts?: number;
  /** First retry delay; doubles up to `maxRetryMs`. Defaults 200 ms and 5 s. */
  retryMs?: number;
  maxRetryMs?: number;
  /** A member with more than this many messages waiting in one chat is flooding it. Default 5. */
  floodAt?: number;
  /** How often the journals of processes that died are looked for. Default 10 s. */
  adoptEveryMs?: number;
}

interface Entry {
  msg: InboundMessage;
  key: string;
  acceptedAt: number;
  attempts: number;
  /** The journal write; `done` waits for it. */
  kept: Promise<boolean>;
  handled: { promise: Promise<void>; resolve(): void; reject(e: unknown): void };
}

const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2028",
  "P2034",
  "40001",
  "40P01",
  "53300",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
const TRANSIENT_TEXT =
  /connect|connection|terminat|timed? ?out|timeout|closed|reach|ECONN|socket|shutting down|not available|starting up|too many clients|Transaction (already )?closed|Transaction API error|could not serialize|deadlock/i;

/**
 * Whether an error is the infrastructure's (the database or Redis unreachable, a
 * dropped connection, a serialisation conflict) — worth trying again however long it
 * takes — rather than something about the message. Looks through `cause` chains and
 * Prisma's and PostgreSQL's error codes.
 */
export function isTransientError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 6; depth++) {
    const o = x as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; originalCode?: unknown };
    for (const c of [o.code, o.originalCode, o.kind])
      if (typeof c === "string" && (TRANSIENT_CODES.has(c) || /^08|^57P/.test(c))) return true;
    if (
      typeof o.kind === "string" &&
      /NotReachable|ConnectionClosed|SocketTimeout|TooManyConnections|TransactionWriteConflict/.test(o.kind)
    )
      return true;
    if (typeof o.message === "string" && TRANSIENT_TEXT.test(o.message)) return true;
    x = o.cause;
  }
  return false;
}

function deferred(): Entry["handled"] {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class Intake {
  private readonly queue: IntakeQueue<Entry>;
  private readonly concurrency: number;
  private readonly waitNoticeMs: number;
  private readonly maxAttempts: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private running = 0;
  private stopping = false;
  /** Chats told that their messages wait, until their line empties. */
  private readonly told = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private tick: NodeJS.Timeout | null = null;
  private adopting: NodeJS.Timeout | null = null;
  private idle: Array<() => void> = [];
  /** Failures in a row of the infrastructure (the log says it once, not per message). */
  private outage = 0;

  constructor(private readonly o: IntakeOptions) {
    this.queue = new IntakeQueue<Entry>(o.floodAt ?? 5);
    this.concurrency = o.concurrency ?? 8;
    this.waitNoticeMs = o.waitNoticeMs ?? 15_000;
    this.maxAttempts = o.maxAttempts ?? 4;
    this.retryMs = o.retryMs ?? 200;
    this.maxRetryMs = o.maxRetryMs ?? 5_000;
  }

  /** Replays what the journal holds from before (this process's predecessor, or a dead one), then watches waits. */
  async start(): Promise<number> {
    const old = this.o.journal ? await this.o.journal.recover() : [];
    for (const m of old) this.enqueue(m, Promise.resolve(true));
    if (old.length) this.o.log.warn({ messages: old.length }, "replaying messages kept from before the last stop");
    this.tick = setInterval(() => void this.noticeWaits(), Math.min(1000, this.waitNoticeMs));
    this.tick.unref();
    if (this.o.journal) {
      // Another bot process that died leaves its messages: take them over.
      this.adopting = setInterval(
        () =>
          void this.o.journal!.adopt().then(
            (ms) => {
              for (const m of ms) this.enqueue(m, Promise.resolve(true));
              if (ms.length)
                this.o.log.warn({ messages: ms.length }, "took over messages of a bot process that stopped");
            },
            () => undefined,
          ),
        this.o.adoptEveryMs ?? 10_000,
      );
      this.adopting.unref();
    }
    return old.length;
  }

  /**
   * Takes a message from an adapter. Resolves once the message is safe: kept in the
   * journal (then handled in the background), or — when the journal cannot keep it —
   * once it is handled; rejects only if neither holds, so a platform that redelivers
   * (Telegram) delivers it again.
   */
  async accept(raw: InboundMessage): Promise<void> {
    const msg = InboundMessageSchema.parse(raw); // every adapter's output, checked and cleaned once more
    if (this.stopping) throw new Error("intake is stopping");
    const key = messageKey(msg);
    const kept = this.o.journal
      ? this.o.journal.put(key, msg).then(
          () => true,
          (e: unknown) => {
            this.o.log.warn(
              { err: (e as Error).message },
              "inbound journal unavailable: the message is handled before it is acknowledged",
            );
            return false;
          },
        )
      : Promise.resolve(false);
    const entry = this.enqueue(msg, kept);
    if (await kept) return;
    await entry.handled.promise;
  }

  private enqueue(msg: InboundMessage, kept: Promise<boolean>): Entry {
    const entry: Entry = {
      msg,
      key: messageKey(msg),
      acceptedAt: this.o.clock.now().getTime(),
      attempts: 0,
      kept,
      handled: deferred(),
    };
    this.queue.push(`${msg.platform}:${msg.chatId}`, msg.senderId, entry);
    this.pump();
    return entry;
  }

  private pump(): void {
    while (!this.stopping && this.running < this.concurrency) {
      const w = this.queue.next();
      if (!w) break;
      this.running++;
      void this.run(w).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.size === 0) for (const f of this.idle.splice(0)) f();
      });
    }
  }

  private async run(w: Waiting<Entry>): Promise<void> {
    const e = w.item;
    e.attempts++;
    try {
      await this.o.handle(e.msg);
    } catch (err) {
      const transient = isTransientError(err);
      if (transient || e.attempts < this.maxAttempts) {
        if (transient && this.outage++ === 0)
          this.o.log.error(
            { err: (err as Error).message },
            "message handling failed: the database or Redis is unreachable; messages wait and are retried in order",
          );
        else if (!transient)
          this.o.log.warn(
            { err: (err as Error).message, key: e.key, attempt: e.attempts },
            "message handling failed; will retry",
          );
        this.retryLater(w, transient);
        return;
      }
      this.o.log.error(
        { err: (err as Error).message, key: e.key, chat: e.msg.chatId },
        "message could not be handled: set aside",
      );
      await this.o.journal?.dead(e.key, e.msg, (err as Error).message).catch(() => undefined);
      await this.o.onDead?.(e.msg).catch(() => undefined);
      e.handled.reject(err);
      this.finish(w);
      return;
    }
    if (this.outage > 0) {
      this.o.log.warn({ failures: this.outage }, "message handling works again");
      this.outage = 0;
    }
    e.handled.resolve();
    this.finish(w);
  }

  private finish(w: Waiting<Entry>): void {
    const e = w.item;
    if (this.o.journal) void e.kept.then((k) => (k ? this.o.journal!.done(e.key) : undefined)).catch(() => undefined);
    this.queue.done(w);
    if (!this.queue.oldest(w.chatKey)) this.told.delete(w.chatKey);
  }

  private retryLater(w: Waiting<Entry>, transient: boolean): void {
    this.queue.putBack(w); // the chat stays busy: its later messages wait behind this one
    const n = transient ? Math.min(this.outage, 10) : w.item.attempts;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        this.queue.resume(w.chatKey);
        this.pump();
      },
      Math.min(this.maxRetryMs, this.retryMs * 2 ** Math.max(0, n - 1)),
    );
    this.timers.add(t);
  }

  /** Tells each chat whose oldest message has waited too long, once per wait. */
  private async noticeWaits(): Promise<void> {
    if (!this.o.onWaiting) return;
    const now = this.o.clock.now().getTime();
    for (const [chatKey, waiting] of this.queue.waitingByChat()) {
      if (this.told.has(chatKey) || now - waiting[0]!.item.acceptedAt < this.waitNoticeMs) continue;
      this.told.add(chatKey);
      const names = [...new Set(waiting.map((w) => w.item.msg.senderName ?? w.item.msg.senderId))];
      await this.o
        .onWaiting(waiting[0]!.item.msg, names)
        .catch((err: Error) => this.o.log.warn({ err: err.message }, "could not say that messages wait"));
    }
  }

  /** Messages waiting or being handled. */
  get pending(): number {
    return this.queue.size + this.running;
  }

  /** Resolves when nothing waits and nothing is being handled (or after `timeoutMs`). */
  async drain(timeoutMs = 30_000): Promise<boolean> {
    if (this.pending === 0) return true;
    return new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /**
   * Stops taking messages, lets those being handled finish (up to `timeoutMs`); those
   * still waiting stay in the journal for the next start.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.tick) clearInterval(this.tick);
    if (this.adopting) clearInterval(this.adopting);
    for (const t of this.timers) clearTimeout(t);
    for (let waited = 0; this.running > 0 && waited < timeoutMs; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    await this.o.journal?.close();
  }
}
