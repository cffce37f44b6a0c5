// The sending limiter against a real Redis: several limiters (as several worker
// processes would) share one prefix and together never exceed a window, measured
// from the moment each send happened.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { maxInWindow, maxInWindowPerKey, minGap } from "../support/rate-limit-check";
import { DEFAULT_SEND_LIMITS, resolveLimits, SendRateLimiter, type SendLimitsInput } from "../../src/jobs/rate-limit";
import { TEST_REDIS_URL, uniqueName } from "../support/db";

const connections: Redis[] = [];
const prefixes: string[] = [];
function connect(): Redis {
  const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  connections.push(r);
  return r;
}
function limiters(n: number, limits: SendLimitsInput, extra: { pollMs?: number } = {}): SendRateLimiter[] {
  const prefix = uniqueName("t-rl");
  prefixes.push(prefix);
  return Array.from({ length: n }, () => new SendRateLimiter(connect(), { prefix, limits, ...extra }));
}
afterAll(async () => {
  const r = connect();
  for (const p of prefixes) {
    const keys = await r.keys(`${p}:*`);
    if (keys.length) await r.del(...keys);
  }
  for (const c of connections) c.disconnect();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `total` messages through `lims` with `perLimiter` concurrent senders each; returns what was sent when. */
async function hammer(
  lims: SendRateLimiter[],
  platform: string,
  chats: string[],
  total: number,
  perLimiter: number,
): Promise<Array<{ chat: string; at: number; by: number }>> {
  const sent: Array<{ chat: string; at: number; by: number }> = [];
  let next = 0;
  const sender = async (lim: SendRateLimiter, by: number) => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const chat = chats[i % chats.length]!;
      for (;;) {
        const slot = await lim.acquire(platform, chat);
        if (!slot.ok) {
          await sleep(slot.waitMs);
          continue;
        }
        sent.push({ chat, at: Date.now(), by });
        await sleep(Math.random() * 4); // a request in flight
        await lim.release(slot.permit);
        break;
      }
    }
  };
  await Promise.all(lims.flatMap((lim, by) => Array.from({ length: perLimiter }, () => sender(lim, by))));
  return sent;
}

describe("send rate limiter (Redis)", () => {
  it("keeps two limiters sharing a prefix under one global window, near the limit's rate", async () => {
    const lims = limiters(2, { tg: { global: { limit: 20, windowMs: 200 } } });
    const t0 = Date.now();
    const sent = await hammer(
      lims,
      "tg",
      Array.from({ length: 50 }, (_, i) => `c${i}`),
      200,
      8,
    );
    const elapsed = Date.now() - t0;
    expect(sent).toHaveLength(200);
    expect(new Set(sent.map((s) => s.by)).size).toBe(2);
    expect(
      maxInWindow(
        sent.map((s) => s.at),
        200,
      ),
    ).toBeLessThanOrEqual(20);
    // 200 sends at 20 per 200 ms take at least 1.8 s (how near the rate they come is npm run bench -- broadcast)
    expect(elapsed).toBeGreaterThanOrEqual(1800);
  });

  it("limits each chat on its own: a busy chat waits, the others do not", async () => {
    const [lim] = limiters(1, { tg: { perChat: { limit: 2, windowMs: 300 } } });
    const a1 = await lim!.acquire("tg", "A");
    const a2 = await lim!.acquire("tg", "A");
    expect(a1.ok && a2.ok).toBe(true);
    if (a1.ok) await lim!.release(a1.permit);
    if (a2.ok) await lim!.release(a2.permit);
    const a3 = await lim!.acquire("tg", "A");
    expect(a3).toMatchObject({ ok: false, scope: "chat" });
    if (!a3.ok) expect(a3.waitMs).toBeGreaterThan(200);
    expect((await lim!.acquire("tg", "B")).ok).toBe(true);

    const sent = await hammer(
      limiters(2, { tg: { perChat: { limit: 2, windowMs: 300 } } }),
      "tg",
      ["A", "B", "C"],
      18,
      4,
    );
    expect(
      maxInWindowPerKey(
        sent.map((s) => ({ key: s.chat, at: s.at })),
        300,
      ).max,
    ).toBeLessThanOrEqual(2);
  });

  it("paces a WeChat-like account: at least the interval between sends, plus jitter", async () => {
    const lims = limiters(2, { wx: { minIntervalMs: 40, jitterMs: 30 } });
    const sent = await hammer(lims, "wx", ["r1", "r2", "r3"], 14, 3);
    const times = sent.map((s) => s.at);
    expect(minGap(times)).toBeGreaterThanOrEqual(40);
    const sorted = [...times].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(3); // jitter: not a fixed beat
  });

  it("honours a retry-after for the chat, or for the whole platform", async () => {
    const [chatOnly] = limiters(1, { tg: { retryAfterScope: "chat" } });
    await chatOnly!.block("tg", "A", 250);
    const a = await chatOnly!.acquire("tg", "A");
    expect(a).toMatchObject({ ok: false, scope: "chat" });
    if (!a.ok) expect(a.waitMs).toBeGreaterThan(150);
    expect((await chatOnly!.acquire("tg", "B")).ok).toBe(true);

    const [whole] = limiters(1, { tg: { retryAfterScope: "platform" } });
    await whole!.block("tg", "A", 250);
    await whole!.block("tg", "A", 10); // a shorter one does not shorten the block
    const b = await whole!.acquire("tg", "B");
    expect(b).toMatchObject({ ok: false, scope: "platform" });
    if (!b.ok) expect(b.waitMs).toBeGreaterThan(150);
    await sleep(260);
    expect((await whole!.acquire("tg", "B")).ok).toBe(true);
  });

  it("counts a send in flight, and waits a whole window after it finishes", async () => {
    const [lim] = limiters(1, { tg: { global: { limit: 1, windowMs: 300 } } }, { pollMs: 15 });
    const first = await lim!.acquire("tg", "A");
    expect(first.ok).toBe(true);
    expect(await lim!.acquire("tg", "B")).toEqual({ ok: false, waitMs: 15, scope: "platform" }); // in flight: look again soon
    await sleep(100);
    if (first.ok) await lim!.release(first.permit);
    const after = await lim!.acquire("tg", "B");
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.waitMs).toBeGreaterThan(250);
  });

  it("remembers a keyed message as sent", async () => {
    const [lim] = limiters(1, {});
    const s = await lim!.acquire("tg", "A");
    expect(s.ok).toBe(true);
    expect(await lim!.wasSent("tg", "k1")).toBe(false);
    if (s.ok) await lim!.release(s.permit, { key: "k1", ttlMs: 60_000 });
    expect(await lim!.wasSent("tg", "k1")).toBe(true);
  });

  it("has the platforms' documented limits by default, each overridable", () => {
    expect(DEFAULT_SEND_LIMITS.telegram).toMatchObject({
      global: { limit: 30, windowMs: 1000 },
      perChat: { limit: 20, windowMs: 60_000 },
    });
    const l = resolveLimits({ wechat: { minIntervalMs: 5000 } });
    expect(l.wechat).toMatchObject({ minIntervalMs: 5000, jitterMs: 1500 });
    expect(l.telegram!.global).toEqual({ limit: 30, windowMs: 1000 });
  });

  it("measures windows anywhere they start", () => {
    expect(maxInWindow([0, 100, 199, 200, 399], 200)).toBe(3);
    expect(maxInWindow([], 200)).toBe(0);
    expect(minGap([5, 1, 10])).toBe(4);
  });
});
