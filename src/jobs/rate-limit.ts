// Sending limits shared by every worker process: one Redis, one Lua script that
// checks and takes a slot atomically. Per account (one bot or WeChat account; the
// platform's settings apply to each of its accounts alike): a global
// sliding window (Telegram ~30 a second), a window per chat (Telegram ~20 a minute
// in a group) and a least interval with jitter (WeChat: bulk sending gets accounts
// blocked). A 429's "retry after" blocks the chat (and the platform, if so set).
//
// A slot is taken *before* the send with a provisional score far in the future (so
// it counts while the request is in flight) and stamped with Redis time *after* it.
// Every send therefore lies between its two stamps, and the next send waits a full
// window from the later one: no window, measured anywhere, holds more than the limit,
// however many processes send and however long a request takes.
import type { Redis } from "ioredis";
import { z } from "zod";

export const WindowLimitSchema = z.object({
  limit: z.number().int().min(1),
  windowMs: z.number().int().min(1),
});

export const PlatformLimitsSchema = z.object({
  /** All chats together, per bot / account. */
  global: WindowLimitSchema.optional(),
  /** One chat. */
  perChat: WindowLimitSchema.optional(),
  /** Least time between two sends of the account … */
  minIntervalMs: z.number().int().min(0).default(0),
  /** … plus a random 0‥jitterMs each time. */
  jitterMs: z.number().int().min(0).default(0),
  /** What a platform's "retry after" blocks: the chat only, or the chat and the whole platform. */
  retryAfterScope: z.enum(["chat", "platform"]).default("platform"),
});
export type PlatformLimits = z.infer<typeof PlatformLimitsSchema>;
export type PlatformLimitsInput = z.input<typeof PlatformLimitsSchema>;
export type SendLimitsInput = Record<string, PlatformLimitsInput>;

/** Platform limits as documented, kept a little under the edge where it costs nothing. */
export const DEFAULT_SEND_LIMITS: SendLimitsInput = {
  telegram: { global: { limit: 30, windowMs: 1000 }, perChat: { limit: 20, windowMs: 60_000 } },
  wechat: { minIntervalMs: 3000, jitterMs: 1500, perChat: { limit: 20, windowMs: 60_000 } },
};

/** Defaults overlaid with the given platforms' settings (a platform given replaces its fields one by one). */
export function resolveLimits(given: SendLimitsInput = {}): Record<string, PlatformLimits> {
  const out: Record<string, PlatformLimits> = {};
  for (const p of new Set([...Object.keys(DEFAULT_SEND_LIMITS), ...Object.keys(given)])) {
    out[p] = PlatformLimitsSchema.parse({ ...DEFAULT_SEND_LIMITS[p], ...given[p] });
  }
  return out;
}

export type Acquired = { ok: true; permit: Permit } | { ok: false; waitMs: number; scope: "platform" | "chat" };

export interface Permit {
  platform: string;
  chatId: string;
  member: string;
  account?: string | undefined;
}

// KEYS: 1 platform block, 2 chat block, 3.. rule sets. ARGV: member, inflightMs, pollMs,
// then per rule: limit, windowMs, scope (0 platform, 1 chat).
// Returns {1} when the slot is taken, else {0, platformWaitMs, chatWaitMs}.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local member, inflight, poll = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local waitP, waitC = 0, 0
local pb = redis.call('PTTL', KEYS[1])
if pb > 0 then waitP = pb end
local cb = redis.call('PTTL', KEYS[2])
if cb > 0 then waitC = cb end
for i = 3, #KEYS do
  local a = 4 + (i - 3) * 3
  local limit, window, scope = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', string.format('%.3f', now - window))
  local n = redis.call('ZCARD', KEYS[i])
  if n >= limit then
    -- the entry whose expiry brings the set under the limit
    local e = redis.call('ZRANGE', KEYS[i], n - limit, n - limit, 'WITHSCORES')
    local w = poll
    if string.sub(e[1], 1, 2) ~= 'p:' then w = tonumber(e[2]) + window - now end
    if scope == 1 then
      if w > waitC then waitC = w end
    elseif w > waitP then waitP = w end
  end
