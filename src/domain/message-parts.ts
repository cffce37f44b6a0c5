// Long messages in parts, at each platform's length limit: whole lines kept together,
// parts numbered (1/3), buttons on the last part (the sender puts them there). Pure.
import type { Platform } from "./messages";

/**
 * The most characters one message may hold, per platform. Telegram refuses a text over
 * 4,096 characters. WeChat documents no limit for a group message; long messages are
 * known to be cut or refused by some clients and puppets, so the bot keeps to 1,800
 * (about three screens on a phone). JavaScript counts UTF-16 code units, which is at least
 * the character count: an emoji counts twice, which only makes a part shorter.
 */
export const TEXT_LIMIT: Readonly<Record<Platform, number>> = {
  telegram: 4096,
  wechat: 1800,
  console: 1_000_000,
  sim: 1_000_000,
};

/**
 * What a platform adds to a message's text for its buttons: WeChat has none and writes
 * each as a line `【text】` under the message (src/bot/wechat/outbound.ts); Telegram's are
 * outside the text.
 */
export function buttonReserve(platform: Platform, buttons: ReadonlyArray<{ text: string }>): number {
  if (platform !== "wechat" || buttons.length === 0) return 0;
  return 2 + buttons.reduce((n, b) => n + b.text.length + 3, 0);
}

/** Room kept for the "(12/34) " in front of each part. */
const NUMBER_ROOM = 10;

/**
 * `text` as parts of at most `limit` characters each (`reserve` more kept free on the
 * last one, for what the platform adds there, e.g. WeChat's button lines). A line longer
 * than a part is cut at the limit; no other line is ever cut.
 */
export function splitText(text: string, limit: number, reserve = 0): string[] {
  if (text.length + reserve <= limit) return [text];
  const room = Math.max(20, limit - NUMBER_ROOM - reserve);
  const pieces: string[] = [];
  for (const line of text.split("\n")) {
    if (line.length <= room) pieces.push(line);
    else for (let i = 0; i < line.length; i += room) pieces.push(line.slice(i, i + room));
  }
  const parts: string[] = [];
  let cur: string | null = null;
  for (const p of pieces) {
    if (cur !== null && cur.length + 1 + p.length > room) {
      parts.push(cur);
      cur = p;
    } else cur = cur === null ? p : `${cur}\n${p}`;
  }
  if (cur !== null) parts.push(cur);
  return parts.map((p, i) => `(${i + 1}/${parts.length}) ${p}`);
}
