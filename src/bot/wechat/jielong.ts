import { types } from "wechaty";

/**
 * WeChat 接龙 (group solitaire) lists are app messages of WeChat type 53, which
 * Wechaty reports as `GroupNote`; some puppets hand them over as `Unknown` / `Url`
 * with the raw `<appmsg>` XML as text. The list itself is in `<title>`.
 * Detection is by message type and XML shape only, never by what the list says.
 */
const APPMSG_TYPE_53 = /<appmsg[\s>][\s\S]*<type>\s*53\s*<\/type>/;
const TITLE = /<title>([\s\S]*?)<\/title>/;

/** The list text when the message is a 接龙 list, otherwise null. */
export function jielongText(type: types.Message, text: string): string | null {
  const isAppmsg53 = APPMSG_TYPE_53.test(text);
  if (type !== types.Message.GroupNote && !isAppmsg53) return null;
  if (!text.includes("<appmsg")) return text;
  const title = TITLE.exec(text)?.[1];
  return title === undefined ? null : decodeXmlText(title);
}

function decodeXmlText(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1] ?? "";
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