end
if waitP > 0 or waitC > 0 then return {0, math.ceil(waitP), math.ceil(waitC)} end
local score = string.format('%.3f', now + inflight)
for i = 3, #KEYS do
  local window = tonumber(ARGV[4 + (i - 3) * 3 + 1])
  redis.call('ZADD', KEYS[i], score, 'p:' .. member)
  redis.call('PEXPIRE', KEYS[i], math.ceil(inflight + window + 60000))
end
return {1, 0, 0}
`;

// KEYS: rule sets, then the "sent" marker (or a dummy). ARGV: member, ruleCount, markerTtlMs (0: none),
// then per rule: windowMs, extraMs (jitter).
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local member, n, markTtl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, n do
  local window, extra = tonumber(ARGV[4 + (i - 1) * 2]), tonumber(ARGV[5 + (i - 1) * 2])
  redis.call('ZREM', KEYS[i], 'p:' .. member)
  redis.call('ZADD', KEYS[i], string.format('%.3f', now + extra), member)
  redis.call('PEXPIRE', KEYS[i], math.ceil(window + extra + 60000))
end
if markTtl > 0 then redis.call('SET', KEYS[n + 1], '1', 'PX', markTtl) end
return 1
`;

// KEYS: block keys. ARGV: ms. Only ever lengthens a block.
const BLOCK = `
for i = 1, #KEYS do
  if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[i], '1', 'PX', ARGV[1]) end
end
return 1
`;

interface Rule {
  key: string;
  limit: number;
  windowMs: number;
  scope: 0 | 1;
  jitterMs: number;
}

type Scripted = Redis & {
  baogongAcquire(n: number, ...args: Array<string | number>): Promise<[number, number, number]>;
  baogongRelease(n: number, ...args: Array<string | number>): Promise<number>;
  baogongBlock(n: number, ...args: Array<string | number>): Promise<number>;
};

export interface RateLimiterOptions {
  /** Key prefix (the BullMQ prefix): limits are shared by everyone using the same prefix. */
  prefix: string;
  limits?: SendLimitsInput;
  /** How long a slot taken for a send that never reports back keeps counting. */
  inflightMs?: number;
  /** Wait when the slot that frees next belongs to a send still in flight. */
  pollMs?: number;
  random?: () => number;
}

export class SendRateLimiter {
  private readonly redis: Scripted;
  readonly limits: Record<string, PlatformLimits>;
  private readonly prefix: string;
  private readonly inflightMs: number;
  private readonly pollMs: number;
  private readonly random: () => number;
  private seq = 0;
  private readonly tag = Math.random().toString(36).slice(2, 10);

  constructor(redis: Redis, opts: RateLimiterOptions) {
    this.redis = redis as Scripted;
    if (!("baogongAcquire" in redis)) {
      redis.defineCommand("baogongAcquire", { lua: ACQUIRE });
      redis.defineCommand("baogongRelease", { lua: RELEASE });
      redis.defineCommand("baogongBlock", { lua: BLOCK });
    }
    this.limits = resolveLimits(opts.limits);
    this.prefix = opts.prefix;
    this.inflightMs = opts.inflightMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 25;
    this.random = opts.random ?? Math.random;
  }

  limitsOf(platform: string): PlatformLimits {
    return this.limits[platform] ?? PlatformLimitsSchema.parse({});
  }

  /** Keys of one platform share a hash tag: a Redis Cluster keeps them (and the sent markers) in one slot. */
  private base(platform: string): string {
    return `${this.prefix}:rl:{${platform}}`;
  }

  /** The keys of one account's limits (without an account: the platform's, as one account). */
  private accountBase(platform: string, account: string | undefined): string {
    return account ? `${this.base(platform)}:a:${account}` : this.base(platform);
  }

