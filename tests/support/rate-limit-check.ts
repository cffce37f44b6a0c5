// Checks recorded send times against a limit: the most sends in any window of
// `windowMs` (half-open, [t, t + windowMs)), wherever the window starts. Used by the
// integration tests and the bench to prove the limiter from the outside.

/** Most entries of `times` (ms) inside any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (j < t.length && t[j]! < t[i]! + windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

/** The same per key (e.g. per chat): the largest count any key reaches in one window. */
export function maxInWindowPerKey(
  entries: ReadonlyArray<{ key: string; at: number }>,
  windowMs: number,
): { max: number; key: string | null } {
  const byKey = new Map<string, number[]>();
  for (const e of entries) {
    const l = byKey.get(e.key);
    if (l) l.push(e.at);
    else byKey.set(e.key, [e.at]);
  }
  let max = 0;
  let key: string | null = null;
  for (const [k, times] of byKey) {
    const m = maxInWindow(times, windowMs);
    if (m > max) {
      max = m;
      key = k;
    }
  }
  return { max, key };
}

/** Smallest gap between two consecutive entries (Infinity with fewer than two). */
export function minGap(times: readonly number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < t.length; i++) gap = Math.min(gap, t[i]! - t[i - 1]!);
  return gap;
}

/**
 * The worst windows of a run of sends: the most in any window of `globalMs` (all chats
 * together) and the most one chat got in any window of `perChatMs`. Compare each with its limit.
 */
export function worstWindows(
  sends: ReadonlyArray<{ chatId: string; at: number }>,
  globalMs: number,
  perChatMs: number,
): { global: number; perChat: number } {
  return {
    global: maxInWindow(
      sends.map((s) => s.at),
      globalMs,
    ),
    perChat: maxInWindowPerKey(
      sends.map((s) => ({ key: s.chatId, at: s.at })),
      perChatMs,
    ).max,
  };
}
