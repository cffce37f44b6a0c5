// The officials' commands and the price lists pasted in their chat: who may do
// what, then the effect runner for each.
import type { InboundMessage } from "../../domain/messages";
import type { OfficialVerb } from "../../flows/commands";
import { isPriceList, stripPriceListHeader } from "../../flows/officials/inputs";
import { officialTexts, render, residentTexts } from "../../texts";
import { loadSender, type GroupCtx, type SenderCtx } from "../context";
import type { AppDeps } from "../deps";
import { Effects, replyChat, runEffects } from "../effects";
import { notice, rumour } from "./broadcasts";
import { claimMessage, inboundKey, officialsLanguage, type OfficialCtx } from "./common";
import { reportPrices } from "./prices";
import { reportNow } from "./report";
import { reportStock } from "./stock";

/** Prices may come from shops too (role supplier); everything else is for officials. */
function allowed(verb: OfficialVerb, sender: SenderCtx): boolean {
  if (sender.roles.has("official")) return true;
  return verb === "price" && sender.roles.has("supplier");
}

function deny(c: OfficialCtx, verb: string): void {
  c.fx.event({ type: "denied", chat: c.msg.chatId, from: c.msg.senderId, reason: "NOT_OFFICIAL", command: verb });
  c.say(residentTexts.denied("NOT_OFFICIAL"));
}

/** `/price`, `/stock`, `/notice`, `/rumour`, `/report` (dispatched from src/app/commands.ts; effects run there). */
export async function handleOfficialCommand(
  deps: AppDeps,
  msg: InboundMessage,
  group: GroupCtx,
  sender: SenderCtx,
  verb: OfficialVerb,
  args: string,
  fx: Effects,
): Promise<void> {
  const chat = replyChat(msg);
  const lang = group.isOfficials ? await officialsLanguage(deps.db) : group.language;
  const c: OfficialCtx = { deps, msg, chat, fx, lang, say: (t) => fx.say(chat, render(t, lang)) };
  if (!allowed(verb, sender)) return deny(c, verb);
  if (!group.isOfficials) {
    c.say(officialTexts.wrongChat());
    return;
  }
  const first = fx.messages.length;
  switch (verb) {
    case "price":
      if (!args) c.say(officialTexts.usage("price"));
      else await reportPrices(c, args);
      break;
    case "stock":
      if (!args) c.say(officialTexts.usage("stock"));
      else await reportStock(c, args);
      break;
    case "notice":
      await notice(c, args);
      break;
    case "rumour":
      await rumour(c, args);
      break;
    case "report":
      if (await claimMessage(deps.db, msg, "report")) await reportNow(c);
      break;
  }
  // Replies keyed by the message: a redelivered command is not answered twice.
  for (const [i, m] of fx.messages.slice(first).entries()) m.key ??= `${inboundKey(msg)}#${i}`;
}

/** A plain message in the officials' chat: a pasted price list (今日价格 …) is a price report; anything else is their conversation. */
export async function handleOfficialsChat(deps: AppDeps, msg: InboundMessage, group: GroupCtx): Promise<void> {
  if (!isPriceList(msg.text)) return;
  const sender = await loadSender(deps.db, msg.platform, msg.senderId, msg.senderName, group);
  const fx = new Effects();
  await handleOfficialCommand(deps, msg, group, sender, "price", stripPriceListHeader(msg.text), fx);
  await runEffects(deps, fx);
}
