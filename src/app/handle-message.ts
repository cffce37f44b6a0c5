// One inbound message, load → decide → apply: parse (pure); in one transaction (on the
// database's own driver, without Prisma: src/db/sql.ts), claim
// the message id (a message delivered twice is handled once), load what the decision
// needs (src/app/message-load.ts), decide (src/flows/decide, pure), apply the writes
// and record what is to be said (src/app/message-apply.ts); only after the commit,
// say it and schedule what comes later.
import type { InboundMessage } from "../domain/messages";
import { parseCommand } from "../flows/commands";
import { decideMessage, type Parsed } from "../flows/decide";
import { parseMessage } from "../flows/parse";
import { claimAndLoadSender, loadRules, resolveGroup } from "./context";
import { messageKey } from "./inbound-claim";
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
  const group = deps.config
    ? await deps.config.group(msg.platform, msg.chatId, msg.chatTitle)
    : await resolveGroup(deps.db, msg.platform, msg.chatId, msg.chatTitle);
  const edit = msg.edits !== null || msg.recalls !== null;
  const cmd = edit ? null : parseCommand(msg.text, msg.action);
  // Commands and the officials' chat may change what is cached (limits, watches, bindings):
  // it is dropped once they are done, before this chat's next message.
  if (cmd) return handleCommand(deps, msg, group, cmd).finally(() => deps.config?.invalidate());
  if (group?.active && group.isOfficials) {
    if (!edit) await handleOfficialsChat(deps, msg, group).finally(() => deps.config?.invalidate()); // 今日价格 …
    return;
  }
  if (!group?.active || group.isOfficials || !group.villageId) return;
  const parsed: Parsed = msg.recalls
    ? { kind: "none", household: null, name: null, phone: null, items: [], rejected: [], entries: [], medicines: [] }
    : parseMessage({ text: msg.text, sender: msg.senderName }, deps.catalog.index());
  if (!edit) await answerRumour(deps, msg, group); // a watched rumour gets its correction; the order flow goes on
  if (!edit && !wantsSomething(parsed)) return; // chatter: the bot stays silent
  const villageGroup = { ...group, villageId: group.villageId };
  let fx = new Effects();
  const handledAt = deps.clock.now();
  const rules = deps.config
    ? await deps.config.rules(villageGroup.villageId, deps.timezone)
    : await loadRules(deps.db, villageGroup.villageId, deps.timezone);
  const fresh = await deps.sql.transaction(async (tx) => {
    fx = new Effects(); // a transaction tried again starts with nothing gathered
    // The message id claimed and the sender loaded in one statement.
    const sender = await claimAndLoadSender(
      tx,
      { ...msg, key: messageKey(msg) },
      msg.recalls ? "recall" : parsed.kind,
      handledAt,
      villageGroup,
    );
    if (!sender) return false;
    const snapshot = await loadSnapshot({
      tx,
      msg,
      group: villageGroup,
      parsed,
      catalog: deps.catalog,
      timezone: deps.timezone,
      handledAt,
      sender,
      rules,
    });
    const decision = decideMessage(snapshot);
    await applyDecision(tx, snapshot, decision, fx);
    await recordRefusals(tx, group, msg, fx.events); // counted in the daily report
    // Keys derived from the message: a reply queued twice (a crash, a retry) is sent once.
    fx.keyBy(messageKey(msg));
    await fx.record(tx, handledAt);
    return true;
  });
  if (fresh) await runEffects(deps, fx);
  else deps.log.debug({ key: messageKey(msg) }, "duplicate message ignored");
}
