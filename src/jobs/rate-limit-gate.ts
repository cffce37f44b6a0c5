// In one process, one send job per platform at a time asks the shared limiter for a
// slot; the others queue here, replies before notices. When a platform is at its
// limit this turns a storm of refused requests (and BullMQ round trips) into one
// waiter that sleeps exactly until the next slot frees. The limits themselves are
// kept by Redis (./rate-limit.ts), whatever the number of processes.

interface Waiter {
  priority: number;
  seq: number;
  go: () => void;
}

export class LocalGate {
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly busy = new Set<string>();
  private seq = 0;

  /** Runs `fn` when it is this caller's turn for `key`; a lower `priority` goes first, then first come. */
  async run<T>(key: string, priority: number, fn: () => Promise<T>): Promise<T> {
    if (this.busy.has(key)) {
      await new Promise<void>((go) => {
        const list = this.waiting.get(key) ?? [];
        const w: Waiter = { priority, seq: ++this.seq, go };
        const at = list.findIndex((x) => x.priority > priority);
        if (at < 0) list.push(w);
        else list.splice(at, 0, w);
        this.waiting.set(key, list);
      });
    } else {
      this.busy.add(key);
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.get(key)?.shift();
      if (next)
        next.go(); // the turn passes on; `key` stays busy
      else this.busy.delete(key);
    }
  }

  /** How many wait for `key` (not counting the one whose turn it is). */
  queued(key: string): number {
    return this.waiting.get(key)?.length ?? 0;
  }
}

/** A sleep that `signal` cuts short; resolves false when cut short. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (v: boolean) => {
      clearTimeout(t);
      signal.removeEventListener("abort", onAbort);
      resolve(v);
    };
    const onAbort = () => done(false);
    const t = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort);
  });
}
