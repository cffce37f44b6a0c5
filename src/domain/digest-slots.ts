// When a group's acknowledgement digest is posted. One WeChat account serves every group of
// a town at one message every 3–4.5 s; if every group's digest fell due at the same instant
// the last would wait minutes in the send queue. So each group posts on its own slots, every
// `everyMs`, at a phase taken from its platform and chat id (stable across databases and restarts) — the town's digests spread evenly over the period.
import { createHash } from "node:crypto";

/** The group's phase within the digest period: 0 ≤ phase < everyMs (ms), stable for `groupKey` (`platform:chatId`). */
export function digestPhase(groupKey: string, everyMs: number): number {
  const h = createHash("sha1").update(groupKey).digest().readUInt32BE(0);
  return Math.floor((h / 0x1_0000_0000) * everyMs);
}

/**
 * The slot a line gathered at `now` is posted in: the group's first slot (phase + k·everyMs)
 * at or after `now` and at least half a period after the group's last acknowledgement
 * message (`lastSaidAt`, null when none), `groupKey` as for digestPhase — so a line waits at most one period, or one and a
 * half right after a message said at once. Times in ms since the epoch; everyMs > 0.
 */
export function digestDueAt(o: { groupKey: string; now: number; lastSaidAt: number | null; everyMs: number }): number {
  const phase = digestPhase(o.groupKey, o.everyMs);
  const earliest = Math.max(o.now, o.lastSaidAt === null ? o.now : o.lastSaidAt + o.everyMs / 2);
  const k = Math.ceil((earliest - phase) / o.everyMs);
  return phase + k * o.everyMs;
}
