// Reading Telegram message entities. Offsets and lengths are UTF-16 code units,
// which is what JavaScript string indices are, so plain slicing is exact.
import type { BotIdentity, TgEntity } from "./wire";

function entityText(text: string, e: TgEntity): string {
  return text.slice(e.offset, e.offset + e.length);
}

/**
 * `/confirm@baogong_bot` → `/confirm`, for commands addressed to this bot only, so the
 * flows see one spelling whether or not the client added the suffix. Commands for
 * other bots keep their suffix.
 */
export function stripOwnCommandSuffix(text: string, entities: readonly TgEntity[], username: string | null): string {
  if (!username) return text;
  const own = `@${username.toLowerCase()}`;
  const commands = entities.filter((e) => e.type === "bot_command").sort((a, b) => b.offset - a.offset); // right to left, so earlier offsets stay valid
  let out = text;
  for (const e of commands) {
    const cmd = entityText(out, e);
    const at = cmd.indexOf("@");
    if (at < 0 || cmd.slice(at).toLowerCase() !== own) continue;
    out = out.slice(0, e.offset + at) + out.slice(e.offset + e.length);
  }
  return out;
}

/** True when an entity @-mentions the bot by username, or names it in a text_mention. */
export function mentionsBot(text: string, entities: readonly TgEntity[], bot: BotIdentity): boolean {
  const own = bot.username ? `@${bot.username.toLowerCase()}` : null;
  return entities.some(
    (e) =>
      (e.type === "mention" && own !== null && entityText(text, e).toLowerCase() === own) ||
      (e.type === "text_mention" && e.user !== undefined && String(e.user.id) === bot.id),
  );
}
