// A resident's price complaint, as a message's apply (src/app/message-apply.ts) writes it:
// the residents' price report, and the officials' alert once per group, goods and day.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Sql } from "../db/sql";
import type { Decision, Snapshot } from "../flows/decide";
import { officialTexts, render } from "../texts";
import { officialsLanguage } from "./officials/common";
import { localDate } from "../domain/local-time";
import type { Effects } from "./effects";

// Row shapes (made once: zod compiles a schema on its first use).
const FirstRowSchema = z.object({ first: z.boolean() });
const ChatRowSchema = z.object({ platform: z.string(), chatId: z.string() });

/**
 * A resident's price complaint (鸡蛋一盒卖到30块): kept as a residents' price report, and
 * passed to the officials' chat once per group, goods and day — goods, price and group,
 * never the resident's name or phone.
 */
export async function forwardComplaint(
  tx: Sql,
  s: Snapshot,
  c: NonNullable<Decision["complaint"]>,
  fx: Effects,
): Promise<void> {
  const day = localDate(s.message.sentAt, s.rules.timezone);
  // The report, and the alert once per group, goods and day: one statement.
  const [first] = await tx.rows(
    FirstRowSchema,
    `WITH p AS (
       INSERT INTO "PriceComplaint" ("id", "chatGroupId", "villageId", "gridId", "goods", "sku", "price", "unit", "at", "day")
       VALUES ($1, $2, $3, $4, $5, $6, $7::float8, $8, $9::timestamp(3), $10)),
     a AS (
       INSERT INTO "OfficialAlert" ("key", "kind", "sku", "day", "value", "data", "at")
       VALUES ($11, 'complaint', $12, $10, $7::float8, $13::jsonb, $9::timestamp(3))
       ON CONFLICT ("key") DO NOTHING RETURNING "key")
     SELECT EXISTS (SELECT 1 FROM a) AS "first"`,
    randomUUID(),
    s.group.id,
    s.group.villageId,
    s.group.gridId,
    c.goods,
    c.sku,
    c.price,
    c.unit,
    s.message.sentAt,
    day,
    `complaint:${s.group.id}:${c.sku ?? c.goods}:${day}`,
    c.sku ?? c.goods,
    JSON.stringify({ goods: c.goods, unit: c.unit, chat: s.group.chatId }),
  );
  if (!first?.first) return;
  const where = [s.group.villageName, s.group.gridCode ? `${s.group.gridCode}号网格` : null].filter(Boolean).join(" ");
  const lang = await officialsLanguage(tx);
  for (const chat of await tx.rows(
    ChatRowSchema,
    `SELECT "platform", "chatId" FROM "ChatGroup" WHERE "isOfficials" AND "active"`,
  )) {
    fx.say(
      chat,
      render(
        officialTexts.residentComplaint({
          goods: c.goods,
          price: c.price,
          unit: c.unit,
          where: where || s.group.chatId,
        }),
        lang,
      ),
      [],
      `complaint:${s.group.id}:${c.sku ?? c.goods}:${day}:${chat.chatId}`,
    );
  }
}
