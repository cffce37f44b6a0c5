// Outbound messages go through a BullMQ queue, so that sending survives a
// restart and honours each platform's limits; the worker hands them to adapters.
import { Queue, Worker, type Job } from "bullmq";
import type { Outbox } from "../app/deps";
import { OutboundMessageSchema, type ChatAdapter, type OutboundMessageInput } from "../domain/messages";
import { connectionFor } from "./bullmq-runtime";

export const SEND_QUEUE = "baogong-send";

export interface SendRuntime {
  outbox: Outbox;
  close(): Promise<void>;
  /** Resolves when nothing is waiting to be sent. */
  drain(timeoutMs?: number): Promise<void>;
}

export async function startSendRuntime(opts: {
  redisUrl: string;
  prefix?: string;
  adapters: () => Map<string, ChatAdapter>;
  onForbidden: (platform: string, chatId: string) => Promise<void>;
  log: { warn(o: object, m: string): void };
}): Promise<SendRuntime> {
  const connection = connectionFor(opts.redisUrl);
  const prefix = opts.prefix ?? "baogong";
  const queue = new Queue(SEND_QUEUE, { connection, prefix });
  queue.on("error", () => undefined);
  const worker = new Worker(
    SEND_QUEUE,
    async (job: Job) => {
      const msg = OutboundMessageSchema.parse(job.data);
      const adapter = opts.adapters().get(msg.platform);
      if (!adapter) throw new Error(`no adapter for ${msg.platform}`);
      const r = await adapter.send(msg);
      if (r.ok) return;
      if (r.reason === "FORBIDDEN") {
        await opts.onForbidden(msg.platform, msg.chatId);
        return; // a group that removed the bot is not retried
      }
      if (r.reason === "RATE_LIMITED") {
        await worker.rateLimit(r.retryAfterMs);
        throw Worker.RateLimitError();
      }
      throw new Error(`send failed: ${r.detail}`);
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on("error", () => undefined);
  worker.on("failed", (job, e) => opts.log.warn({ chat: job?.data?.chatId, err: e.message }, "send failed"));
  const outbox: Outbox = {
    async send(m: OutboundMessageInput) {
      const msg = OutboundMessageSchema.parse(m);
      await queue.add("send", msg, { attempts: 8, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } });
    },
  };
  return {
    outbox,
    async drain(timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
        if ((c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
