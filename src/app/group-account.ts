// Which of our chat accounts is in a group. A district may run several bot processes, each
// with its own account on one platform (two WeChat accounts, two Telegram bots), each in
// its own groups: what the bot says in a group must go through the account that is there
// (another one is not in the group — on WeChat the message would be lost). The account is
// learnt from what the group sends us: every message and event an adapter hands over names
// the account that received it, and the group keeps the last one heard (two of our
// accounts in one group can each deliver there). Everything said is then queued for the
// group's account (src/jobs/send-outbox.ts asks through the send hooks).
import type { Db } from "../db/database";
import type { DbOrTx } from "./context";

/**
 * Records that `account` is in the group (it received a message or event from there). One
 * statement, and only when the group's account changes; `group.account` is updated in place
 * (the cached group of this process: the column notifies no other process's cache, which
 * at worst repeats the no-op write until its cache expires).
 */
export async function noteGroupAccount(
  db: DbOrTx,
  group: { id: string; account?: string | null },
  account: string | undefined,
): Promise<void> {
  if (!account || group.account === account) return;
  await db.$executeRaw`UPDATE "ChatGroup" SET "account" = ${account} WHERE "id" = ${group.id} AND "account" IS DISTINCT FROM ${account}`;
  group.account = account;
}

/** The same, for a chat named by platform and id (chat events): nothing when it is not a group we know. */
export async function noteChatAccount(
  db: DbOrTx,
  chat: { platform: string; chatId: string; account?: string | undefined },
): Promise<void> {
  if (!chat.account) return;
  await db.$executeRaw`UPDATE "ChatGroup" SET "account" = ${chat.account}
    WHERE "platform" = ${chat.platform} AND "chatId" = ${chat.chatId} AND "account" IS DISTINCT FROM ${chat.account}`;
}

/**
 * The account of each chat's group, in the order given: null where no account has been heard
 * from it yet. A supplier's chat, which is no group of ours, is said through the account of
 * a group of the grid it supplies (the bot that serves the grid). One statement for any
 * number of chats (a broadcast to 1,000 groups).
 */
export async function groupAccounts(
  db: Db,
  chats: ReadonlyArray<{ platform: string; chatId: string }>,
): Promise<Array<string | null>> {
  if (chats.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ platform: string; chatId: string; account: string | null }>>`
    SELECT c."platform", c."chatId", COALESCE(g."account", (
        SELECT s."account" FROM "Grid" AS gr JOIN "ChatGroup" AS s ON s."gridId" = gr."id"
        WHERE gr."supplierPlatform" = c."platform" AND gr."supplierChatId" = c."chatId"
          AND s."platform" = c."platform" AND s."account" IS NOT NULL
        ORDER BY s."createdAt" LIMIT 1)) AS "account"
    FROM unnest(${chats.map((c) => c.platform)}::text[], ${chats.map((c) => c.chatId)}::text[]) AS c("platform", "chatId")
    LEFT JOIN "ChatGroup" AS g ON g."platform" = c."platform" AND g."chatId" = c."chatId"`;
  const by = new Map(rows.map((r) => [`${r.platform}\u0000${r.chatId}`, r.account]));
  return chats.map((c) => by.get(`${c.platform}\u0000${c.chatId}`) ?? null);
}
