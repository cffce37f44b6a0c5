// Rumour watch: officials register a rumour's keywords with its correction; when a
// resident mentions it in a grid group the bot answers with the correction, once per
// rumour, chat and local day.
import type { InboundMessage } from "../../domain/messages";
import { localDate } from "../../domain/local-time";
import { matchRumour } from "../../flows/officials/rumour";
import { officialTexts, render } from "../../texts";
import type { Db } from "../../db/database";
import type { GroupCtx } from "../context";
import type { AppDeps } from "../deps";
import { Effects, replyChat, runEffects } from "../effects";
import { claimMessage, commodityIndex, idFromMessage, loadAlertSettings, type OfficialCtx } from "./common";

export async function watchRumour(c: OfficialCtx, keywords: string[], text: string): Promise<void> {
  const id = idFromMessage("R", c.msg);
  const fresh = await c.deps.db.$transaction(async (tx) => {
    if (!(await claimMessage(tx, c.msg, "rumour-watch"))) return false;
    await tx.rumourWatch.create({ data: { id, keywords, text, issuedBy: c.msg.senderId, createdAt: c.msg.at } });
    return true;
  });
  if (!fresh) return; // the same command delivered again
  c.fx.event({ type: "rumour.watch", chat: c.msg.chatId, watchId: id, keywords, text, by: c.msg.senderId });
  c.say(officialTexts.rumourWatching({ id, keywords }));
}

export async function listWatches(db: Db): Promise<Array<{ id: string; keywords: string[]; text: string }>> {
  return db.rumourWatch.findMany({
    where: { active: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, keywords: true, text: true },
  });
}

export async function stopWatch(db: Db, id: string): Promise<boolean> {
  const r = await db.rumourWatch.updateMany({ where: { id: id.toUpperCase(), active: true }, data: { active: false } });
  return r.count > 0;
}

/**
 * Called for every message in a grid group (before the order flow, which it does not
 * change). Residents only: leaders, volunteers and officials quoting a rumour to deny it are not answered.
 */
export async function answerRumour(deps: AppDeps, msg: InboundMessage, group: GroupCtx): Promise<void> {
  if (!msg.text.trim()) return;
  const watches = deps.config ? await deps.config.watches() : await listWatches(deps.db);
  const hit = matchRumour(msg.text, watches);
  if (!hit) return;
  const member = await deps.db.member.findUnique({
    where: { platform_userId: { platform: msg.platform, userId: msg.senderId } },
    include: { roles: true },
  });
  if (member?.roles.some((r) => r.role !== "resident")) return;
  const day = localDate(msg.at, deps.timezone);
  const r = await deps.db.rumourAnswer.createMany({
    data: [{ watchId: hit.watch.id, chatGroupId: group.id, day, at: msg.at }],
    skipDuplicates: true,
  });
  if (r.count !== 1) return; // answered in this chat today already
  const settings = await loadAlertSettings(deps.db, commodityIndex(deps));
  const fx = new Effects();
  fx.event({
    type: "rumour.answered",
    chat: msg.chatId,
    watchId: hit.watch.id,
    keyword: hit.keyword,
    from: msg.senderId,
    day,
  });
  fx.say(
    replyChat(msg),
    render(officialTexts.rumourAnswer({ text: hit.watch.text, office: settings.office }), group.language),
    [],
    `rumour:${hit.watch.id}:${group.id}:${day}`,
  );
  await runEffects(deps, fx);
}
