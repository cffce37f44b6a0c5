// The sending side of the send queue: a worker per account this process holds takes one
// message at a time from that account's queue, splits a long text at the platform's limit,
// waits for a slot under the account's shared limits (./rate-limit.ts; short waits slept
// here, one asker per process, long ones pause the account's queue), hands it to the
// adapter — only while the adapter is that account — and reports the outcome through the
// hooks. A worker per platform moves the messages queued without an account (their group's
// account was not known yet; jobs of versions before accounts) to their account's queue.
import { DelayedError, RateLimitError, UnrecoverableError, Worker, type Job, type Queue } from "bullmq";
import type { Outbox } from "../app/deps";
import { buttonReserve, splitText, TEXT_LIMIT } from "../domain/message-parts";
import { LANE_PRIORITY, type Attachment, type ChatAdapter, type Platform, type SendResult } from "../domain/messages";
import { throttled } from "../infra/logger";
import { closeConnection, connectionFor } from "./bullmq-runtime";
import { LocalGate, pause } from "./rate-limit-gate";
import type { SendRateLimiter } from "./rate-limit";
import type { Addressing } from "./send-address";
import {
  HELD_EVERY_MS,
  laneOf,
  sendQueueName,
  SendJobSchema,
  type PlatformQueues,
  type SendAccounts,
  type SendHooks,
  type SendJob,
} from "./send-job";

/** A chat answering "retry after" this often is given up on (the attempt counts). */
const MAX_RATE_LIMITED = 20;
/** A message whose group's account is not known yet is looked at again after this. */
const UNADDRESSED_RETRY_MS = 30_000;
/** A message for an account whose adapter here is logged out (or now another account) is tried again after this. */
const NOT_HELD_RETRY_MS = 5000;

type Outcome = { ok: true } | { ok: false; reason: string; dropped?: boolean };

export interface SenderOptions {
  redisUrl: string;
  prefix: string;
  queues: PlatformQueues;
  limiter: SendRateLimiter;
  hooks: SendHooks | undefined;
  /** Where a migrated group's message is queued again. */
  outbox: Outbox;
  /** The adapters this process holds, by platform; each sends for the account it says it is. */
  adapters: () => Map<string, ChatAdapter>;
  /** Where the accounts held are said (./send-job.ts). */
  accounts: SendAccounts;
  addressing: Addressing;
  attachments: ((a: Attachment) => Promise<{ name: string; data: Buffer }>) | undefined;
  log: { warn(o: object, m: string): void };
  /** The platforms whose adapters here send (the others' adapters, if any, only receive). */
  platforms: readonly Platform[];
  concurrency: number;
  rememberSentMs: number;
  maxHoldMs: number;
}

export interface Senders {
  /** Starts workers for the accounts the adapters are now and not yet served (done every second, and at start). */
  serve(): Promise<void>;
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

  const notHeldWarn = throttled(60_000, (f, m) => o.log.warn(f, m));
  const unaddressedWarn = throttled(60_000, (f, m) => o.log.warn(f, m));

  async function process(
    queue: Queue,
    line: { platform: Platform; account: string },
    job: Job,
    token: string | undefined,
  ): Promise<string> {
    const parsed = SendJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`send job: bad payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    // Sent only through the account it is queued for: an adapter logged out, or now another
    // account (a WeChat login with another user), leaves it in the queue for one that is.
    const adapter = o.adapters().get(line.platform);
    if (adapter?.account() !== line.account) {
      notHeldWarn(
        { platform: line.platform, account: line.account, now: adapter?.account() ?? null },
        "the adapter here is not the account these messages are for: they wait for it",
      );
      await job.moveToDelayed(Date.now() + NOT_HELD_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      return await sendOne(queue, adapter, line.account, job, token, parsed.data);
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

  /** Waits for a slot: account waits up to maxHoldMs are slept here, one asker per process (./rate-limit-gate.ts). */
  const slotFor = (data: SendJob, account: string) =>
    gate.run(`${data.msg.platform}\u0000${account}`, LANE_PRIORITY[laneOf(data)], async () => {
      for (;;) {
        const s = await o.limiter.acquire(data.msg.platform, data.msg.chatId, account);
        if (s.ok || s.scope === "chat" || s.waitMs > o.maxHoldMs) return s;
        if (!(await pause(s.waitMs, closing.signal))) return s;
      }
    });

  async function sendOne(
    queue: Queue,
    adapter: ChatAdapter,
    account: string,
    job: Job,
    token: string | undefined,
    data: SendJob,
  ): Promise<string> {
    const { msg, key, notice } = data;
    // Sent once per key: by an earlier run of this job (crashed after sending) or an earlier job.
    if (key && (await o.limiter.wasSent(msg.platform, key))) {
      await report(data, { ok: true });
      return "already sent";
    }
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
      const slot = await slotFor(data, account);
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
      case "FORBIDDEN": {
        // An account that has left a group another of ours now serves (a group handed over):
        // the message goes through that one, and the group stays.
        const [now] = await o.addressing.accountsOf([{ platform: msg.platform, chatId: msg.chatId, text: msg.text }]);
        if (now && now !== account) return queueFor(msg.platform, now, job, data);
        await o.hooks?.forbidden(msg.platform, msg.chatId); // a group that removed the bot is not retried
        await report(data, { ok: false, reason: "bot removed", dropped: true });
        return "forbidden";
      }
      case "RATE_LIMITED": {
        await o.limiter.block(msg.platform, msg.chatId, r.retryAfterMs, account);
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
          { ...msg, chatId: r.newChatId, account },
          { ...(key ? { key: `${key}:migrated` } : {}), ...(notice ? { notice } : {}) },
        );
        return "migrated";
      }
      case "FAILED":
        throw new Error(`send failed: ${r.detail}`); // retried with backoff
    }
  }

  /**
   * A message queued without an account: its group's account looked up again; known, it is
   * queued for that account (same job id: queued there twice, it is one job); not yet, it
   * waits here and is looked at again (never sent through a guessed account).
   */
  async function route(platform: Platform, job: Job, token: string | undefined): Promise<string> {
    const parsed = SendJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`send job: bad payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    const data = parsed.data;
    const [account] = await o.addressing.accountsOf([data.msg]);
    if (!account) {
      unaddressedWarn(
        { platform, chat: data.msg.chatId },
        "no account is known for the group yet (and not exactly one for the platform): messages wait until one is heard from there",
      );
      await job.moveToDelayed(Date.now() + UNADDRESSED_RETRY_MS, token);
      throw new DelayedError();
    }
    return queueFor(platform, account, job, data);
  }

