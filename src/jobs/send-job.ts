// The send queue's shared shapes: the queue per account, the job that carries one message,
// the accounts that send from a queue prefix, and the callbacks through which the app hears
// what became of it.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { OutboundMessageSchema, type Lane, type OutboundMessageInput, type Platform } from "../domain/messages";

export const SEND_QUEUE = "baogong-send";
/**
 * `baogong-send-<platform>-<account>`: the messages one of our accounts sends, taken only by
 * processes holding that account. Without an account, `baogong-send-<platform>`: messages
 * whose group's account is not known yet (and the jobs of versions before accounts), which
 * wait there until it is and are then moved to their account's queue (./send-worker.ts).
 * An account id is kept readable but escaped (a queue name has no `:`).
 */
export function sendQueueName(platform: string, account?: string): string {
  return account ? `${SEND_QUEUE}-${platform}-${encodeURIComponent(account)}` : `${SEND_QUEUE}-${platform}`;
}

export const SendJobSchema = z.object({
  msg: OutboundMessageSchema,
  key: z.string().min(1).optional(),
  notice: z.object({ id: z.string().min(1), chatGroupId: z.string().min(1) }).optional(),
  /** How many times the platform answered "retry after" for this message. */
  limited: z.number().int().min(0).default(0),
});
export type SendJob = z.infer<typeof SendJobSchema>;

/** A message's lane: as given; a notice's is `notice`, anything else an `answer`. */
export const laneOf = (d: SendJob): Lane => d.msg.lane ?? (d.notice ? "notice" : "answer");

/**
 * What the send pipeline tells the app (src/app/send-hooks.ts makes these from it): the
 * pipeline imports no use case. Without hooks nothing is recorded (tests of sending alone).
 */
export interface SendHooks {
  /** Messages the caller did not record in its transaction, recorded before they are queued. */
  record(
    items: ReadonlyArray<{
      msg: OutboundMessageInput;
      key: string;
      notice?: { id: string; chatGroupId: string } | undefined;
    }>,
  ): Promise<void>;
  /** The message with this key went (now, or before: Redis remembers it). */
  sent(key: string): Promise<void>;
  /** The message with this key will not go: it failed its last attempt, or was dropped. */
  settled(key: string, status: "failed" | "dropped"): Promise<void>;
  /** A notice's delivery to one group. */
  delivered(
    notice: { id: string; chatGroupId: string },
    result: { ok: true } | { ok: false; reason: string },
  ): Promise<void>;
  /** The platform refused the chat (the bot was removed): the group is not sent to again. */
  forbidden(platform: Platform, chatId: string): Promise<void>;
  /** A Telegram group became a supergroup with a new chat id. */
  migrated(platform: Platform, chatId: string, newChatId: string): Promise<void>;
  /** The account of each chat's group, in order (null: none known yet); one look-up for many. */
  accounts(chats: ReadonlyArray<{ platform: string; chatId: string }>): Promise<Array<string | null>>;
}

/**
 * The accounts that send from one queue prefix, per platform: a sorted set of account → when
 * a process last said it holds it (every `HELD_EVERY_MS` while it does). Kept in Redis, next
 * to the queues, and written again after Redis lost it.
 */
export class SendAccounts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(platform: string): string {
    return `${this.prefix}:send-accounts:${platform}`;
  }

  /** Says that a process holds `account` now (`at`: epoch ms). */
  async held(platform: string, account: string, at: number): Promise<void> {
    await this.redis.zadd(this.key(platform), at, account);
  }

  /** Every account that ever sent from this prefix on `platform`, with when one was last held. */
  async known(platform: string): Promise<Array<{ account: string; heldAt: number }>> {
    const r = await this.redis.zrange(this.key(platform), 0, -1, "WITHSCORES");
    const out: Array<{ account: string; heldAt: number }> = [];
    for (let i = 0; i < r.length; i += 2) out.push({ account: r[i]!, heldAt: Number(r[i + 1]) });
    return out;
  }
}

/** How often a process says again that it holds its accounts; one not said for 3× this is not held. */
export const HELD_EVERY_MS = 30_000;

/** One BullMQ queue per account (and one per platform for messages without one yet), made on first use. */
export class PlatformQueues {
  private readonly queues = new Map<string, Queue>();
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  of(platform: string, account?: string): Queue {
    const name = sendQueueName(platform, account);
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.redis, prefix: this.prefix });
      q.on("error", () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  /** Resolves when nothing is waiting to be sent (or after `timeoutMs`). */
  async drain(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      let left = 0;
      for (const q of this.queues.values()) {
        const c = await q.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
        left += Object.values(c).reduce((a, b) => a + b, 0);
      }
      if (left === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
