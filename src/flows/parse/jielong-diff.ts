/**
 * A 接龙 list is reposted whole by every participant. The bot keeps the last version per chat
 * and title and acts only on what changed: new entries are orders, changed items amendments,
 * removed entries cancellations. Entries are keyed by household; entries without one by name;
 * entries with neither cannot be acted on and are left out.
 */
import type { JielongEntry, ParsedItem } from "./schema";

export interface JielongChange {
  readonly key: string;
  readonly previous: JielongEntry;
  readonly next: JielongEntry;
}

export interface JielongDiff {
  readonly added: JielongEntry[];
  readonly changed: JielongChange[];
  readonly removed: JielongEntry[];
}

function keyOf(e: JielongEntry): string | null {
  if (e.household) return `h:${e.household}`;
  if (e.name && e.name.trim()) return `n:${e.name.trim()}`;
  return null;
}

function byKey(list: readonly JielongEntry[]): Map<string, JielongEntry> {
  const m = new Map<string, JielongEntry>();
  // A household listed twice: the later line is what it wants now.
  for (const e of list) {
    const k = keyOf(e);
    if (k !== null) m.set(k, e);
  }
  return m;
}

function sameItems(a: readonly ParsedItem[], b: readonly ParsedItem[]): boolean {
  const sum = (l: readonly ParsedItem[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const i of l) m.set(i.sku, (m.get(i.sku) ?? 0) + i.qty);
    return m;
  };
  const x = sum(a);
  const y = sum(b);
  if (x.size !== y.size) return false;
  for (const [k, v] of x) if (y.get(k) !== v) return false;
  return true;
}

export function diffJielong(previous: JielongEntry[] | null, next: JielongEntry[]): JielongDiff {
  const before = byKey(previous ?? []);
  const after = byKey(next);
  const added: JielongEntry[] = [];
  const changed: JielongChange[] = [];
  const removed: JielongEntry[] = [];
  for (const [k, e] of after) {
    const old = before.get(k);
    if (!old) added.push(e);
    else if (!sameItems(old.items, e.items)) changed.push({ key: k, previous: old, next: e });
  }
  for (const [k, e] of before) if (!after.has(k)) removed.push(e);
  return { added, changed, removed };
}
