// The effect runner for one inbound message: parse (pure), load what the rules
// need, decide, store, and only then answer. A message delivered twice is
// handled once (its platform id is a unique key, claimed in the same transaction).
import { lockExclusive } from "../db/locks";
import type { InboundMessage } from "../domain/messages";
import { parseCommand } from "../flows/commands";
import { parseMessage, type ParseResult } from "../flows/parse";
import { diffList, type ListEntry } from "../flows/jielong";
import { texts } from "../flows/texts";
import { ensureHousehold, loadRules, loadSender, resolveGroup, type SenderCtx } from "./context";
import { claimMessage, messageKey } from "./inbound-claim";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { amendOrder, cancelOrder, hasOpenOrder, orderStatus, placeOrder, sayRefusal, type OrderCtx, type Refused } from "./orders";
import { handleCommand } from "./commands";
import { answerRumour, handleOfficialsChat, recordRefusals } from "./officials";

export async function handleMessage(deps: AppDeps, msg: InboundMessage): Promise<void> {
  const group = await resolveGroup(deps.db, msg.platform, msg.chatId, msg.chatTitle);
  const cmd = parseCommand(msg.text, msg.action);
  if (cmd) return handleCommand(deps, msg, group, cmd);
  if (group?.active && group.isOfficials) return handleOfficialsChat(deps, msg, group); // 今日价格 …
  if (!group || !group.active || group.isOfficials || !group.villageId) return;
  const parsed = parseMessage({ text: msg.text, sender: msg.senderName }, deps.catalog.index());
  await answerRumour(deps, msg, group); // a watched rumour gets its correction; the order flow goes on
  if (parsed.kind === "none") return; // chatter: the bot stays silent
  let fx = new Effects();
  const handledAt = deps.clock.now();
  const fresh = await deps.db.$transaction(async (tx) => {
    fx = new Effects(); // a transaction tried again starts with nothing gathered
    if (!(await claimMessage(tx, msg, parsed.kind, handledAt))) return false;
    const sender = await loadSender(tx, msg.platform, msg.senderId, msg.senderName, group);
    const rules = await loadRules(tx, group.villageId, deps.timezone);
    const c: OrderCtx = { tx, fx, catalog: deps.catalog, group, sender, rules, now: msg.at, handledAt };
    await decide(c, parsed, msg);
    await recordRefusals(tx, group, msg, fx.events); // counted in the daily report
    // Keys derived from the message: a reply queued twice (a crash, a retry) is sent once.
    fx.keyBy(messageKey(msg));
    await fx.record(tx, handledAt);
    return true;
  }, { timeout: 30_000, maxWait: 30_000 });
  if (fresh) await runEffects(deps, fx);
  else deps.log.debug({ key: messageKey(msg) }, "duplicate message ignored");
}

const PROXY_MARK = /代下单|代订|代买|帮.{0,24}(订|下单|买)|替.{0,24}(订|下单)/;

function isProxy(sender: SenderCtx, parsed: ParseResult, text: string): boolean {
  if (!sender.roles.has("leader") && !sender.roles.has("volunteer")) return false;
  if (!parsed.household) return false;
  return PROXY_MARK.test(text) || (sender.householdCode !== null && sender.householdCode !== parsed.household);
}

const ADD_MARK = /再加|追加|加一|多加|另加|再来|再要|还要/;

/** Goods taken out (鸡蛋不要了) as quantities set to zero. */
function removedLines(parsed: ParseResult): Array<{ sku: string; qty: number }> {
  return (parsed.removed ?? []).map((sku) => ({ sku, qty: 0 }));
}

function refusedOf(parsed: { rejected: ParseResult["rejected"] }): Refused[] {
  return parsed.rejected.map((r) => ({ text: r.text, reason: r.reason }));
}

