// A 接龙 list is a shared document: people copy the latest version, add their line and
// repost; two copy at once; a slow phone reposts an old copy. The bot keeps the list as
// it stands (each line with who put it there) and reads each repost against it:
// - a new line is a new order;
// - a changed line changes that household's order only when the poster owns the line
//   (put it there, or it is their household) or is a leader or volunteer;
// - a line missing from the repost is kept unless the poster owned it (then it is
//   cancelled): another person's copy never cancels a household's order;
// so two copies made from the same base merge. One summary answers each repost.
import type { Line } from "../order-rules";
import { residentTexts as texts } from "../../texts";
import { refusedOf, type Draft } from "./draft";
import { amendOrder, cancelOrder } from "./draft-change";
import { placeOrder } from "./draft-place";
import type { ListLine, Parsed } from "./snapshot";

const keyOf = (l: { household: string | null; name: string | null }): string | null =>
  l.household ? `h:${l.household}` : l.name?.trim() ? `n:${l.name.trim()}` : null;

function sameItems(a: readonly Line[], b: readonly Line[]): boolean {
  const sum = (l: readonly Line[]) => {
    const m = new Map<string, number>();
    for (const i of l) m.set(i.sku, (m.get(i.sku) ?? 0) + i.qty);
    return m;
  };
  const x = sum(a);
  const y = sum(b);
  return x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
}

/** A WeChat group holds at most 500 members: a longer list is a paste gone wrong, not 接龙. */
export const MAX_LIST_ENTRIES = 500;

export function decideList(d: Draft, p: Parsed, source: string): void {
  const s = d.s;
  if (p.entries.length > MAX_LIST_ENTRIES) return d.say(texts.listTooLong(p.entries.length, MAX_LIST_ENTRIES));
  const title = p.title || "接龙";
  const poster = s.sender.userId;
  const mayChangeAny = d.isLeaderOrVolunteer;
  const owns = (l: ListLine) => l.by === poster || (!!l.household && l.household === d.senderHouseholdCode);
  const stored = s.list?.lines ?? [];
  const lines = new Map<string, ListLine>();
  for (const l of stored) {
    const k = keyOf(l);
    if (k) lines.set(k, l);
  }
  const summary = {
    title,
    added: [] as string[],
    changed: [] as string[],
    removed: [] as string[],
    refused: [] as string[],
    kept: [] as string[],
    notChanged: [] as string[],
    dates: [] as Array<{ deliveryDate: string; deferredFrom: string | null }>,
  };
  // A line is live while the order it placed is the household's standing order; a line whose
  // order was delivered or cancelled belongs to an earlier round: the same list posted again
  // for the next delivery orders anew.
  const live = (l: ListLine) =>
    !!l.household &&
    !!l.orderId &&
    d.household(l.household).open?.id === l.orderId &&
    d.household(l.household).open?.status !== "delivered";
  const seen = new Set<string>();
  for (const e of p.entries) {
    if (!e.household) {
      summary.refused.push(`${e.name ?? "?"} NO_HOUSEHOLD`);
      continue;
    }
    const k = keyOf(e)!;
    if (seen.has(k)) continue; // a household listed twice in one copy: its first line counts
    seen.add(k);
    const old = lines.get(k);
    const next: ListLine = {
      household: e.household,
      name: e.name,
      items: e.items,
      rejected: refusedOf(e),
      by: poster,
      orderId: null,
    };
    if (!old || !live(old)) {
      const r = placeOrder(d, {
        household: e.household,
        name: e.name,
        items: e.items,
        refused: next.rejected,
        sourceMessage: `${source}#${e.household}`,
        proxy: false,
        reply: false,
      });
      if (r.ok) {
        summary.added.push(e.household);
        summary.dates.push({ deliveryDate: r.deliveryDate, deferredFrom: r.deferredFrom });
        lines.set(k, { ...next, orderId: r.orderId });
      } else {
        summary.refused.push(`${e.household} ${r.reason}`);
        if (old) lines.delete(k); // the earlier round's line is gone with its round
      }
      continue;
    }
    if (sameItems(old.items, e.items)) continue;
    if (!owns(old) && !mayChangeAny) {
      summary.notChanged.push(e.household); // someone else's line: their order stands
      continue;
    }
    if (e.items.length === 0) continue; // a line emptied by a bad copy is not a cancellation
    if (amendOrder(d, e.household, e.items, { reply: false, mode: "replace" })) {
      summary.changed.push(e.household);
      lines.set(k, {
        ...next,
        orderId: old.orderId ?? null,
        by: old.by === poster || mayChangeAny ? (old.by ?? poster) : poster,
      });
    } else summary.refused.push(`${e.household} BATCH_CONFIRMED`);
  }
  for (const [k, old] of [...lines]) {
    if (seen.has(k) || !old.household) continue;
    if (!live(old)) {
      lines.delete(k); // an earlier round's line: nothing to keep
    } else if (owns(old)) {
      // The poster took their own line out: the order this list placed for them goes.
      if (cancelOrder(d, old.household, false)) summary.removed.push(old.household);
      lines.delete(k);
    } else {
      summary.kept.push(old.household); // missing from this copy only: kept
    }
  }
  d.d.list = { title, lines: [...lines.values()] };
  const answer = texts.jielongSummary(summary);
  d.ack(answer, answer);
}
