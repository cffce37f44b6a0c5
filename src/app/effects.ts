// Effects gathered while a transaction runs, carried out only after it commits:
// nothing is said about an order that was not stored. Messages are recorded in the
// outbox table inside that transaction (`record`), so a message whose queued job is
// lost is still sent, once.
import { randomUUID } from "node:crypto";
import type { Attachment, Lane, OutboundMessageInput } from "../domain/messages";
import { maskPersonalData } from "../domain/personal-data";
import type { JobRequest } from "./job-port";
import type { Sql } from "../db/sql";
import type { DbOrTx } from "./context";
import type { AppDeps, DomainEvent } from "./deps";
import { recordOutbox, type OutboxItem } from "./outbox-store";

/**
 * The chat to answer an inbound message in, through the account that received it (it is in
 * the chat): a reply needs no group account looked up — a chat with no group row (a /bind
 * refused, a private chat) has none, and the reply would wait for one forever.
 */
export function replyChat(m: { platform: string; chatId: string; account?: string | undefined }): {
  platform: string;
  chatId: string;
  account?: string;
} {
  return { platform: m.platform, chatId: m.chatId, ...(m.account ? { account: m.account } : {}) };
}

export class Effects {
  readonly messages: Array<{ msg: OutboundMessageInput; key?: string }> = [];
  readonly events: DomainEvent[] = [];
  readonly jobs: JobRequest[] = [];
  private recordedCount = -1;

  /**
   * `key` makes the message idempotent (a job retried after a crash sends it once).
   * Phone and ID-card numbers in what the bot composes (names from nicknames, quoted
   * goods) are masked here, whatever text template put them there. A chat that names
   * our account in it (a group loaded with its account, a message received) is said
   * through it; else the send queue looks the group's account up.
   */
  say(
    chat: { platform: string; chatId: string; account?: string | null | undefined },
    text: string,
    buttons: Array<{ text: string; data: string }> = [],
    key?: string,
    extra: { lane?: Lane; attachment?: Attachment } = {},
  ): void {
    const msg: OutboundMessageInput = {
      platform: chat.platform as OutboundMessageInput["platform"],
      chatId: chat.chatId,
      text: maskPersonalData(text),
      buttons,
      ...extra,
      ...(chat.account ? { account: chat.account } : {}),
    };
    this.messages.push(key ? { msg, key } : { msg });
  }
  event(e: DomainEvent): void {
    this.events.push(e);
  }
  schedule(j: JobRequest): void {
    this.jobs.push(j);
  }

  /** Gives every message without a key one derived from `base` (`base#0`, `base#1` …). */
  keyBy(base: string): void {
    for (const [i, m] of this.messages.entries()) m.key ??= `${base}#${i}`;
  }

  /**
   * Writes the messages to the outbox table in `tx` (call it last in the transaction), with
   * `write` — `recordOutbox`, or a statement that writes them together with other rows.
   */
  async record<T extends DbOrTx | Sql>(
    tx: T,
    now: Date,
    write: (tx: T, items: OutboxItem[], now: Date) => Promise<void> = recordOutbox,
  ): Promise<void> {
    for (const m of this.messages) m.key ??= `auto:${randomUUID()}`;
    await write(
      tx,
      this.messages.map((m) => ({ msg: m.msg, key: m.key! })),
      now,
    );
    this.recordedCount = this.messages.length;
  }

  /** True when every message was recorded by `record` (none added after). */
  get recorded(): boolean {
    return this.recordedCount === this.messages.length;
  }
}

export async function runEffects(deps: AppDeps, fx: Effects): Promise<void> {
  if (!fx.recorded && fx.messages.length) await fx.record(deps.db, deps.clock.now());
  for (const e of fx.events) deps.events.emit(e);
  const items = fx.messages.map((m) => ({ msg: m.msg, opts: { key: m.key!, recorded: true } }));
  if (items.length > 1 && deps.outbox.sendMany) await deps.outbox.sendMany(items);
  else for (const it of items) await deps.outbox.send(it.msg, it.opts);
  if (fx.jobs.length > 1 && deps.scheduler.scheduleMany) await deps.scheduler.scheduleMany(fx.jobs);
  else for (const j of fx.jobs) await deps.scheduler.schedule(j);
}
