// The queuing side of the send queue: the Outbox the app says things through. Every message
// gets a key and a row of the outbox table (through the hooks) before it is queued, and
// Redis is waited for only so long: a message recorded is sent by the sweep once Redis is back.
// Each is queued for the account that must send it (./send-address.ts): the account's queue.
import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type { Outbox, SendOptions } from "../app/deps";
import { LANE_PRIORITY, type OutboundMessageInput } from "../domain/messages";
import { throttled } from "../infra/logger";
import { jobIdOf } from "./bullmq-runtime";
import type { SendRateLimiter } from "./rate-limit";
import type { Addressing } from "./send-address";
import { laneOf, SendJobSchema, type PlatformQueues, type SendHooks } from "./send-job";

export interface QueuingOptions {
  queues: PlatformQueues;
  limiter: SendRateLimiter;
  hooks: SendHooks | undefined;
  addressing: Addressing;
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
  const unaddressedWarn = throttled(60_000, (f, m) => o.log.warn(f, m));
  const queueAll = async (jobs: QueuedJob[]): Promise<void> => {
    const sent = await o.limiter.wereSent(jobs.map((j) => ({ platform: j.data.msg.platform, key: j.data.key })));
    await markSent(jobs.filter((_, i) => sent[i]));
    const toQueue = jobs.filter((_, i) => !sent[i]);
    const accounts = await o.addressing.accountsOf(toQueue.map((j) => j.data.msg));
    const byQueue = new Map<string, { queue: Queue; jobs: QueuedJob[] }>();
    toQueue.forEach((j, i) => {
      const account = accounts[i] ?? undefined;
      if (account) j.data.msg.account = account;
      const queue = o.queues.of(j.data.msg.platform, account);
      const l = byQueue.get(queue.name) ?? { queue, jobs: [] };
      l.jobs.push(j);
      byQueue.set(queue.name, l);
    });
    const waiting = toQueue.filter((j) => !j.data.msg.account);
    if (waiting.length)
      unaddressedWarn(
        { platform: waiting[0]!.data.msg.platform, chat: waiting[0]!.data.msg.chatId, messages: waiting.length },
        "no account is known for the group yet (and not exactly one for the platform): the messages wait until one is heard from there",
      );
    await o.addressing.checkHeld(toQueue.map((j) => j.data.msg));
    for (const { queue, jobs: l } of byQueue.values()) {
      for (let i = 0; i < l.length; i += 500) await queue.addBulk(l.slice(i, i + 500));
    }
  };
  return {
    async send(m, opts) {
      const job = jobOf(m, opts, o);
      await record([job], [opts]);
      await queueing(() => queueAll([job]));
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
