// The chat adapters a bot process holds, from configuration: nothing configured → the local
// chat console; a Telegram token → Telegram; a WeChat puppet → WeChat; both → both.
import { CONSOLE_HELP, consoleHelp } from "../texts/console";
import type { AppDeps, ButtonAnswers } from "../app/deps";
import { loadRules } from "../app/context";
import { ConsoleAdapter } from "../bot/console/console-adapter";
import type { Config } from "../config";
import { systemClock } from "../domain/clock";
import type { ChatAdapter, Platform } from "../domain/messages";
import { deliveryDateFor } from "../flows/order-rules";
import type { Logger } from "../infra/logger";

/** Whether this process talks through the local console (no platform configured). */
export const usesConsole = (cfg: Config): boolean => !cfg.TELEGRAM_BOT_TOKEN && !cfg.WECHATY_PUPPET;

/** The platforms this process holds an account of, and so sends for. */
export function platformsOf(cfg: Config): Platform[] {
  return [
    ...(usesConsole(cfg) ? ["console" as const] : []),
    ...(cfg.TELEGRAM_BOT_TOKEN ? ["telegram" as const] : []),
    ...(cfg.WECHATY_PUPPET ? ["wechat" as const] : []),
  ];
}

type Answering = ChatAdapter & {
  alert?(id: string, text: string): Promise<boolean>;
  ackAction?(id: string, text: string | null): Promise<boolean>;
};

/** A pressed button is answered by the adapter it came through (Telegram callback queries). */
export function buttonAnswers(adapters: ReadonlyMap<string, ChatAdapter>): ButtonAnswers {
  return {
    answer: async (platform, messageId, text, alert) => {
      const a = adapters.get(platform) as Answering | undefined;
      if (alert && text) await a?.alert?.(messageId, text);
      else await a?.ackAction?.(messageId, text);
    },
  };
}

/** Telegram in a group where privacy mode hides residents' messages from the bot. */
export function telegramPrivacyOn(adapters: ReadonlyMap<string, ChatAdapter>): (platform: string) => boolean {
  return (platform) =>
    platform === "telegram" &&
    (
      adapters.get("telegram") as (ChatAdapter & { canReadAllGroupMessages(): boolean | null }) | undefined
    )?.canReadAllGroupMessages() === false;
}

/** The console: the sample village's groups, its leaders and officials as `/as` identities, and `/cutoff`. */
export async function consoleAdapter(
  deps: AppDeps,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<ConsoleAdapter> {
  const db = deps.db;
  const groups = await db.chatGroup.findMany({
    where: { platform: "console", active: true },
    orderBy: [{ isOfficials: "asc" }, { chatId: "asc" }],
  });
  const leaders = await db.memberRole.findMany({
    where: { member: { platform: "console" } },
    include: { member: true },
  });
  const firstGrid = groups.find((g) => g.villageId);
  const firstVillage = firstGrid?.villageId
    ? await db.village.findUnique({ where: { id: firstGrid.villageId } })
    : null;
  const identities: Record<string, { userId: string; name: string; chatId?: string }> = {};
  const officialsChat = groups.find((g) => g.isOfficials)?.chatId;
  for (const r of leaders) {
    const key = r.member.userId;
    identities[key] = {
      userId: r.member.userId,
      name: r.member.displayName ?? key,
      ...(r.role === "official" && officialsChat ? { chatId: officialsChat } : {}),
    };
  }
  const chats = groups.map((g) => ({ chatId: g.chatId, title: g.title ?? g.chatId }));
  return new ConsoleAdapter({
    input: io.input,
    output: io.output,
    clock: () => systemClock.now(),
    chats,
    identities,
    help: consoleHelp({
      identities: Object.keys(identities),
      chats: chats.map((c) => c.chatId),
      extra: [CONSOLE_HELP.cutoff(firstVillage?.cutoff ?? "20:00")],
    }),
    extraCommands: {
      "/cutoff": {
        run: async (chatId) => {
          const g = groups.find((x) => x.chatId === chatId);
          if (!g?.gridId) return "(not a grid group)";
          const rules = await loadRules(db, g.villageId, deps.timezone);
          const now = deps.clock.now();
          const next = deliveryDateFor(now, rules);
          await deps.scheduler.schedule({
            name: "cutoff",
            payload: { gridId: g.gridId, deliveryDate: next },
            runAt: now,
            key: `manual-cutoff:${g.gridId}:${now.getTime()}`,
          });
          return `(截单任务已提交 / cut-off job queued for delivery date ${next})`;
        },
      },
    },
  });
}

/** Telegram and WeChat, as configured (loaded only when configured). */
export async function platformAdapters(cfg: Config, log: Logger): Promise<ChatAdapter[]> {
  const out: ChatAdapter[] = [];
  if (cfg.TELEGRAM_BOT_TOKEN) {
    const { createTelegramAdapter } = await import("../bot/telegram");
    const mode = cfg.TELEGRAM_WEBHOOK_DOMAIN
      ? { webhook: { domain: cfg.TELEGRAM_WEBHOOK_DOMAIN, port: cfg.TELEGRAM_WEBHOOK_PORT ?? 8443 } }
      : "polling";
    out.push(
      createTelegramAdapter({
        token: cfg.TELEGRAM_BOT_TOKEN,
        ...(cfg.TELEGRAM_API_ROOT ? { apiRoot: cfg.TELEGRAM_API_ROOT } : {}),
        mode,
        log: (o, m) => log.info(o, m),
      }),
    );
  }
  if (cfg.WECHATY_PUPPET) {
    const { createWechatAdapter } = await import("../bot/wechat");
    out.push(
      createWechatAdapter({
        puppet: cfg.WECHATY_PUPPET,
        ...(cfg.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetToken: cfg.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
        name: cfg.WECHATY_NAME,
        log: (o, m) => log.info(o, m),
      }),
    );
  }
  return out;
}
