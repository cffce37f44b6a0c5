// The send queue in virtual time, for `simulate` and the rush bench: the same lanes,
// the same platform limits (./rate-limit.ts: WeChat's pace with jitter, Telegram's 30 a
// second and 20 a minute per group) and the same message parts as the live send queue
// (./send-queue.ts), decided on the virtual clock instead of Redis's. Jitter comes from a
// seeded generator: a script gives the same events every run.
import { buttonReserve, splitText, TEXT_LIMIT } from "../domain/message-parts";
import { LANE_PRIORITY, type Lane, type OutboundMessageInput, type Platform } from "../domain/messages";
import { resolveLimits, type PlatformLimits, type SendLimitsInput } from "./rate-limit";
import { seededRandom } from "../domain/seeded-random";

interface Waiting<T> {
  seq: number;
  queuedAt: number;
  lane: Lane;
  msg: OutboundMessageInput;
  parts: string[];
  next: number;
  tag: T;
}

export interface VirtualSend<T> {
  /** When it went (virtual ms). */
  at: number;
  msg: OutboundMessageInput;
  /** This part's text (a long message goes in parts) and whether it is the last. */
  text: string;
  last: boolean;
  queuedAt: number;
  tag: T;
}

export class VirtualSender<T = undefined> {
  private readonly limits: Record<string, PlatformLimits>;
  private readonly queues = new Map<string, Array<Waiting<T>>>();
  /** Send times per platform (global window) and per chat. */
  private readonly sentAt = new Map<string, number[]>();
  private readonly nextFree = new Map<string, number>();
  private readonly random: () => number;
  private seq = 0;

  constructor(opts: { limits?: SendLimitsInput; seed?: number } = {}) {
    this.limits = resolveLimits(opts.limits);
    this.random = seededRandom(opts.seed ?? 7);
  }

  /** Queues a message at virtual time `now`. Platforms without limits (console, sim) are not paced. */
  add(msg: OutboundMessageInput, now: number, tag: T): void {
    const p = msg.platform;
    const reserve = buttonReserve(p, msg.buttons ?? []);
    const parts = msg.attachment ? [msg.text] : splitText(msg.text, TEXT_LIMIT[p], reserve);
    const q = this.queues.get(p) ?? [];
    q.push({ seq: ++this.seq, queuedAt: now, lane: msg.lane ?? "answer", msg, parts, next: 0, tag });
    this.queues.set(p, q);
  }

  get waiting(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  private windowOk(key: string, limit: number, windowMs: number, t: number): number {
    const times = this.sentAt.get(key) ?? [];
    const inWindow = times.filter((x) => x > t - windowMs);
    if (inWindow.length < limit) return t;
    return inWindow[inWindow.length - limit]! + windowMs;
  }

  /** The earliest virtual time the platform may send this item (≥ `now`). */
  private slotFor(platform: Platform, w: Waiting<T>, now: number): number {
    const l = this.limits[platform];
    let t = Math.max(now, this.nextFree.get(platform) ?? 0);
    if (!l) return t;
    for (let i = 0; i < 3; i++) {
      if (l.global) t = Math.max(t, this.windowOk(`g:${platform}`, l.global.limit, l.global.windowMs, t));
      if (l.perChat)
        t = Math.max(t, this.windowOk(`c:${platform}:${w.msg.chatId}`, l.perChat.limit, l.perChat.windowMs, t));
    }
    return t;
  }

  /**
   * The next part to go across all platforms, and when; null when nothing waits. As the
   * live workers do: when the account is free, the most urgent message that may go then
   * (its chat's window allows it) goes; if none may, the first that can, when it can.
   */
  private peek(now: number): { platform: Platform; item: Waiting<T>; at: number } | null {
    let best: { platform: Platform; item: Waiting<T>; at: number } | null = null;
    for (const [platform, q] of this.queues) {
      if (q.length === 0) continue;
      let t = Math.max(now, this.nextFree.get(platform) ?? 0);
      let pick: { item: Waiting<T>; at: number } | null = null;
      for (let guard = 0; guard < 1000 && !pick; guard++) {
        const ready = q.filter((i) => i.queuedAt <= t && this.slotFor(platform as Platform, i, t) <= t);
        if (ready.length) {
          const item = ready.reduce((a, b) =>
            LANE_PRIORITY[b.lane] < LANE_PRIORITY[a.lane] ||
            (LANE_PRIORITY[b.lane] === LANE_PRIORITY[a.lane] && b.seq < a.seq)
              ? b
              : a,
          );
          pick = { item, at: t };
        } else {
          t = Math.min(...q.map((i) => this.slotFor(platform as Platform, i, Math.max(t, i.queuedAt))));
        }
      }
      if (pick && (!best || pick.at < best.at)) best = { platform: platform as Platform, ...pick };
    }
    return best;
  }

  /** When the next part would go, or null. */
  nextAt(now: number): number | null {
    return this.peek(now)?.at ?? null;
  }

  /** Sends the next part if it goes by `until`; returns it, or null. */
  sendNext(now: number, until: number): VirtualSend<T> | null {
    const p = this.peek(now);
    if (!p || p.at > until) return null;
    const { platform, item, at } = p;
    const l = this.limits[platform];
    const i = item.next++;
    const last = item.next >= item.parts.length;
    if (last)
      this.queues.set(
        platform,
        this.queues.get(platform)!.filter((x) => x !== item),
      );
    for (const key of [`g:${platform}`, `c:${platform}:${item.msg.chatId}`]) {
      const times = this.sentAt.get(key) ?? [];
      times.push(at);
      if (times.length > 200) times.splice(0, times.length - 200);
      this.sentAt.set(key, times);
    }
    if (l && (l.minIntervalMs > 0 || l.jitterMs > 0))
      this.nextFree.set(platform, at + l.minIntervalMs + Math.floor(this.random() * (l.jitterMs + 1)));
    return { at, msg: item.msg, text: item.parts[i]!, last, queuedAt: item.queuedAt, tag: item.tag };
  }
}
