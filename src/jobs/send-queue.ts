// Everything the bot says goes through here: a BullMQ queue per chat account (two Telegram
// bots or two WeChat accounts in one district each have theirs), so that sending survives a
// restart and a message goes out only through the account that is in its group; and a
// Redis-backed limiter (./rate-limit.ts) shared by every worker process, so that no limit
// of an account — per bot, per chat, WeChat's pace — is exceeded, for notices and replies
// alike. Queuing is ./send-outbox.ts (the account from ./send-address.ts), sending
// ./send-worker.ts, in the processes holding the account; what became of a message
// reaches the app through its hooks.
//
// Per-chat waits delay only that job (moveToDelayed + DelayedError); platform waits are
// slept in the worker, one asker per process, or for long ones (a 429's retry-after)
// pause the platform's queue (queue.rateLimit + RateLimitError): no attempt is used.
// Notices go at a lower priority than replies: a resident's answer does not queue
// behind a 1,000-group broadcast.
import { DEFAULT_QUEUE_PREFIX, redisClient } from "../infra/redis-connection";
import type { Outbox } from "../app/deps";
import { PlatformSchema, type Attachment, type ChatAdapter, type Platform } from "../domain/messages";
import { SendRateLimiter, type SendLimitsInput } from "./rate-limit";
import { addressing } from "./send-address";
import { PlatformQueues, SendAccounts, type SendHooks } from "./send-job";
import { queuingOutbox } from "./send-outbox";
import { startSenders } from "./send-worker";

export interface SendRuntime {
  outbox: Outbox;
  limiter: SendRateLimiter;
  /** Starts sending for the accounts the adapters now are (at once; else within a second of a login). */
  serve(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when nothing is waiting to be sent (or after `timeoutMs`). */
  drain(timeoutMs?: number): Promise<void>;
}

export interface SendRuntimeOptions {
  redisUrl: string;
  prefix?: string;
  /** The adapters this process holds, by platform: each sends the messages of the account it says it is (ChatAdapter.account). */
  adapters: () => Map<string, ChatAdapter>;
  /** The app's side: messages recorded in the outbox table, notice deliveries, removed and migrated groups (src/app/send-hooks.ts). */
  hooks?: SendHooks;
  log: { warn(o: object, m: string): void };
  /** Per platform; merged over DEFAULT_SEND_LIMITS. */
  limits?: SendLimitsInput;
  /** false: only queue messages (another process sends). */
  worker?: boolean;
  /** Platforms whose adapters here send (default: all). */
  platforms?: Platform[];
  concurrency?: number;
  attempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  /** How long a keyed message is remembered as sent. */
  rememberSentMs?: number;
  /** How long queuing a message waits for Redis before the outbox table is left to carry it. Default 5 s. */
  queueWaitMs?: number;
  /** Makes the file of a message that carries one (a batch's pick list as XLSX). */
  attachments?: (a: Attachment) => Promise<{ name: string; data: Buffer }>;
  /** Platform waits up to this long are slept in the worker; longer ones pause the queue. */
  maxHoldMs?: number;
}

export async function startSendRuntime(opts: SendRuntimeOptions): Promise<SendRuntime> {
  const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  const redis = redisClient(opts.redisUrl, { maxRetriesPerRequest: null });
  redis.on("error", () => undefined);
  const limiter = new SendRateLimiter(redis, { prefix, ...(opts.limits ? { limits: opts.limits } : {}) });
  const queues = new PlatformQueues(redis, prefix);
  const accounts = new SendAccounts(redis, prefix);
  const address = addressing({ hooks: opts.hooks, accounts, log: opts.log });
  const outbox = queuingOutbox({
    queues,
    limiter,
    hooks: opts.hooks,
    addressing: address,
    log: opts.log,
    attempts: opts.attempts ?? 6,
    backoffMs: opts.backoffMs ?? 2000,
    queueWaitMs: opts.queueWaitMs ?? 5000,
  });
  const senders =
    opts.worker === false
      ? null
      : startSenders({
          redisUrl: opts.redisUrl,
          prefix,
          queues,
          limiter,
          hooks: opts.hooks,
          outbox,
          adapters: opts.adapters,
          accounts,
          addressing: address,
          attachments: opts.attachments,
          log: opts.log,
          platforms: opts.platforms ?? PlatformSchema.options,
          concurrency: opts.concurrency ?? 16,
          // The outbox table is what remembers a message as sent; Redis's marker is the quick check.
          rememberSentMs: opts.rememberSentMs ?? 2 * 86_400_000,
          maxHoldMs: opts.maxHoldMs ?? 5000,
        });
  await senders?.serve();
  return {
    outbox,
    limiter,
    serve: async () => senders?.serve(),
    drain: (timeoutMs = 10_000) => queues.drain(timeoutMs),
    async close() {
      await senders?.close();
      await queues.close();
      redis.disconnect();
    },
  };
}
