// What a new message asks — an order, a change, a cancellation, a question, a 接龙 list —
// acted on in the draft decision. Also what an edited message is read as anew (edits.ts).
import type { Line } from "../order-rules";
import { residentTexts as texts } from "../../texts";
import { type Draft, refusedOf } from "./draft";
import { amendOrder, answerStatus, cancelOrder, hasChangeableOrder } from "./draft-change";
import { placeOrder, type PlaceOutcome } from "./draft-place";
import { decideList } from "./list";
import type { Parsed } from "./snapshot";

const PROXY_MARK = /代下单|代订|代买|帮.{0,24}(订|下单|买)|替.{0,24}(订|下单)/;

/** A leader or volunteer ordering for a household not their own (the elderly, the disabled): a proxy order. */
function isProxy(d: Draft, household: string | null, text: string): boolean {
  if (!d.isLeaderOrVolunteer || !household) return false;
  return PROXY_MARK.test(text) || (d.s.sender.householdCode !== null && d.s.sender.householdCode !== household);
}

const ADD_MARK = /再加|追加|加一|多加|另加|再来|再要|还要|多要/;

const removedLines = (p: Parsed): Line[] => (p.removed ?? []).map((sku) => ({ sku, qty: 0 }));

/** What a message asks, acted on; `source` is the key its orders are placed under. */
export function decideParsed(d: Draft, p: Parsed, source: string): void {
  const s = d.s;
  const household = p.household ?? d.senderHouseholdCode;
  switch (p.kind) {
    case "order": {
      if (p.entries.length > 0) return placeSeveral(d, p, source);
      // 再加一盒鸡蛋: more on the open order, not a second order.
      const adds = p.mode === "add" || ADD_MARK.test(s.message.text);
      if (adds && household && p.items.length && hasChangeableOrder(d, household)) {
        amendOrder(d, household, p.items, { mode: "add", refused: refusedOf(p) });
        return;
      }
      placeOrder(d, {
        household: p.household ?? d.senderHouseholdCode,
        name: p.name,
        items: p.items,
        refused: refusedOf(p),
        sourceMessage: source,
        proxy: isProxy(d, p.household, s.message.text),
        reply: true,
      });
      return;
    }
    case "amend":
      return amend(d, p, source);
    case "cancel": {
      const target = targetHousehold(d, p, household);
      if (target === undefined) return;
      if (!target) return d.noHousehold();
      // 鸡蛋不要了: only those goods come out; 不要了 / 取消订单: the whole order.
      if (p.removed?.length) amendOrder(d, target, removedLines(p));
      else cancelOrder(d, target);
      return;
    }
    case "status":
      if (!household) return d.noHousehold();
      return answerStatus(d, household);
    case "medicine":
      if (!household) return d.say(texts.medicineNoHousehold());
      d.d.medicine = { household, medicines: p.medicines };
      d.ack(
        texts.medicine({ household, medicines: p.medicines }),
        texts.medicine({ household, medicines: p.medicines }),
      );
      return;
    case "jielong":
      return decideList(d, p, source);
    default:
      return decideNone(d, p, household);
  }
}

/**
 * The household a change is about: the one the message names; else, from a leader or
 * volunteer, the one whose name it gives (李爷爷那份换成小套餐); else the sender's own.
 * `undefined`: not found, and the bot asked which one.
 */
function targetHousehold(d: Draft, p: Parsed, fallback: string | null): string | null | undefined {
  if (p.household) return p.household;
  if (p.forName && d.isLeaderOrVolunteer) {
    const found = d.s.namedHouseholds.filter((h) => h.name === p.forName);
    if (found.length === 1) return found[0]!.code;
    d.say(
      texts.whichHousehold(
        p.forName,
        found.map((h) => h.code),
      ),
    );
    return undefined;
  }
  return fallback;
}

function amend(d: Draft, p: Parsed, source: string): void {
  const target = targetHousehold(d, p, d.senderHouseholdCode);
  if (target === undefined) return;
  if (!target) return d.noHousehold();
  const refused = refusedOf(p);
  const changes = [...removedLines(p), ...p.items];
  if (changes.length === 0) {
    // 改成一万份: nothing to change but something refused — say why, change nothing.
    const reason = refused[0]?.reason ?? "UNKNOWN_ITEM";
    d.rejected(target, reason, { refused: refused.map((r) => r.text) });
    d.refuse(
      target,
      reason,
      texts.rejected({ household: target, reason, refused: refused.map((r) => r.text), rules: d.ruleFacts }),
    );
    return;
  }
  // 再加一箱牛奶 with nothing open: that is a new order.
  if (p.mode === "add" && !hasChangeableOrder(d, target) && !d.household(target).open && p.items.length) {
    placeOrder(d, {
      household: target,
      name: p.name,
      items: p.items,
      refused,
      sourceMessage: source,
      proxy: isProxy(d, target, d.s.message.text),
      reply: true,
    });
    return;
  }
  amendOrder(d, target, changes, { mode: p.mode === "add" ? "add" : "set", refused });
}

/** Several households in one message: one order each, through the rules, one answer listing each. */
function placeSeveral(d: Draft, p: Parsed, source: string): void {
  const results: PlaceOutcome[] = [];
  for (const e of p.entries) {
    results.push(
      placeOrder(d, {
        household: e.household,
        name: e.name,
        items: e.items,
        refused: refusedOf(e),
        sourceMessage: `${source}#${e.household ?? e.name ?? results.length}`,
        proxy: isProxy(d, e.household, d.s.message.text),
        reply: false,
      }),
    );
  }
  const answer = texts.severalOrders(
    results.map((r) =>
      r.ok
        ? {
            household: r.household,
            ok: true as const,
            items: r.items,
            deliveryDate: r.deliveryDate,
            deferredFrom: r.deferredFrom,
            refused: r.refused,
          }
        : { household: r.household, ok: false as const, reason: r.reason, nextDate: r.nextDate ?? null },
    ),
    d.ruleFacts,
  );
  d.ack(answer, answer);
}

/** Not a request: silent — but a price complaint goes to the officials, and a message that names goods for a household is asked about. */
function decideNone(d: Draft, p: Parsed, household: string | null): void {
  if (p.complaint) {
    d.d.complaint = p.complaint;
    d.event({
      type: "price.complaint",
      goods: p.complaint.goods,
      sku: p.complaint.sku,
      price: p.complaint.price,
      unit: p.complaint.unit,
    });
    return;
  }
  if (p.unclear && household) {
    d.refuse(household, "UNCLEAR", texts.askIntent(household, d.s.message.text));
  }
}
