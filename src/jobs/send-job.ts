// The send queue's shared shapes: the queue per platform, the job that carries one message,
// and the callbacks through which the app hears what became of it.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import { OutboundMessageSchema, type Lane, type OutboundMessageInput, type Platform } from "../domain/messages";

export const SEND_QUEUE = "baogong-send";
export function sendQueueName(platform: string): string {
  return `${SEND_QUEUE}-${platform}`;
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
}

/** One BullMQ queue per platform, made on first use. */
export class PlatformQueues {
  private readonly queues = new Map<string, Queue>();
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  of(platform: string): Queue {
    let q = this.queues.get(platform);
    if (!q) {
      q = new Queue(sendQueueName(platform), { connection: this.redis, prefix: this.prefix });
      q.on("error", () => undefined);
      this.queues.set(platform, q);
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
