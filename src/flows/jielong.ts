// A 接龙 list is reposted whole by everyone who adds a line; only what changed
// since the last version acts: new entries order, changed ones amend, removed ones cancel.
import type { Line } from "./order-rules";

export interface ListEntry { household: string | null; name: string | null; items: Line[] }

export interface ListDiff<E extends ListEntry> { added: E[]; changed: E[]; removed: E[]; unchanged: E[] }

function key(items: readonly Line[]): string {
  return [...items].sort((a, b) => a.sku.localeCompare(b.sku)).map((l) => `${l.sku}:${l.qty}`).join(",");
}

/** Entries without a household cannot be matched and are left out of the diff. */
export function diffList<E extends ListEntry>(previous: readonly E[] | null, next: readonly E[]): ListDiff<E> {
  const before = new Map<string, E>();
  for (const e of previous ?? []) if (e.household) before.set(e.household, e);
  const seen = new Set<string>();
  const out: ListDiff<E> = { added: [], changed: [], removed: [], unchanged: [] };
  for (const e of next) {
    if (!e.household || seen.has(e.household)) continue;
    seen.add(e.household);
    const old = before.get(e.household);
    if (!old) out.added.push(e);
    else if (key(old.items) !== key(e.items)) out.changed.push(e);
    else out.unchanged.push(e);
  }
  for (const [h, e] of before) if (!seen.has(h)) out.removed.push(e);
  return out;
}
