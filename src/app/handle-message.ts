// One inbound message, load → decide → apply: parse (pure); in one transaction, claim
// the message id (a message delivered twice is handled once), load what the decision
// needs (src/app/message-load.ts), decide (src/flows/decide, pure), apply the writes
// and record what is to be said (src/app/message-apply.ts); only after the commit,
// say it and schedule what comes later.
import type { InboundMessage } from "../domain/messages";
import { parseCommand } from "../flows/commands";
import { decideMessage, type Parsed } from "../flows/decide";
import { parseMessage } from "../flows/parse";
import { resolveGroup } from "./context";
import { claimMessage, messageKey } from "./inbound-claim";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { handleCommand } from "./commands";
import { applyDecision } from "./message-apply";
import { loadSnapshot } from "./message-load";
import { answerRumour, handleOfficialsChat, recordRefusals } from "./officials";

/** Whether a parsed message asks anything of the bot (else it stays silent and nothing is stored). */
function wantsSomething(p: Parsed): boolean {
  return p.kind !== "none" || !!p.complaint || !!p.unclear;
}

export async function handleMessage(deps: AppDeps, msg: InboundMessage): Promise<void> {
  const group = await resolveGroup(deps.db, msg.platform, msg.chatId, msg.chatTitle);
  const edit = msg.edits !== null || msg.recalls !== null;
  const cmd = edit ? null : parseCommand(msg.text, msg.action);
  if (cmd) return handleCommand(deps, msg, group, cmd);
  if (group?.active && group.isOfficials) {
    if (!edit) await handleOfficialsChat(deps, msg, group); // 今日价格 …
    return;
  }
  if (!group || !group.active || group.isOfficials || !group.villageId) return;
  const parsed: Parsed = msg.recalls ? { kind: "none", household: null, name: null, phone: null, items: [], rejected: [], entries: [], medicines: [] } : parseMessage({ text: msg.text, sender: msg.senderName }, deps.catalog.index());
  if (!edit) await answerRumour(deps, msg, group); // a watched rumour gets its correction; the order flow goes on
  if (!edit && !wantsSomething(parsed)) return; // chatter: the bot stays silent
  const villageGroup = { ...group, villageId: group.villageId };
  let fx = new Effects();
  const handledAt = deps.clock.now();
  const fresh = await deps.db.$transaction(async (tx) => {
    fx = new Effects(); // a transaction tried again starts with nothing gathered
    if (!(await claimMessage(tx, msg, msg.recalls ? "recall" : parsed.kind, handledAt))) return false;
    const snapshot = await loadSnapshot({ tx, msg, group: villageGroup, parsed, catalog: deps.catalog, timezone: deps.timezone, handledAt });
    const decision = decideMessage(snapshot);
    await applyDecision(tx, snapshot, decision, fx);
    await recordRefusals(tx, group, msg, fx.events); // counted in the daily report
    // Keys derived from the message: a reply queued twice (a crash, a retry) is sent once.
    fx.keyBy(messageKey(msg));
    await fx.record(tx, handledAt);
    return true;
  }, { timeout: 30_000, maxWait: 30_000 });
  if (fresh) await runEffects(deps, fx);
  else deps.log.debug({ key: messageKey(msg) }, "duplicate message ignored");
}
