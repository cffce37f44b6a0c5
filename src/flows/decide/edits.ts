// Edits (Telegram's edited_message) and recalls (WeChat's 撤回) change what the original
// message did. An edit is read anew and its orders brought in line with the new reading:
// changed, cancelled when it no longer orders, placed when it now does. A recall cancels
// its orders. Nothing changes after the leader's confirmation: the edit is refused (said
// once), the leader is told of a recall.
import { residentTexts as texts } from "../../texts";
import { refusedOf, type Draft } from "./draft";
import { amendOrder, cancelOrder } from "./draft-change";
import { placeOrder } from "./draft-place";
import { decideParsed } from "./decide-parsed";
import type { OrderView, Parsed } from "./snapshot";

/** The orders the original message placed that still stand (an order cancelled since is left alone). */
function standing(d: Draft): OrderView[] {
  return (d.s.original?.orders ?? []).filter((o) => d.household(o.household).open?.id === o.id);
}

export function decideEdit(d: Draft, p: Parsed): void {
  const placed = standing(d);
  const source = d.s.message.key;
  if (placed.length === 0) {
    // The original placed nothing (chatter, a question, refused): the new text is read as it is —
    // unless the original changed an order by adding to it: adding again would double it.
    if (d.s.original?.kind === "amend") return void d.say(texts.editNotReapplied());
    return decideParsed(d, p, source);
  }
  const wanted = new Map<string, { items: Parsed["items"]; refused: ReturnType<typeof refusedOf> }>();
  if (p.kind === "order") {
    if (p.entries.length)
      for (const e of p.entries) {
        if (e.household) wanted.set(e.household, { items: e.items, refused: refusedOf(e) });
      }
    else {
      const hh = p.household ?? d.senderHouseholdCode;
      if (hh) wanted.set(hh, { items: p.items, refused: refusedOf(p) });
    }
  }
  for (const o of placed) {
    const w = wanted.get(o.household);
    if (w?.items.length) amendOrder(d, o.household, w.items, { mode: "replace", refused: w.refused });
    else cancelOrder(d, o.household); // no longer an order for this household
    wanted.delete(o.household);
  }
  for (const [household, w] of wanted) {
    placeOrder(d, {
      household,
      name: null,
      items: w.items,
      refused: w.refused,
      sourceMessage: `${source}#${household}`,
      proxy: false,
      reply: true,
    });
  }
}

export function decideRecall(d: Draft): void {
  for (const o of d.s.original?.orders ?? []) {
    const open = d.household(o.household).open;
    if (open?.id !== o.id) continue;
    if (open.status === "open" && open.batchStatus !== "confirmed" && open.batchStatus !== "delivered") {
      cancelOrder(d, o.household, false);
      d.ack(texts.recalled(o.household), texts.recalled(o.household));
    } else {
      d.event({ type: "order.recall_after_confirm", household: o.household, orderId: o.id });
      d.say(texts.recalledAfterConfirm(o.household));
    }
  }
}
