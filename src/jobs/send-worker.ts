// The sending side of the send queue: a worker per platform takes one message at a time,
// splits a long text at the platform's limit, waits for a slot under the shared limits
// (./rate-limit.ts; short platform waits slept here, one asker per process, long ones pause
// the platform's queue), hands it to the adapter and reports the outcome through the hooks.
import { DelayedError, RateLimitError, UnrecoverableError, Worker, type Job, type Queue } from "bullmq";
import type { Outbox } from "../app/deps";
import { buttonReserve, splitText, TEXT_LIMIT } from "../domain/message-parts";
import { LANE_PRIORITY, type Attachment, type ChatAdapter, type Platform, type SendResult } from "../domain/messages";
import { closeConnection, connectionFor } from "./bullmq-runtime";
import { LocalGate, pause } from "./rate-limit-gate";
import type { SendRateLimiter } from "./rate-limit";
import { laneOf, sendQueueName, SendJobSchema, type PlatformQueues, type SendHooks, type SendJob } from "./send-job";

/** A chat answering "retry after" this often is given up on (the attempt counts). */
const MAX_RATE_LIMITED = 20;

type Outcome = { ok: true } | { ok: false; reason: string; dropped?: boolean };

export interface SenderOptions {
  redisUrl: string;
  prefix: string;
  queues: PlatformQueues;
  limiter: SendRateLimiter;
  hooks: SendHooks | undefined;
  /** Where a migrated group's message is queued again. */
  outbox: Outbox;
  adapters: () => Map<string, ChatAdapter>;
  attachments: ((a: Attachment) => Promise<{ name: string; data: Buffer }>) | undefined;
  log: { warn(o: object, m: string): void };
  platforms: readonly Platform[];
  concurrency: number;
  rememberSentMs: number;
  maxHoldMs: number;
}

export interface Senders {
  /** Stops the workers; jobs sleeping for a slot go back to the queue. */
  close(): Promise<void>;
}

