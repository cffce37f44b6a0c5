// Which account sends a message: the account of its group, as the app knows it (through
// the send hooks); for a group no account has been heard from yet, the platform's only
// account, when exactly one has ever sent from this queue prefix; else none yet — the
// message waits on the platform's queue for messages without an account until its group's
// account is known (./send-worker.ts moves it then). It is never guessed between two.
import type { OutboundMessageInput } from "../domain/messages";
import { throttled } from "../infra/logger";
import { HELD_EVERY_MS, type SendAccounts, type SendHooks } from "./send-job";

/** How long the accounts known from Redis are reused before being read again. */
const KNOWN_FOR_MS = 5000;
/**
 * How long the groups' accounts are waited for: a database that is away must not hold up
 * what is said meanwhile (the wait notices); the message is then addressed as a group
 * without a known account, and looked up again on the platform's queue.
 */
const LOOKUP_WAIT_MS = 1500;

export interface Addressing {
  /** The account that must send each message, in order (null: not known yet). */
  accountsOf(msgs: ReadonlyArray<OutboundMessageInput>): Promise<Array<string | null>>;
  /** Warns (at most once a minute) about messages queued for an account that no process holds now. */
  checkHeld(msgs: ReadonlyArray<OutboundMessageInput>): Promise<void>;
}

export function addressing(o: {
  hooks: SendHooks | undefined;
  accounts: SendAccounts;
  log: { warn(o: object, m: string): void };
  now?: () => number;
}): Addressing {
  const now = o.now ?? Date.now;
  const cache = new Map<string, { at: number; known: Promise<Array<{ account: string; heldAt: number }>> }>();
  const known = (platform: string) => {
    const c = cache.get(platform);
    if (c && now() - c.at < KNOWN_FOR_MS) return c.known;
    const k = o.accounts.known(platform);
    cache.set(platform, { at: now(), known: k });
    k.catch(() => cache.delete(platform));
    return k;
  };
  const lookupWarn = throttled(60_000, (f, m) => o.log.warn(f, m));
  const unheldWarn = throttled(60_000, (f, m) => o.log.warn(f, m));
  return {
    async accountsOf(msgs) {
      const out: Array<string | null> = msgs.map((m) => m.account ?? null);
      const missing = msgs.map((m, i) => ({ m, i })).filter((x) => !x.m.account);
      if (missing.length === 0) return out;
      let found: Array<string | null> = missing.map(() => null);
      if (o.hooks) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${LOOKUP_WAIT_MS} ms`)), LOOKUP_WAIT_MS);
        });
        const lookup = o.hooks.accounts(missing.map(({ m }) => ({ platform: m.platform, chatId: m.chatId })));
        lookup.catch(() => undefined); // an answer after the wait has nobody to go to
        found = await Promise.race([lookup, late])
          .catch((e: Error) => {
            // The message is addressed as a group without a known account; looked up again on the platform's queue.
            lookupWarn({ err: e.message }, "looking up the groups' accounts failed");
            return missing.map(() => null);
          })
          .finally(() => clearTimeout(timer));
      }
      for (const [j, { m, i }] of missing.entries()) {
        if (found[j]) {
          out[i] = found[j]!;
          continue;
        }
        const k = await known(m.platform).catch(() => []);
        out[i] = k.length === 1 ? k[0]!.account : null;
      }
      return out;
    },
    async checkHeld(msgs) {
      const seen = new Set<string>();
      for (const m of msgs) {
        if (!m.account || seen.has(`${m.platform}\u0000${m.account}`)) continue;
        seen.add(`${m.platform}\u0000${m.account}`);
        const k = await known(m.platform).catch(() => null);
        const held = k?.find((a) => a.account === m.account);
        if (k && !(held && now() - held.heldAt < 3 * HELD_EVERY_MS))
          unheldWarn(
            { platform: m.platform, account: m.account, lastHeld: held ? new Date(held.heldAt).toISOString() : null },
            "messages are queued for an account that no process holds now: they wait for it (the outbox table keeps them)",
          );
      }
    },
  };
}
