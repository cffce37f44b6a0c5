// The queuing side of the send queue: the Outbox the app says things through. Every message
// gets a key and a row of the outbox table (through the hooks) before it is queued, and
// Redis is waited for only so long: a message recorded is sent by the sweep once Redis is back.
import { randomUUID } from "node:crypto";
import type { Outbox, SendOptions } from "../app/deps";
import { LANE_PRIORITY, type OutboundMessageInput } from "../domain/messages";
import { throttled } from "../infra/logger";
import { jobIdOf } from "./bullmq-runtime";
import type { SendRateLimiter } from "./rate-limit";
import { laneOf, SendJobSchema, type PlatformQueues, type SendHooks } from "./send-job";

export interface QueuingOptions {
  queues: PlatformQueues;
  limiter: SendRateLimiter;
  hooks: SendHooks | undefined;
  log: { warn(o: object, m: string): void };
  attempts: number;
  backoffMs: number;
  /** How long queuing waits for Redis before the outbox table is left to carry the message. */
  queueWaitMs: number;
}

type QueuedJob = ReturnType<typeof jobOf>;

function jobOf(m: OutboundMessageInput, o: SendOptions | undefined, retry: { attempts: number; backoffMs: number }) {
  // Every message has a key: it is a row of the outbox table, sent once.
  const data = SendJobSchema.parse({
    msg: m,
    key: o?.key ?? `auto:${randomUUID()}`,
    ...(o?.notice ? { notice: o.notice } : {}),
  });
  const priority = LANE_PRIORITY[laneOf(data)];
  return {
    name: "send",
    data,
    opts: {
      ...(data.key ? { jobId: jobIdOf(`send:${data.key}`) } : {}),
      ...(priority > 0 ? { priority } : {}),
      attempts: retry.attempts,
      backoff: { type: "exponential", delay: retry.backoffMs },
      // A keyed job stays a day so that queuing it again is a no-op; the sent marker covers the rest.
      removeOnComplete: data.key ? { age: 86_400 } : true,
      removeOnFail: { age: 7 * 86_400 },
    },
  };
}

export function queuingOutbox(o: QueuingOptions): Outbox {
  /** Messages the caller did not record in its transaction are recorded here, before they are queued. */
  const record = async (jobs: QueuedJob[], given: Array<SendOptions | undefined>): Promise<void> => {
    const missing = jobs.filter((_, i) => !given[i]?.recorded && !given[i]?.ephemeral);
    if (o.hooks && missing.length)
      await o.hooks.record(missing.map((j) => ({ msg: j.data.msg, key: j.data.key!, notice: j.data.notice })));
  };
  /** Sent before (Redis remembers it) but maybe not yet marked so in the outbox table. */
  const markSent = async (jobs: QueuedJob[]): Promise<void> => {
    if (o.hooks) for (const j of jobs) await o.hooks.sent(j.data.key!);
  };
  const queueWarn = throttled(60_000, (f, m) => o.log.warn(f, m));
  /**
   * Queues in Redis, but waits for it at most `queueWaitMs`: the message is recorded in the
   * outbox table already, and a Redis that is down must not hold up the handling of messages
   * (the sweep queues what is still unsent once Redis is back; queuing twice is harmless).
   */
  const queueing = async (what: () => Promise<unknown>): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => {
      timer = setTimeout(() => r("late"), o.queueWaitMs);
    });
    const done = what().then(
      () => "done" as const,
      (e: Error) => {
        queueWarn({ err: e.message }, "queuing a message failed; the sweep sends it later");
        return "done" as const;
      },
    );
    if ((await Promise.race([done, late])) === "late")
      queueWarn({}, "Redis is slow or away: messages are kept in the outbox table and sent when it is back");
    clearTimeout(timer);
  };
  const queueAll = async (jobs: QueuedJob[]): Promise<void> => {
    const sent = await o.limiter.wereSent(jobs.map((j) => ({ platform: j.data.msg.platform, key: j.data.key })));
    await markSent(jobs.filter((_, i) => sent[i]));
    const byPlatform = new Map<string, QueuedJob[]>();
    jobs.forEach((j, i) => {
      if (sent[i]) return;
      const l = byPlatform.get(j.data.msg.platform) ?? [];
      l.push(j);
      byPlatform.set(j.data.msg.platform, l);
    });
    for (const [platform, l] of byPlatform) {
      for (let i = 0; i < l.length; i += 500) await o.queues.of(platform).addBulk(l.slice(i, i + 500));
    }
  };
  return {
    async send(m, opts) {
      const job = jobOf(m, opts, o);
      await record([job], [opts]);
      await queueing(async () => {
        if (await o.limiter.wasSent(job.data.msg.platform, job.data.key!)) return void (await markSent([job]));
        await o.queues.of(job.data.msg.platform).add(job.name, job.data, job.opts);
      });
    },
    async sendMany(items) {
      const jobs = items.map((it) => jobOf(it.msg, it.opts, o));
      await record(
        jobs,
        items.map((it) => it.opts),
      );
      await queueing(() => queueAll(jobs));
    },
  };
}
