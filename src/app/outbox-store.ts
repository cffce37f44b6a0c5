// The outbox in PostgreSQL: every message the bot says is a row, written in the
// transaction that decided it (or, for messages said outside one, just before it is
// queued). Redis's send queue is only the fast path: the sweep queues again what is
// still pending after a while (its job vanished with a Redis that kept nothing), and
// `sentAt` keeps a message from going twice.
import { readButtons, toJson } from "../flows/json-columns";
import { AttachmentSchema, LaneSchema, type OutboundMessageInput } from "../domain/messages";
import { asSql, type Sql } from "../db/sql";
import type { DbOrTx } from "./context";

export interface OutboxItem {
  msg: OutboundMessageInput;
  key: string;
  notice?: { id: string; chatGroupId: string } | undefined;
}

/** An item as the outbox table's columns (without `createdAt`): a row of `insertOutboxFromJson`'s JSON array. */
export function outboxRow(it: OutboxItem) {
  return {
    key: it.key,
    platform: it.msg.platform,
    chatId: it.msg.chatId,
    text: it.msg.text,
    buttons: toJson(it.msg.buttons ?? []),
    lane: it.msg.lane ?? (it.notice ? "notice" : "answer"),
    attachment: it.msg.attachment ?? null,
    noticeId: it.notice?.id ?? null,
    chatGroupId: it.notice?.chatGroupId ?? null,
    account: it.msg.account ?? null,
  };
}

/**
 * SQL that records the items given as a JSON array of `outboxRow`s in the parameter named by
 * `rows` (`"$1"`), created at the timestamp parameter `at`: `recordOutbox`'s statement, and the
 * cut-off's, which writes them together with its batch. A key already recorded is left as it is.
 */
export function insertOutboxFromJson(rows: string, at: string): string {
  return `INSERT INTO "OutboxMessage" ("key", "platform", "chatId", "text", "buttons", "lane", "attachment", "noticeId", "chatGroupId", "account", "createdAt")
     SELECT x."key", x."platform", x."chatId", x."text", x."buttons", x."lane", x."attachment", x."noticeId", x."chatGroupId", x."account", ${at}::timestamp(3)
       FROM jsonb_to_recordset(${rows}::jsonb) AS x("key" text, "platform" text, "chatId" text, "text" text, "buttons" jsonb, "lane" text, "attachment" jsonb, "noticeId" text, "chatGroupId" text, "account" text)
     ON CONFLICT ("key") DO NOTHING`;
}

/**
 * Records messages as pending (a key already recorded is left as it is). One statement, in
 * `db`: a Prisma client or transaction, or an `Sql` transaction (an inbound message's).
 */
export async function recordOutbox(db: DbOrTx | Sql, items: readonly OutboxItem[], now: Date): Promise<void> {
  if (items.length === 0) return;
  await asSql(db).run(insertOutboxFromJson("$1", "$2"), JSON.stringify(items.map(outboxRow)), now);
}

/** The platform took the message: it is never queued again. */
export async function markOutboxSent(db: DbOrTx, key: string, at: Date): Promise<void> {
  await db.outboxMessage.updateMany({ where: { key, sentAt: null }, data: { sentAt: at, status: "sent" } });
}

/** Given up on (`failed`: attempts used up; `dropped`: the chat refused the bot). */
export async function markOutboxSettled(db: DbOrTx, key: string, status: "failed" | "dropped"): Promise<void> {
  await db.outboxMessage.updateMany({ where: { key, sentAt: null, status: "pending" }, data: { status } });
}

/**
 * Messages still pending that were recorded before `olderThan` (and after `since`:
 * a message days old is stale, not worth saying), oldest first, `limit` at a time
 * after the cursor `after` (the last key of the previous page).
 */
export async function pendingOutbox(
  db: DbOrTx,
  o: { olderThan: Date; since: Date; limit: number; after?: { createdAt: Date; key: string } },
): Promise<Array<OutboxItem & { createdAt: Date }>> {
  const rows = await db.outboxMessage.findMany({
    where: {
      status: "pending",
      sentAt: null,
      createdAt: { lt: o.olderThan, gte: o.since },
      ...(o.after
        ? { OR: [{ createdAt: { gt: o.after.createdAt } }, { createdAt: o.after.createdAt, key: { gt: o.after.key } }] }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    take: o.limit,
  });
  return rows.map((r) => ({
    key: r.key,
    createdAt: r.createdAt,
    msg: {
      platform: r.platform as OutboundMessageInput["platform"],
      chatId: r.chatId,
      text: r.text,
      buttons: readButtons(r.buttons),
      lane: LaneSchema.catch("answer").parse(r.lane),
      ...(r.attachment ? { attachment: AttachmentSchema.parse(r.attachment) } : {}),
      ...(r.account ? { account: r.account } : {}),
    },
    ...(r.noticeId && r.chatGroupId ? { notice: { id: r.noticeId, chatGroupId: r.chatGroupId } } : {}),
  }));
}
