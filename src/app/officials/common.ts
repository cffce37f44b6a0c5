// What the officials' effect runners share: the commodity table over the live
// catalog, the stored settings, the officials' chats, message claims and alert rows.
import { createHash } from "node:crypto";
import { messageKey } from "../inbound-claim";
import { toJson } from "../../flows/json-columns";
import type { InboundMessage } from "../../domain/messages";
import { buildCommodityIndex, resolveKeys, type CommodityIndex } from "../../flows/officials/commodities";
import { ALERT_SETTINGS_KEY, readAlertSettings, type AlertSettings } from "../../flows/officials/settings";
import type { Db } from "../../db/database";
import { z } from "zod";
import { asSql, type Sql } from "../../db/sql";
import type { DbOrTx } from "../context";
import type { AppDeps } from "../deps";
import type { Language, Text } from "../../texts";

export function commodityIndex(deps: Pick<AppDeps, "catalog">): CommodityIndex {
  return buildCommodityIndex(deps.catalog.all());
}

/** The stored settings, with baseline and target keys mapped to commodity ids (猪肉 → PORK). */
export async function loadAlertSettings(db: DbOrTx, index: CommodityIndex): Promise<AlertSettings> {
  const row = await db.setting.findUnique({ where: { key: ALERT_SETTINGS_KEY } });
  const s = readAlertSettings(row?.value);
  return {
    ...s,
    priceBaseline: resolveKeys(s.priceBaseline, index),
    stockTargetDays: resolveKeys(s.stockTargetDays, index),
  };
}

/** The language of what is said in the officials' chat (the alert settings' `language`). */
export async function officialsLanguage(db: DbOrTx | Sql): Promise<Language> {
  const row = await asSql(db).one(
    z.object({ value: z.unknown() }),
    `SELECT "value" FROM "Setting" WHERE "key" = $1`,
    ALERT_SETTINGS_KEY,
  );
  return readAlertSettings(row?.value).language;
}

export async function officialsChats(db: Db): Promise<Array<{ platform: string; chatId: string }>> {
  return db.chatGroup.findMany({
    where: { isOfficials: true, active: true },
    orderBy: { createdAt: "asc" },
    select: { platform: true, chatId: true },
  });
}

export { claimMessage, messageKey as inboundKey } from "../inbound-claim";

/** A short stable id from a message (notices and rumour watches: a redelivered command is one). */
export function idFromMessage(prefix: string, m: Pick<InboundMessage, "platform" | "chatId" | "messageId">): string {
  return `${prefix}${createHash("sha1").update(messageKey(m)).digest("hex").slice(0, 8).toUpperCase()}`;
}

/** Records an alert once; true when it is new. */
export async function recordAlert(
  tx: DbOrTx,
  a: {
    key: string;
    kind: "price" | "stock";
    sku: string;
    day: string;
    value: number;
    data: Record<string, unknown>;
    at: Date;
  },
): Promise<boolean> {
  const r = await tx.officialAlert.createMany({ data: [{ ...a, data: toJson(a.data) }], skipDuplicates: true });
  return r.count === 1;
}

/** One official's message being handled: what it said, where, and the effects gathered. */
export interface OfficialCtx {
  deps: AppDeps;
  msg: InboundMessage;
  chat: { platform: string; chatId: string };
  fx: import("../effects").Effects;
  /** The officials' chat's language. */
  lang: Language;
  /** Says something in the official's chat, in its language. */
  say(t: Text): void;
}
