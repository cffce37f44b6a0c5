// Everything the bot says goes through here: a BullMQ queue per platform, so that
// sending survives a restart, and a Redis-backed limiter (./rate-limit.ts) shared by
// every worker process, so that no platform limit — per bot, per chat, WeChat's
// pace — is exceeded, for notices and replies alike.
//
// Per-chat waits delay only that job (moveToDelayed + DelayedError); platform waits are
// slept in the worker, one asker per process, or for long ones (a 429's retry-after)
// pause the platform's queue (queue.rateLimit + RateLimitError): no attempt is used.
// Notices go at a lower priority than replies: a resident's answer does not queue
// behind a 1,000-group broadcast.
import { DelayedError, Queue, RateLimitError, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import { recordDelivery } from "../app/broadcast";
import { markOutboxSent, markOutboxSettled, recordOutbox } from "../app/outbox-store";
import { handleChatEvent, markGroupInactive } from "../app/chat-events";
import type { AppDeps, Outbox, SendOptions } from "../app/deps";
import { LANE_PRIORITY, OutboundMessageSchema, PlatformSchema, type Attachment, type ChatAdapter, type Lane, type OutboundMessageInput, type Platform, type SendResult } from "../domain/messages";
import { buttonReserve, splitText, TEXT_LIMIT } from "../domain/message-parts";
import { connectionFor, jobIdOf } from "./bullmq-runtime";
import { SendRateLimiter, type SendLimitsInput } from "./rate-limit";
import { LocalGate, pause } from "./rate-limit-gate";
import { throttled } from "../infra/logger";

export const SEND_QUEUE = "baogong-send";
export function sendQueueName(platform: string): string {
  return `${SEND_QUEUE}-${platform}`;
}

/** A chat answering "retry after" this often is given up on (the attempt counts). */
const MAX_RATE_LIMITED = 20;

export const SendJobSchema = z.object({
  msg: OutboundMessageSchema,
  key: z.string().min(1).optional(),
  notice: z.object({ id: z.string().min(1), chatGroupId: z.string().min(1) }).optional(),
  /** How many times the platform answered "retry after" for this message. */
  limited: z.number().int().min(0).default(0),
});
export type SendJob = z.infer<typeof SendJobSchema>;

/** A message's lane: as given; a notice's is `urgent`. */
const laneOf = (d: SendJob): Lane => d.msg.lane ?? (d.notice ? "notice" : "answer");

export interface SendRuntime {
  outbox: Outbox;
  limiter: SendRateLimiter;
  close(): Promise<void>;
  /** Resolves when nothing is waiting to be sent (or after `timeoutMs`). */
  drain(timeoutMs?: number): Promise<void>;
}

export interface SendRuntimeOptions {
  redisUrl: string;
  prefix?: string;
  adapters: () => Map<string, ChatAdapter>;
  /** The app: notice deliveries are recorded (recordDelivery), removed and migrated groups updated. */
  deps?: () => AppDeps;
  /** A platform refused the chat (bot removed). Default: markGroupInactive through `deps`. */
  onForbidden?: (platform: string, chatId: string) => Promise<void>;
  log: { warn(o: object, m: string): void };
  /** Per platform; merged over DEFAULT_SEND_LIMITS. */
  limits?: SendLimitsInput;
  /** false: only queue messages (another process sends). */
  worker?: boolean;
  /** Platforms to run send workers for (default: all). */
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
  const prefix = opts.prefix ?? "baogong";
  const attempts = opts.attempts ?? 6;
  const backoffMs = opts.backoffMs ?? 2000;
  // The outbox table is what remembers a message as sent; Redis's marker is the quick check.
  const rememberSentMs = opts.rememberSentMs ?? 2 * 86_400_000;
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  redis.on("error", () => undefined);
  const limiter = new SendRateLimiter(redis, { prefix, ...(opts.limits ? { limits: opts.limits } : {}) });
  const gate = new LocalGate();
  const closing = new AbortController();
  const maxHoldMs = opts.maxHoldMs ?? 5000;

  const queues = new Map<string, Queue>();
  const queueFor = (platform: string): Queue => {
    let q = queues.get(platform);
    if (!q) {
      q = new Queue(sendQueueName(platform), { connection: redis, prefix });
      q.on("error", () => undefined);
      queues.set(platform, q);
    }
    return q;
  };

  const jobOf = (m: OutboundMessageInput, o?: SendOptions) => {
    // Every message has a key: it is a row of the outbox table, sent once.
    const data = SendJobSchema.parse({ msg: m, key: o?.key ?? `auto:${randomUUID()}`, ...(o?.notice ? { notice: o.notice } : {}) });
    return {
      name: "send", data,
      opts: {
        ...(data.key ? { jobId: jobIdOf(`send:${data.key}`) } : {}),
        ...(LANE_PRIORITY[laneOf(data)] > 0 ? { priority: LANE_PRIORITY[laneOf(data)] } : {}),
        attempts,
        backoff: { type: "exponential", delay: backoffMs },
        // A keyed job stays a day so that queuing it again is a no-op; the sent marker covers the rest.
        removeOnComplete: data.key ? { age: 86_400 } : true,
        removeOnFail: { age: 7 * 86_400 },
      },
    };
  };
  /** Messages the caller did not record in its transaction are recorded here, before they are queued. */
  const record = async (jobs: Array<ReturnType<typeof jobOf>>, given: Array<SendOptions | undefined>): Promise<void> => {
    const deps = opts.deps?.();
    const missing = jobs.filter((_, i) => !given[i]?.recorded && !given[i]?.ephemeral);
    if (!deps || missing.length === 0) return;
    await recordOutbox(deps.db, missing.map((j) => ({ msg: j.data.msg, key: j.data.key!, notice: j.data.notice })), deps.clock.now());
  };
  /** Sent before (Redis remembers it) but maybe not yet marked so in the outbox table. */
  const markSent = async (jobs: Array<ReturnType<typeof jobOf>>): Promise<void> => {
    const deps = opts.deps?.();
    if (deps) for (const j of jobs) await markOutboxSent(deps.db, j.data.key!, deps.clock.now());
  };
  const queueWarn = throttled(60_000, (f, m) => opts.log.warn(f, m));
  /**
   * Queues in Redis, but waits for it at most `queueWaitMs`: the message is recorded in the
   * outbox table already, and a Redis that is down must not hold up the handling of messages
   * (the sweep queues what is still unsent once Redis is back; queuing twice is harmless).
   */
  const queueing = async (what: () => Promise<unknown>): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => { timer = setTimeout(() => r("late"), opts.queueWaitMs ?? 5000); });
    const done = what().then(() => "done" as const, (e: Error) => { queueWarn({ err: e.message }, "queuing a message failed; the sweep sends it later"); return "done" as const; });
    if ((await Promise.race([done, late])) === "late") queueWarn({}, "Redis is slow or away: messages are kept in the outbox table and sent when it is back");
    clearTimeout(timer);
  };
  const outbox: Outbox = {
    async send(m, o) {
      const job = jobOf(m, o);
      await record([job], [o]);
      await queueing(async () => {
        if (await limiter.wasSent(job.data.msg.platform, job.data.key!)) return void (await markSent([job]));
        await queueFor(job.data.msg.platform).add(job.name, job.data, job.opts);
      });
    },
    async sendMany(items) {
      const jobs = items.map((it) => jobOf(it.msg, it.opts));
      await record(jobs, items.map((it) => it.opts));
      await queueing(() => queueAll(jobs));
    },
  };
  const queueAll = async (jobs: Array<ReturnType<typeof jobOf>>): Promise<void> => {
      const sent = await limiter.wereSent(jobs.map((j) => ({ platform: j.data.msg.platform, key: j.data.key })));
      await markSent(jobs.filter((_, i) => sent[i]));
      const byPlatform = new Map<string, typeof jobs>();
      jobs.forEach((j, i) => {
        if (sent[i]) return;
        const l = byPlatform.get(j.data.msg.platform) ?? [];
        l.push(j);
        byPlatform.set(j.data.msg.platform, l);
      });
      for (const [platform, l] of byPlatform) {
        for (let i = 0; i < l.length; i += 500) await queueFor(platform).addBulk(l.slice(i, i + 500));
      }
  };

  const forbidden = async (platform: string, chatId: string): Promise<void> => {
    if (opts.onForbidden) await opts.onForbidden(platform, chatId);
    else if (opts.deps) await markGroupInactive(opts.deps(), platform, chatId, "the platform refused to deliver (403)");
  };

  async function process(queue: Queue, job: Job, token: string | undefined): Promise<string> {
    const parsed = SendJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`send job: bad payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    const { notice, key } = parsed.data;
    const deps = opts.deps?.();
    // The outcome goes to the outbox row (sent: never queued again) and, for a notice, to its delivery row.
    const record = async (r: { ok: true } | { ok: false; reason: string; dropped?: boolean }): Promise<void> => {
      if (deps && key) {
        // Best effort: the message went (or not) whatever the table says; a row left pending is
        // queued again by the sweep and then found sent (Redis remembers it) and marked.
        const mark = r.ok ? markOutboxSent(deps.db, key, deps.clock.now()) : markOutboxSettled(deps.db, key, r.dropped ? "dropped" : "failed");
        await mark.catch((e: Error) => opts.log.warn({ err: e.message, key }, "could not mark the outbox row"));
      }
      if (notice && deps) await recordDelivery(deps, notice.id, notice.chatGroupId, r.ok ? r : { ok: false, reason: r.reason });
    };
    try {
      return await sendOne(queue, job, token, parsed.data, deps, record);
    } catch (e) {
      if (e instanceof DelayedError || e instanceof RateLimitError) throw e;
      // The last attempt: the notice is reported as failed rather than retried forever.
      if (e instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await record({ ok: false, reason: (e as Error).message.replace(/^send failed: /, "") }).catch((err: Error) => opts.log.warn({ err: err.message }, "recording a failed notice delivery failed"));
      }
      throw e;
    }
  }

  async function sendOne(
    queue: Queue, job: Job, token: string | undefined, data: SendJob, deps: AppDeps | undefined,
    record: (r: { ok: true } | { ok: false; reason: string; dropped?: boolean }) => Promise<void>,
  ): Promise<string> {
    const { msg, key, notice } = data;

    // Sent once per key: by an earlier run of this job (crashed after sending) or an earlier job.
    if (key && (await limiter.wasSent(msg.platform, key))) {
      await record({ ok: true });
      return "already sent";
    }
    const adapter = opts.adapters().get(msg.platform);
    if (!adapter) throw new Error(`no adapter for ${msg.platform}`);

    // A long text goes in parts at the platform's limit, whole lines kept together, the
    // buttons on the last part; each part is remembered as sent, so a job that stops half
    // way (a rate limit, a crash) goes on with the next part.
    const reserve = buttonReserve(msg.platform, msg.buttons ?? []);
    const parts = msg.attachment ? [msg.text] : splitText(msg.text, TEXT_LIMIT[msg.platform], reserve);
    let r: SendResult = { ok: true, messageId: null };
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const partKey = parts.length > 1 && key ? `${key}#p${i + 1}` : key;
      if (parts.length > 1 && partKey && (await limiter.wasSent(msg.platform, partKey))) continue;
      // Waits of up to maxHoldMs for the platform are slept here, one asker per process
      // (./rate-limit-gate.ts); longer ones pause the platform's queue instead.
      const slot = await gate.run(msg.platform, LANE_PRIORITY[laneOf(data)], async () => {
        for (;;) {
          const s = await limiter.acquire(msg.platform, msg.chatId);
          if (s.ok || s.scope === "chat" || s.waitMs > maxHoldMs) return s;
          if (!(await pause(s.waitMs, closing.signal))) return s;
        }
      });
      if (!slot.ok) {
        if (slot.scope === "chat") {
          await job.moveToDelayed(Date.now() + slot.waitMs, token);
          throw new DelayedError();
        }
        await queue.rateLimit(slot.waitMs);
        throw new RateLimitError();
      }
      try {
        r = msg.attachment && adapter.sendFile && opts.attachments
          ? await adapter.sendFile(msg.chatId, await opts.attachments(msg.attachment), msg.text)
          : await adapter.send({ ...msg, text: parts[i]!, buttons: last ? msg.buttons ?? [] : [] });
      } catch (e) {
        r = { ok: false, reason: "FAILED", detail: (e as Error).message };
      }
      await limiter.release(slot.permit, r.ok && partKey ? { key: partKey, ttlMs: rememberSentMs } : undefined);
      if (!r.ok) break;
    }

    if (r.ok) {
      if (parts.length > 1 && key) await limiter.remember(msg.platform, key, rememberSentMs);
      await record({ ok: true });
      return "sent";
    }
    switch (r.reason) {
      case "FORBIDDEN":
        await forbidden(msg.platform, msg.chatId); // a group that removed the bot is not retried
        await record({ ok: false, reason: "bot removed", dropped: true });
        return "forbidden";
      case "RATE_LIMITED": {
        await limiter.block(msg.platform, msg.chatId, r.retryAfterMs);
        const limited = data.limited + 1;
        if (limited <= MAX_RATE_LIMITED) {
          await job.updateData({ ...data, limited });
          await job.moveToDelayed(Date.now() + r.retryAfterMs, token);
          throw new DelayedError();
        }
        throw new Error(`send failed: rate limited ${limited} times: ${r.detail}`);
      }
      case "MIGRATED": {
        // A Telegram group became a supergroup: rebind and say it in the new chat.
        if (deps) await handleChatEvent(deps, { type: "chat_migrated", platform: msg.platform, chatId: msg.chatId, newChatId: r.newChatId, at: deps.clock.now() });
        await outbox.send({ ...msg, chatId: r.newChatId }, { ...(key ? { key: `${key}:migrated` } : {}), ...(notice ? { notice } : {}) });
        return "migrated";
      }
      case "FAILED":
        throw new Error(`send failed: ${r.detail}`); // retried with backoff
    }
  }

  const workers: Worker[] = [];
  if (opts.worker !== false) {
    for (const platform of opts.platforms ?? PlatformSchema.options) {
      const queue = queueFor(platform);
      // A paced account (WeChat) sends one at a time: more jobs held would only wait, ahead of replies.
      const paced = limiter.limitsOf(platform).minIntervalMs > 0;
      const w = new Worker(sendQueueName(platform), (job, token) => process(queue, job, token), {
        connection: connectionFor(opts.redisUrl), prefix, concurrency: paced ? 2 : (opts.concurrency ?? 16),
      });
      w.on("error", () => undefined);
      w.on("failed", (job, e) => opts.log.warn({ platform, chat: job?.data?.msg?.chatId, attempt: job?.attemptsMade, err: e.message }, "send failed"));
      workers.push(w);
    }
  }

  return {
    outbox,
    limiter,
    async drain(timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        let left = 0;
        for (const q of queues.values()) {
          const c = await q.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
          left += Object.values(c).reduce((a, b) => a + b, 0);
        }
        if (left === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      closing.abort(); // jobs sleeping for a slot go back to the queue
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      redis.disconnect();
    },
  };
}
