// The inbound journal on Redis (src/app/intake.ts): each bot process keeps the messages it
// accepted and has not yet handled in a hash of its own, and says it is alive with a key
// that expires. A process that starts takes over the hashes of processes that are gone
// (its own predecessor included) and replays them. All keys share one hash tag, so a
// Redis Cluster keeps them in one slot (RENAME works across them).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { InboundMessageSchema, type InboundMessage } from "../domain/messages";
import type { InboundJournal } from "../app/intake";
import { redisClient } from "./redis-connection";

/**
 * The journal's own client for `url` (a server or a cluster): a request fails after one
 * retry (the intake then handles the message before acknowledging it), and commands are
 * auto-pipelined — the writes of messages kept and forgotten in one turn of the event loop go
 * out together. Only for this client: BullMQ's connections are left as BullMQ makes them
 * (auto-pipelining on them is not supported there). Errors are the intake's to report.
 */
export function journalClient(url: string): Redis {
  const r = redisClient(url, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
  r.on("error", () => undefined);
  return r;
}

export interface RedisJournalOptions {
  redis: Redis;
  /** Key prefix (the queues' prefix). */
  prefix: string;
  /** How long a process counts as alive after its last heartbeat. Default 15 s. */
  aliveMs?: number;
  /** This process's name; default host, pid and a random tag. */
  instance?: string;
}

interface Stored {
  seq: number;
  msg: Omit<InboundMessage, "at"> & { at: string };
}

export class RedisInboundJournal implements InboundJournal {
  private readonly r: Redis;
  private readonly base: string;
  readonly instance: string;
  private readonly aliveMs: number;
  private seq = 0;
  private beat: NodeJS.Timeout | null = null;

  constructor(o: RedisJournalOptions) {
    this.r = o.redis;
    this.base = `${o.prefix}:{inbound}`;
    this.instance = o.instance ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
    this.aliveMs = o.aliveMs ?? 15_000;
  }

  private journalKey(instance: string): string {
    return `${this.base}:j:${instance}`;
  }
  private aliveKey(instance: string): string {
    return `${this.base}:alive:${instance}`;
  }
  private get registry(): string {
    return `${this.base}:instances`;
  }

  async put(key: string, msg: InboundMessage): Promise<void> {
    const stored: Stored = { seq: Date.now() * 1000 + (this.seq++ % 1000), msg: { ...msg, at: msg.at.toISOString() } };
    await this.r.hset(this.journalKey(this.instance), key, JSON.stringify(stored));
  }

  async done(key: string): Promise<void> {
    await this.r.hdel(this.journalKey(this.instance), key);
  }

  async dead(key: string, msg: InboundMessage, reason: string): Promise<void> {
    await this.r
      .multi()
      .hset(`${this.base}:dead`, key, JSON.stringify({ reason, msg: { ...msg, at: msg.at.toISOString() } }))
      .hdel(this.journalKey(this.instance), key)
      .exec();
  }

  private async heartbeat(): Promise<void> {
    await this.r
      .multi()
      .set(this.aliveKey(this.instance), "1", "PX", this.aliveMs)
      .sadd(this.registry, this.instance)
      .exec();
  }

  /**
   * Registers this process, then takes over the journals of processes whose heartbeat is
   * gone and returns all their messages, oldest first. Later adoptions (a process that
   * dies while this one runs) happen on the heartbeat.
   */
  async recover(): Promise<InboundMessage[]> {
    await this.heartbeat();
    const adopted = await this.adopt(true);
    this.beat = setInterval(
      () => void this.heartbeat().catch(() => undefined),
      Math.max(1000, Math.floor(this.aliveMs / 3)),
    );
    this.beat.unref();
    return adopted;
  }

  /**
   * Moves every dead process's entries into this process's journal, atomically per
   * process, and returns them oldest first (with `own`, also this process's own entries:
   * at start, what it kept before a stop under the same name).
   */
  async adopt(own = false): Promise<InboundMessage[]> {
    const out: Array<Stored & { key: string }> = [];
    for (const other of await this.r.smembers(this.registry)) {
      if (other === this.instance || (await this.r.exists(this.aliveKey(other)))) continue;
      const taken = `${this.base}:adopting:${this.instance}:${other}`;
      // Only one process wins the rename; the others find nothing to move.
      const moved = await this.r.renamenx(this.journalKey(other), taken).catch(() => 0);
      await this.r.srem(this.registry, other);
      if (moved !== 1) continue;
      const entries = await this.r.hgetall(taken);
      const m = this.r.multi();
      for (const [k, v] of Object.entries(entries)) m.hset(this.journalKey(this.instance), k, v);
      m.del(taken);
      await m.exec();
      for (const [k, v] of Object.entries(entries)) out.push({ key: k, ...(JSON.parse(v) as Stored) });
    }
    if (own) {
      for (const [k, v] of Object.entries(await this.r.hgetall(this.journalKey(this.instance)))) {
        if (!out.some((o) => o.key === k)) out.push({ key: k, ...(JSON.parse(v) as Stored) });
      }
    }
    out.sort((a, b) => a.seq - b.seq);
    const msgs: InboundMessage[] = [];
    for (const o of out) {
      const r = InboundMessageSchema.safeParse({ ...o.msg, at: new Date(o.msg.at) });
      if (r.success) msgs.push(r.data);
    }
    return msgs;
  }

  /** Stops the heartbeat and lets this process count as gone at once: the next start takes over what is left. */
  async close(): Promise<void> {
    if (this.beat) clearInterval(this.beat);
    await this.r.del(this.aliveKey(this.instance)).catch(() => undefined);
  }
}
