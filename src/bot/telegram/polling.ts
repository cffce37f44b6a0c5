// Long polling, written here rather than using Telegraf's `launch()` because its loop
// has a fixed 50 s timeout, confirms an update even when handling it failed, and stops
// for good on the first handler error. This loop advances the offset only past updates
// that were handled (so Telegram redelivers the rest), gives up on one update after a
// few attempts, and stops promptly by aborting the pending request.
import { setTimeout as sleep } from "node:timers/promises";
import { TelegramError, type Telegram } from "telegraf";
import { ALLOWED_UPDATES, type TgUpdate } from "./wire";

export interface PollingOptions {
  telegram: Telegram;
  timeoutSec: number;
  handle(update: TgUpdate): Promise<void>;
  log: (obj: object, msg: string) => void;
  /** Attempts per update before it is skipped (logged). */
  maxAttempts?: number;
}

export interface Poller {
  stop(): Promise<void>;
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** Math.max(0, attempt - 1));
}

export function startPolling(opts: PollingOptions): Poller {
  const abort = new AbortController();
  const maxAttempts = opts.maxAttempts ?? 5;
  const attempts = new Map<number, number>();
  let offset = 0;
  let fetchFailures = 0;

  const pause = (ms: number) => sleep(ms, undefined, { signal: abort.signal }).catch(() => undefined);

  async function fetchUpdates(): Promise<TgUpdate[] | null> {
    try {
      const updates = await opts.telegram.callApi(
        "getUpdates",
        { timeout: opts.timeoutSec, offset, allowed_updates: [...ALLOWED_UPDATES] },
        // node-fetch accepts the built-in AbortSignal; Telegraf types it from the abort-controller shim.
        { signal: abort.signal as unknown as NonNullable<Parameters<Telegram["callApi"]>[2]>["signal"] },
      );
      fetchFailures = 0;
      return updates as unknown as TgUpdate[];
    } catch (err) {
      if (abort.signal.aborted) return null;
      fetchFailures += 1;
      const retryAfter = err instanceof TelegramError ? err.parameters?.retry_after : undefined;
      const waitMs = retryAfter !== undefined ? retryAfter * 1000 : backoffMs(fetchFailures);
      opts.log({ err: String(err), waitMs }, "telegram: getUpdates failed");
      await pause(waitMs);
      return [];
    }
  }

  /** Handles one update; false means "stop this batch and fetch it again". */
  async function handleOne(u: TgUpdate): Promise<boolean> {
    try {
      await opts.handle(u);
      attempts.delete(u.update_id);
      return true;
    } catch (err) {
      const n = (attempts.get(u.update_id) ?? 0) + 1;
      if (n >= maxAttempts) {
        attempts.delete(u.update_id);
        opts.log(
          { err: String(err), updateId: u.update_id, attempts: n },
          "telegram: update skipped after repeated failures",
        );
        return true;
      }
      attempts.set(u.update_id, n);
      opts.log({ err: String(err), updateId: u.update_id, attempt: n }, "telegram: handling update failed, will retry");
      await pause(backoffMs(n));
      return false;
    }
  }

  async function run(): Promise<void> {
    while (!abort.signal.aborted) {
      const updates = await fetchUpdates();
      if (updates === null) return;
      for (const u of updates) {
        if (abort.signal.aborted) return; // the rest stays unconfirmed and comes back next start
        if (!(await handleOne(u))) break;
        offset = Math.max(offset, u.update_id + 1);
      }
    }
  }

  const running = run().catch((err: unknown) => opts.log({ err: String(err) }, "telegram: polling loop crashed"));

  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}
