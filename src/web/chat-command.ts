// `/dashboard` in the chat: officials in their chat get a one-time link to the
// town's dashboard; a leader in their grid group gets one for that grid, and then
// confirms the browser that opened it with `/dashboard <code>`. Anyone else is told
// no and gets nothing.
import type { DbOrTx, GroupCtx, SenderCtx } from "../app/context";
import type { AppDeps } from "../app/deps";
import { replyChat, type Effects } from "../app/effects";
import { claimMessage, messageKey } from "../app/inbound-claim";
import { gridLabel } from "../app/batches";
import type { InboundMessage } from "../domain/messages";
import { confirmByCode, issueLink } from "./sessions";
import { chatTexts } from "../texts/dashboard";

export async function dashboardCommand(
  deps: AppDeps,
  msg: InboundMessage,
  group: GroupCtx,
  sender: SenderCtx,
  code: string | null,
  fx: Effects,
): Promise<void> {
  const chat = replyChat(msg);
  const key = `${messageKey(msg)}#dashboard`;
  const deny = () => {
    fx.event({ type: "denied", chat: msg.chatId, from: msg.senderId, reason: "NOT_LEADER", command: "dashboard" });
    fx.say(chat, chatTexts.notAllowed(), [], key);
  };
  if (!deps.dashboard) {
    fx.say(chat, chatTexts.off(), [], key);
    return;
  }
  // A command delivered twice issues one link (the claim and the link commit together).
  const once = (issue: (tx: DbOrTx) => Promise<string>) =>
    deps.db.$transaction(async (tx) => ((await claimMessage(tx, msg, "dashboard")) ? issue(tx) : null));

  if (group.isOfficials) {
    if (!sender.roles.has("official")) return deny();
    const token = await once(
      async (tx) =>
        (
          await issueLink(
            { db: tx, clock: deps.clock },
            { memberId: sender.memberId, role: "official", scope: "*", chatGroupId: group.id },
          )
        ).token,
    );
    if (!token) return;
    fx.event({ type: "dashboard.link", chat: msg.chatId, by: msg.senderId, role: "official" });
    fx.say(chat, chatTexts.officialLink(linkUrl(deps.dashboard.url, token)), [], key);
    return;
  }
  if (!group.gridId) return deny();
  if (!sender.roles.has("leader")) {
    if (sender.roles.has("official")) {
      fx.say(chat, chatTexts.useOfficialsChat(), [], key);
      return;
    }
    return deny();
  }
  if (code !== null) {
    if (!(await claimMessage(deps.db, msg, "dashboard"))) return;
    const ok = await confirmByCode(deps, { memberId: sender.memberId, gridId: group.gridId, code });
    fx.event({ type: "dashboard.confirm", chat: msg.chatId, by: msg.senderId, ok });
    fx.say(chat, ok ? chatTexts.confirmed() : chatTexts.badCode(), [], key);
    return;
  }
  const grid = await deps.db.grid.findUniqueOrThrow({ where: { id: group.gridId } });
  const gridId = group.gridId;
  const token = await once(
    async (tx) =>
      (
        await issueLink(
          { db: tx, clock: deps.clock },
          { memberId: sender.memberId, role: "leader", scope: gridId, chatGroupId: group.id },
        )
      ).token,
  );
  if (!token) return;
  fx.event({ type: "dashboard.link", chat: msg.chatId, by: msg.senderId, role: "leader" });
  fx.say(chat, chatTexts.leaderLink(linkUrl(deps.dashboard.url, token), gridLabel(grid)), [], key);
}

export function linkUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, "")}/login/${token}`;
}
