// One inbound message is handled once: its platform id is claimed as a unique key,
// inside the transaction that does the work.
import type { InboundMessage } from "../domain/messages";
import type { DbOrTx } from "./context";

export function messageKey(m: Pick<InboundMessage, "platform" | "chatId" | "messageId">): string {
  return `${m.platform}:${m.chatId}:${m.messageId}`;
}

/** Claims the message inside `tx` (`handledAt`: now; default the message's own time); false when it was handled before. */
export async function claimMessage(
  tx: DbOrTx,
  m: InboundMessage,
  kind: string,
  handledAt: Date = m.at,
): Promise<boolean> {
  const r = await tx.inboundMessage.createMany({
    data: [
      { key: messageKey(m), platform: m.platform, chatId: m.chatId, senderId: m.senderId, receivedAt: handledAt, kind },
    ],
    skipDuplicates: true,
  });
  return r.count === 1;
}