  /** Queues the job for `account` (same job id, key and outbox row: queued there twice, it is one job). */
  async function queueFor(platform: Platform, account: string, job: Job, data: SendJob): Promise<string> {
    await o.queues.of(platform, account).add(
      job.name,
      { ...data, msg: { ...data.msg, account } },
      {
        ...(job.id ? { jobId: job.id } : {}),
        ...(job.opts.priority ? { priority: job.opts.priority } : {}),
        attempts: job.opts.attempts ?? 6,
        ...(job.opts.backoff ? { backoff: job.opts.backoff } : {}),
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 7 * 86_400 },
      },
    );
    await o.addressing.checkHeld([{ ...data.msg, account }]);
    return `queued for ${account}`;
  }

  const connections: Array<ReturnType<typeof connectionFor>> = [];
  const workers = new Map<string, Worker>();
  const startWorker = (
    name: string,
    run: (queue: Queue, job: Job, token: string | undefined) => Promise<string>,
    concurrency: number,
    queue: Queue,
  ) => {
    const connection = connectionFor(o.redisUrl);
    connections.push(connection);
    const w = new Worker(name, (job, token) => run(queue, job, token), { connection, prefix: o.prefix, concurrency });
    w.on("error", () => undefined);
    w.on("failed", (job, e) =>
      o.log.warn(
        { queue: name, chat: job?.data?.msg?.chatId, attempt: job?.attemptsMade, err: e.message },
        "send failed",
      ),
    );
    workers.set(name, w);
  };
  let closed = false;
  let lastHeld = 0;
  const held = new Map<string, { platform: Platform; account: string }>();

  /** Workers for every account an adapter here is now, and for each platform's messages without one. */
  async function serve(): Promise<void> {
    if (closed) return;
    const now = Date.now();
    const sayHeld = now - lastHeld >= HELD_EVERY_MS;
    for (const platform of o.platforms) {
      const account = o.adapters().get(platform)?.account();
      if (!account) continue;
      const name = sendQueueName(platform, account);
      if (!workers.has(name)) {
        const line = { platform, account };
        // A paced account (WeChat) sends one at a time: more jobs held would only wait, ahead of replies.
        const paced = o.limiter.limitsOf(platform).minIntervalMs > 0;
        startWorker(
          name,
          (q, job, token) => process(q, line, job, token),
          paced ? 2 : o.concurrency,
          o.queues.of(platform, account),
        );
        held.set(name, line);
        await o.accounts.held(platform, account, now);
      }
      const unaddressed = sendQueueName(platform);
      if (!workers.has(unaddressed))
        startWorker(unaddressed, (_q, job, token) => route(platform, job, token), 4, o.queues.of(platform));
    }
    // A worker whose adapter is not its account now (logged out, or logged in as another user)
    // takes nothing until it is again: its messages wait in the queue for a process that has it.
    for (const [name, line] of held) {
      const w = workers.get(name)!;
      const holds = o.adapters().get(line.platform)?.account() === line.account;
      if (!holds && !w.isPaused()) {
        o.log.warn(line, "the adapter here is not this account any more: its messages wait for a process that is");
        void w.pause(true).catch(() => undefined);
      } else if (holds && w.isPaused()) w.resume();
    }
    // Said again now and then: Redis may have lost it (a restart without persistence).
    if (sayHeld) {
      lastHeld = now;
      for (const line of held.values())
        if (o.adapters().get(line.platform)?.account() === line.account)
          await o.accounts.held(line.platform, line.account, now);
    }
  }
  const timer = setInterval(() => void serve().catch(() => undefined), 1000);
  timer.unref();

  return {
    serve,
    async close() {
      closed = true;
      clearInterval(timer);
      closing.abort(); // jobs sleeping for a slot go back to the queue
      await Promise.all([...workers.values()].map((w) => w.close()));
      for (const c of connections) closeConnection(c);
    },
  };
}
