import type { OutboundMessage } from "../../domain/messages";

/**
 * WeChat has no inline buttons: each button becomes a line `【text】` under the
 * message, so people can reply with that text. The wording of the button text comes
 * from the templates; the adapter adds only the brackets.
 */
export function renderWechatText(msg: Pick<OutboundMessage, "text" | "buttons">): string {
  if (msg.buttons.length === 0) return msg.text;
  const lines = msg.buttons.map((b) => `【${b.text}】`);
  return `${msg.text}\n\n${lines.join("\n")}`;
}
