// Room/group events: the bot removed (group marked inactive, officials told), a
// Telegram group upgraded to a supergroup (binding kept), logins and logouts. An event
// from a group names our account that saw it: the group is that account's (./group-account.ts).
import type { ChatEvent } from "../domain/messages";
import { groupTexts, render, type Text } from "../texts";
import { officialsLanguage } from "./officials/common";
import { resolveGroup } from "./context";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { noteChatAccount } from "./group-account";

async function tellOfficials(deps: AppDeps, fx: Effects, t: Text): Promise<void> {
  const lang = await officialsLanguage(deps.db);
  for (const g of await deps.db.chatGroup.findMany({ where: { isOfficials: true, active: true } }))
    fx.say(g, render(t, lang));
}

export async function markGroupInactive(deps: AppDeps, platform: string, chatId: string, why: string): Promise<void> {
  const g = await deps.db.chatGroup.findUnique({
    where: { platform_chatId: { platform, chatId } },
    include: { village: true, grid: true },
  });
  if (!g?.active) return;
  await deps.db.chatGroup.update({ where: { id: g.id }, data: { active: false } });
  const fx = new Effects();
  fx.event({ type: "group.inactive", chat: chatId, platform, why });
  const name = g.title ?? chatId;
  await tellOfficials(
    deps,
    fx,
    groupTexts.botGone(name, g.village ? `${g.village.name} 网格${g.grid?.code ?? ""}` : null, why),
  );
  await runEffects(deps, fx);
}

export async function handleChatEvent(deps: AppDeps, ev: ChatEvent): Promise<void> {
  // Groups change here (removed, migrated, bound): the cached ones are dropped after.
  await actOn(deps, ev).finally(() => deps.config?.invalidate());
}

async function actOn(deps: AppDeps, ev: ChatEvent): Promise<void> {
  switch (ev.type) {
    case "bot_removed": {
      // Another of our accounts, still in the group, keeps it going (it says what is said there).
      const g = await deps.db.chatGroup.findUnique({
        where: { platform_chatId: { platform: ev.platform, chatId: ev.chatId } },
        select: { account: true },
      });
      if (ev.account && g?.account && g.account !== ev.account) {
        deps.log.info({ chat: ev.chatId, removed: ev.account, stays: g.account }, "one of our accounts left the group");
        return;
      }
      await markGroupInactive(deps, ev.platform, ev.chatId, "removed from the group");
      return;
    }
    case "chat_migrated": {
      const g = await deps.db.chatGroup.findUnique({
        where: { platform_chatId: { platform: ev.platform, chatId: ev.chatId } },
      });
      const taken = await deps.db.chatGroup.findUnique({
        where: { platform_chatId: { platform: ev.platform, chatId: ev.newChatId } },
      });
      if (g && !taken) await deps.db.chatGroup.update({ where: { id: g.id }, data: { chatId: ev.newChatId } });
      await noteChatAccount(deps.db, { ...ev, chatId: g && !taken ? ev.newChatId : ev.chatId });
      deps.log.info({ from: ev.chatId, to: ev.newChatId }, "group migrated");
      return;
    }
    case "bot_added": {
      const fx = new Effects();
      const g = await resolveGroup(deps.db, ev.platform, ev.chatId, ev.chatTitle);
      // The account added is the group's now.
      if (g)
        await deps.db.chatGroup.update({
          where: { id: g.id },
          data: { active: true, ...(ev.account ? { account: ev.account } : {}) },
        });
      else
        fx.say({ platform: ev.platform, chatId: ev.chatId, account: ev.account }, render(groupTexts.hello(), "zh+en"));
      await runEffects(deps, fx);
      return;
    }
    case "topic_changed":
      await deps.db.chatGroup.updateMany({
        where: { platform: ev.platform, chatId: ev.chatId },
        data: { title: ev.topic },
      });
      await noteChatAccount(deps.db, ev);
      return;
    case "logout": {
      const fx = new Effects();
      deps.log.warn({ platform: ev.platform, account: ev.account, reason: ev.reason }, "logged out");
      await tellOfficials(deps, fx, groupTexts.loggedOut(ev.platform, ev.account, ev.reason));
      await runEffects(deps, fx);
      return;
    }
    case "login":
      deps.log.info({ platform: ev.platform, account: ev.account }, "logged in");
      return;
    case "member_joined":
    case "member_left":
      deps.log.debug({ chat: ev.chatId, n: ev.userIds.length }, ev.type);
      await noteChatAccount(deps.db, ev);
      return;
  }
}
