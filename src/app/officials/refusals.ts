// Refused orders are kept (AuditLog rows, action "order.rejected") so the daily
// report can count them by village and reason. Written in the message's transaction.
import type { InboundMessage } from "../../domain/messages";
import type { DbOrTx, GroupCtx } from "../context";
import type { DomainEvent } from "../deps";

export async function recordRefusals(
  tx: DbOrTx,
  group: GroupCtx,
  msg: Pick<InboundMessage, "senderId" | "at">,
  events: readonly DomainEvent[],
): Promise<void> {
  const rows = events
    .filter((e) => e.type === "order.rejected")
    .map((e) => ({
      at: msg.at,
      actor: msg.senderId,
      action: "order.rejected",
      subject: String(e.reason ?? "UNKNOWN"),
      data: {
        villageId: group.villageId,
        gridId: group.gridId,
        chat: group.chatId,
        household: (e.household as string | null | undefined) ?? null,
        partial: e.partial === true,
      },
    }));
  if (rows.length) await tx.auditLog.createMany({ data: rows });
}
