// Refused orders are kept (AuditLog rows, action "order.rejected") so the daily
// report can count them by village and reason. Written in the message's transaction.
import type { InboundMessage } from "../../domain/messages";
import { randomUUID } from "node:crypto";
import type { Sql } from "../../db/sql";
import type { GroupCtx } from "../context";
import type { DomainEvent } from "../deps";

export async function recordRefusals(
  tx: Sql,
  group: GroupCtx,
  msg: Pick<InboundMessage, "senderId" | "at">,
  events: readonly DomainEvent[],
): Promise<void> {
  const rows = events
    .filter((e) => e.type === "order.rejected")
    .map((e) => ({
      id: randomUUID(),
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
  if (rows.length)
    await tx.run(
      `INSERT INTO "AuditLog" ("id", "at", "actor", "action", "subject", "data")
       SELECT x."id", $2::timestamp(3), x."actor", x."action", x."subject", x."data"
         FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "actor" text, "action" text, "subject" text, "data" jsonb)`,
      JSON.stringify(rows),
      msg.at,
    );
}