  private rules(platform: string, chatId: string, account: string | undefined): Rule[] {
    const l = this.limitsOf(platform);
    const b = this.accountBase(platform, account);
    const rules: Rule[] = [];
    if (l.global) rules.push({ key: `${b}:g`, ...l.global, scope: 0, jitterMs: 0 });
    if (l.minIntervalMs > 0 || l.jitterMs > 0)
      rules.push({ key: `${b}:i`, limit: 1, windowMs: Math.max(1, l.minIntervalMs), scope: 0, jitterMs: l.jitterMs });
    if (l.perChat) rules.push({ key: `${b}:c:${chatId}`, ...l.perChat, scope: 1, jitterMs: 0 });
    return rules;
  }

  /** The key that remembers a keyed message as sent (set by `release` with `sentKey`). */
  sentMarker(platform: string, key: string): string {
    return `${this.base(platform)}:sent:${key}`;
  }

  /** Remembers a keyed message as sent (a message sent in parts, once its last part went). */
  async remember(platform: string, key: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.sentMarker(platform, key), "1", "PX", ttlMs);
  }

  async wasSent(platform: string, key: string): Promise<boolean> {
    return (await this.redis.exists(this.sentMarker(platform, key))) === 1;
  }

  /** The same for many messages, in one round trip (a message without a key: false). */
  async wereSent(items: Array<{ platform: string; key: string | undefined }>): Promise<boolean[]> {
    const keyed = items.map((it, i) => ({ i, it })).filter((x) => x.it.key);
    if (keyed.length === 0) return items.map(() => false);
    const p = this.redis.pipeline();
    for (const { it } of keyed) p.exists(this.sentMarker(it.platform, it.key!));
    const res = (await p.exec()) ?? [];
    const out = items.map(() => false);
    keyed.forEach(({ i }, j) => {
      out[i] = res[j]?.[1] === 1;
    });
    return out;
  }

  /**
   * Takes a sending slot for `chatId` in `account`'s limits (two accounts of a platform
   * each have the platform's limits), or says how long to wait and what is full.
   */
  async acquire(platform: string, chatId: string, account?: string): Promise<Acquired> {
    const rules = this.rules(platform, chatId, account);
    const member = `${this.tag}.${++this.seq}`;
    const b = this.accountBase(platform, account);
    const keys = [`${b}:b`, `${b}:b:${chatId}`, ...rules.map((r) => r.key)];
    const args = [member, this.inflightMs, this.pollMs, ...rules.flatMap((r) => [r.limit, r.windowMs, r.scope])];
    const [ok, waitP, waitC] = await this.redis.baogongAcquire(keys.length, ...keys, ...args);
    if (ok === 1) return { ok: true, permit: { platform, chatId, member, account } };
    return waitC >= waitP
      ? { ok: false, waitMs: Math.max(1, waitC), scope: "chat" }
      : { ok: false, waitMs: Math.max(1, waitP), scope: "platform" };
  }

  /**
   * Stamps the slot with the time the send finished (call it whatever the outcome:
   * a refused request counts too). `sent` remembers a keyed message as delivered.
   */
  async release(permit: Permit, sent?: { key: string; ttlMs: number }): Promise<void> {
    const rules = this.rules(permit.platform, permit.chatId, permit.account);
    const keys = [
      ...rules.map((r) => r.key),
      sent ? this.sentMarker(permit.platform, sent.key) : `${this.base(permit.platform)}:nomark`,
    ];
    const args = [
      permit.member,
      rules.length,
      sent?.ttlMs ?? 0,
      ...rules.flatMap((r) => [r.windowMs, r.jitterMs > 0 ? Math.floor(this.random() * (r.jitterMs + 1)) : 0]),
    ];
    await this.redis.baogongRelease(keys.length, ...keys, ...args);
  }

  /** Honours a platform's "retry after": nothing more goes from `account` to the chat (or to any chat) for `ms`. */
  async block(platform: string, chatId: string, ms: number, account?: string): Promise<void> {
    const b = this.accountBase(platform, account);
    const keys =
      this.limitsOf(platform).retryAfterScope === "platform" ? [`${b}:b:${chatId}`, `${b}:b`] : [`${b}:b:${chatId}`];
    await this.redis.baogongBlock(keys.length, ...keys, Math.max(1, Math.ceil(ms)));
  }
}
