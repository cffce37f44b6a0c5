// What the effect runner needs: the database, the clock, a way to say things in
// chats, a sink for domain events and a scheduler for later work. `src/main.ts`,
// the CLI and `simulate` wire these.
import type { Db } from "../db/database";
import type { Sql } from "../db/sql";
import type { Clock } from "../domain/clock";
import type { OutboundMessageInput } from "../domain/messages";
import type { Scheduler } from "./job-port";
import type { Logger } from "../infra/logger";
import type { CatalogCache } from "./catalog-cache";
import type { ConfigCache } from "./config-cache";

/** Domain events of ../shared/contracts/README.md (without `at`, which the sink adds). */
export type DomainEvent = { type: string; chat?: string } & Record<string, unknown>;

export interface EventSink {
  emit(e: DomainEvent): void;
}

export interface SendOptions {
  key?: string;
  /** The caller recorded the message in the outbox table already (in its transaction). */
  recorded?: boolean;
  /** Not recorded at all (said while the database may be down: that messages wait). */
  ephemeral?: boolean;
  /** The notice this message delivers (its delivery is recorded). */
  notice?: { id: string; chatGroupId: string };
}

export interface Outbox {
  /**
   * Queues a message for a chat. Sending honours the platform's limits. A `key`
   * makes it idempotent: the same key is sent once however often it is queued.
   */
  send(msg: OutboundMessageInput, opts?: SendOptions): Promise<void>;
  /** Queues many at once (a broadcast to every group); without it, `send` one by one, in order. */
  sendMany?(items: Array<{ msg: OutboundMessageInput; opts?: SendOptions }>): Promise<void>;
}

export interface AppDeps {
  db: Db;
  /**
   * The same database through its own driver, without Prisma (src/db/sql.ts): an inbound
   * message's transaction runs on it. Made from `db` where only a Prisma client was given.
   */
  sql: Sql;
  clock: Clock;
  outbox: Outbox;
  events: EventSink;
  scheduler: Scheduler;
  catalog: CatalogCache;
  /** Groups, rules and rumour watches kept in memory (src/app/config-cache.ts); without it each message reads them. */
  config?: ConfigCache;
  log: Logger;
  /** The bot's default time zone (a village may set its own). */
  timezone: string;
  /** Answers a pressed button (Telegram callback queries); absent where there are no buttons. */
  buttons?: ButtonAnswers;
  /** Where the dashboard's login links point (src/web); absent when it is off. */
  dashboard?: { url: string };
}

export interface ButtonAnswers {
  answer(platform: string, messageId: string, text: string | null, alert: boolean): Promise<void>;
}