async function decide(c: OrderCtx, parsed: ParseResult, msg: InboundMessage): Promise<void> {
  const household = parsed.household ?? c.sender.householdCode;
  switch (parsed.kind) {
    case "order":
      // 再加一盒鸡蛋: more on the open order, not a second order.
      if (ADD_MARK.test(msg.text) && household && parsed.items.length && (await hasOpenOrder(c, household))) {
        await amendOrder(c, household, parsed.items, { mode: "add", refused: refusedOf(parsed) });
        return;
      }
      await placeOrder(c, {
        household: parsed.household, name: parsed.name, items: parsed.items, refused: refusedOf(parsed),
        sourceMessage: messageKey(msg), proxy: isProxy(c.sender, parsed, msg.text), reply: true,
      });
      return;
    case "amend": {
      if (!household) return noHousehold(c);
      const refused = refusedOf(parsed);
      const changes = [...removedLines(parsed), ...parsed.items];
      if (changes.length === 0 && refused.length) {
        // 改成一万份: nothing to change but something refused — say why, change nothing.
        c.fx.event({ type: "order.rejected", chat: c.group.chatId, household, reason: refused[0]!.reason, refused: refused.map((r) => r.text) });
        await sayRefusal(c, household, refused[0]!.reason, texts.rejected({ household, reason: refused[0]!.reason, refused: refused.map((r) => r.text) }));
        return;
      }
      await amendOrder(c, household, changes, { refused });
      return;
    }
    case "cancel":
      if (!household) return noHousehold(c);
      // 鸡蛋不要了: only those goods come out; 不要了 / 取消订单: the whole order.
      if (parsed.removed?.length) await amendOrder(c, household, removedLines(parsed));
      else await cancelOrder(c, household);
      return;
    case "status":
      if (!household) return noHousehold(c);
      await orderStatus(c, household);
      return;
    case "medicine":
      await medicine(c, parsed, household);
      return;
    case "jielong":
      await jielong(c, parsed, msg);
      return;
    default:
      return;
  }
}

async function noHousehold(c: OrderCtx): Promise<void> {
  c.fx.event({ type: "order.rejected", chat: c.group.chatId, household: null, reason: "NO_HOUSEHOLD" });
  await sayRefusal(c, null, "NO_HOUSEHOLD", texts.rejected({ household: null, reason: "NO_HOUSEHOLD" }));
}

async function medicine(c: OrderCtx, parsed: ParseResult, household: string | null): Promise<void> {
  if (!household) {
    c.fx.say(c.group, texts.medicineNoHousehold());
    return;
  }
  const hh = await ensureHousehold(c.tx, { villageId: c.group.villageId!, code: household, gridId: c.group.gridId, name: null });
  const req = await c.tx.medicineRequest.create({
    data: { householdId: hh.id, chatGroupId: c.group.id, requestedBy: c.sender.userId, text: parsed.medicines.map((m) => m.name).join("、"), items: parsed.medicines, createdAt: c.now },
  });
  c.fx.event({ type: "medicine.requested", chat: c.group.chatId, household, requestId: req.id, medicines: parsed.medicines });
  c.fx.say(c.group, texts.medicine({ household, medicines: parsed.medicines }));
}

type Entry = ListEntry & { rejected: Refused[] };

async function jielong(c: OrderCtx, parsed: ParseResult, msg: InboundMessage): Promise<void> {
  const title = (parsed as ParseResult & { title?: string | null }).title || "接龙";
  const entries: Entry[] = parsed.entries.map((e) => ({ household: e.household, name: e.name, items: e.items, rejected: refusedOf(e) }));
  // Reposts of one list take turns: each is compared with the copy the last one left.
  await lockExclusive(c.tx, `jl:${c.group.id}:${title}`);
  const prev = await c.tx.jielongList.findUnique({ where: { chatGroupId_title: { chatGroupId: c.group.id, title } } });
  const diff = diffList(prev ? (prev.entries as unknown as Entry[]) : null, entries);
  const summary = { title, added: [] as string[], changed: [] as string[], removed: [] as string[], refused: [] as string[] };
  for (const e of diff.added) {
    const r = await placeOrder(c, {
      household: e.household, name: e.name, items: e.items, refused: e.rejected,
      sourceMessage: `${messageKey(msg)}#${e.household}`, proxy: false, reply: false,
    });
    if (r.ok) summary.added.push(e.household!);
    else summary.refused.push(`${e.household ?? "?"} ${r.reason}`);
  }
  for (const e of diff.changed) {
    if (await amendOrder(c, e.household!, e.items, { reply: false, mode: "replace" })) summary.changed.push(e.household!);
    else summary.refused.push(`${e.household} BATCH_CONFIRMED`);
  }
  for (const e of diff.removed) if (await cancelOrder(c, e.household!, false)) summary.removed.push(e.household!);
  for (const e of entries) if (!e.household) summary.refused.push(`${e.name ?? "?"} NO_HOUSEHOLD`);
  await c.tx.jielongList.upsert({
    where: { chatGroupId_title: { chatGroupId: c.group.id, title } },
    create: { chatGroupId: c.group.id, title, entries: entries as object[], updatedAt: c.now },
    update: { entries: entries as object[], updatedAt: c.now },
  });
  c.fx.say(c.group, texts.jielongSummary(summary));
}