export function startSenders(o: SenderOptions): Senders {
  const gate = new LocalGate();
  const closing = new AbortController();

  /** The outcome goes to the outbox row (sent: never queued again) and, for a notice, to its delivery row. */
  const report = async (data: SendJob, r: Outcome): Promise<void> => {
    if (!o.hooks) return;
    const { key, notice } = data;
    if (key) {
      // Best effort: the message went (or not) whatever the table says; a row left pending is
      // queued again by the sweep and then found sent (Redis remembers it) and marked.
      const mark = r.ok ? o.hooks.sent(key) : o.hooks.settled(key, r.dropped ? "dropped" : "failed");
      await mark.catch((e: Error) => o.log.warn({ err: e.message, key }, "could not mark the outbox row"));
    }
    if (notice) await o.hooks.delivered(notice, r.ok ? r : { ok: false, reason: r.reason });
  };

  async function process(queue: Queue, job: Job, token: string | undefined): Promise<string> {
    const parsed = SendJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`send job: bad payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    try {
      return await sendOne(queue, job, token, parsed.data);
    } catch (e) {
      if (e instanceof DelayedError || e instanceof RateLimitError) throw e;
      // The last attempt: the notice is reported as failed rather than retried forever.
      if (e instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await report(parsed.data, { ok: false, reason: (e as Error).message.replace(/^send failed: /, "") }).catch(
          (err: Error) => o.log.warn({ err: err.message }, "recording a failed notice delivery failed"),
        );
      }
      throw e;
    }
  }

  /** Waits for a slot: platform waits up to maxHoldMs are slept here, one asker per process (./rate-limit-gate.ts). */
  const slotFor = (data: SendJob) =>
    gate.run(data.msg.platform, LANE_PRIORITY[laneOf(data)], async () => {
      for (;;) {
        const s = await o.limiter.acquire(data.msg.platform, data.msg.chatId);
        if (s.ok || s.scope === "chat" || s.waitMs > o.maxHoldMs) return s;
        if (!(await pause(s.waitMs, closing.signal))) return s;
      }
    });

  async function sendOne(queue: Queue, job: Job, token: string | undefined, data: SendJob): Promise<string> {
    const { msg, key, notice } = data;
    // Sent once per key: by an earlier run of this job (crashed after sending) or an earlier job.
    if (key && (await o.limiter.wasSent(msg.platform, key))) {
      await report(data, { ok: true });
      return "already sent";
    }
    const adapter = o.adapters().get(msg.platform);
    if (!adapter) throw new Error(`no adapter for ${msg.platform}`);
    // A long text goes in parts at the platform's limit, whole lines kept together, the
    // buttons on the last part; each part is remembered as sent, so a job that stops half
    // way (a rate limit, a crash) goes on with the next part.
    const parts = msg.attachment
      ? [msg.text]
      : splitText(msg.text, TEXT_LIMIT[msg.platform], buttonReserve(msg.platform, msg.buttons ?? []));
    let r: SendResult = { ok: true, messageId: null };
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const partKey = parts.length > 1 && key ? `${key}#p${i + 1}` : key;
      if (parts.length > 1 && partKey && (await o.limiter.wasSent(msg.platform, partKey))) continue;
      const slot = await slotFor(data);
      if (!slot.ok) {
        if (slot.scope === "chat") {
          await job.moveToDelayed(Date.now() + slot.waitMs, token);
          throw new DelayedError();
        }
        await queue.rateLimit(slot.waitMs);
        throw new RateLimitError();
      }
      try {
        r =
          msg.attachment && adapter.sendFile && o.attachments
            ? await adapter.sendFile(msg.chatId, await o.attachments(msg.attachment), msg.text)
            : await adapter.send({ ...msg, text: parts[i]!, buttons: last ? (msg.buttons ?? []) : [] });
      } catch (e) {
        r = { ok: false, reason: "FAILED", detail: (e as Error).message };
      }
      await o.limiter.release(slot.permit, r.ok && partKey ? { key: partKey, ttlMs: o.rememberSentMs } : undefined);
      if (!r.ok) break;
    }
    if (r.ok) {
      if (parts.length > 1 && key) await o.limiter.remember(msg.platform, key, o.rememberSentMs);
      await report(data, { ok: true });
      return "sent";
    }
    switch (r.reason) {
      case "FORBIDDEN":
        await o.hooks?.forbidden(msg.platform, msg.chatId); // a group that removed the bot is not retried
        await report(data, { ok: false, reason: "bot removed", dropped: true });
        return "forbidden";
      case "RATE_LIMITED": {
        await o.limiter.block(msg.platform, msg.chatId, r.retryAfterMs);
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
        await o.hooks?.migrated(msg.platform, msg.chatId, r.newChatId);
        await o.outbox.send(
          { ...msg, chatId: r.newChatId },
          { ...(key ? { key: `${key}:migrated` } : {}), ...(notice ? { notice } : {}) },
        );
        return "migrated";
      }
      case "FAILED":
        throw new Error(`send failed: ${r.detail}`); // retried with backoff
    }
  }

  const connections: Array<ReturnType<typeof connectionFor>> = [];
  const workers = o.platforms.map((platform) => {
    const queue = o.queues.of(platform);
    // A paced account (WeChat) sends one at a time: more jobs held would only wait, ahead of replies.
    const paced = o.limiter.limitsOf(platform).minIntervalMs > 0;
    const connection = connectionFor(o.redisUrl);
    connections.push(connection);
    const w = new Worker(sendQueueName(platform), (job, token) => process(queue, job, token), {
      connection,
      prefix: o.prefix,
      concurrency: paced ? 2 : o.concurrency,
    });
    w.on("error", () => undefined);
    w.on("failed", (job, e) =>
      o.log.warn({ platform, chat: job?.data?.msg?.chatId, attempt: job?.attemptsMade, err: e.message }, "send failed"),
    );
    return w;
  });

  return {
    async close() {
      closing.abort(); // jobs sleeping for a slot go back to the queue
      await Promise.all(workers.map((w) => w.close()));
      for (const c of connections) closeConnection(c);
    },
  };
}
