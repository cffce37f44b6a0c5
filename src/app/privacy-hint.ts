// Telegram's privacy mode shows a bot only commands, @-mentions and replies in groups:
// orders typed as plain messages never arrive. Where that is so, the bot says it once
// per group (when the first command arrives), with how to turn privacy mode off.
import type { InboundMessage } from "../domain/messages";
import { render, residentTexts } from "../texts";
import type { Outbox } from "./deps";

export function privacyHinter(
  outbox: Outbox,
  seesOnlyCommands: (platform: string) => boolean,
): (m: InboundMessage) => Promise<void> {
  const told = new Set<string>();
  return async (m) => {
    const key = `${m.platform}:${m.chatId}`;
    if (told.has(key) || !seesOnlyCommands(m.platform)) return;
    told.add(key);
    await outbox.send(
      {
        platform: m.platform,
        chatId: m.chatId,
        text: render(residentTexts.telegramPrivacy(), "zh+en"),
        ...(m.account ? { account: m.account } : {}), // the account that received it is in the group
      },
      { key: `privacy:${key}` },
    );
  };
}
