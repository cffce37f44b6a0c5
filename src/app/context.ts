// Loads what a flow needs to decide about one message: the group, the sender
// and their roles, the rules in force.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/database";
import { asSql, type Sql } from "../db/sql";
import { DEFAULT_RULES, type Rules } from "../flows/order-rules";
import { LanguageSchema, villageLanguage, type Language } from "../texts";
import { TOPIC_PREFIX } from "./setup-spec";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface GroupCtx {
  id: string;
  platform: string;
  chatId: string;
  isOfficials: boolean;
  villageId: string | null;
  villageName: string | null;
  gridId: string | null;
  gridCode: string | null;
  zone: "static" | "controlled" | null;
  /** What the bot says here is in (the village's setting; zh+en where there is no village). */
  language: Language;
  /** Acknowledgements here are gathered and said at most every this many minutes when busy (0: always at once). */
  digestMinutes: number;
}

/**
 * A busy group's acknowledgements are gathered into one message at most every this many
 * minutes, by the platform's sending budget: one WeChat account sends about one message
 * every 3–4.5 s for a whole town; a Telegram group takes 20 a minute. The village may set it.
 */
export const DIGEST_MINUTES: Readonly<Record<string, number>> = { wechat: 5, telegram: 1 };

export async function loadGroup(
  db: DbOrTx,
  platform: string,
  chatId: string,
): Promise<(GroupCtx & { active: boolean }) | null> {
  const g = await db.chatGroup.findUnique({
    where: { platform_chatId: { platform, chatId } },
    include: { grid: true, village: true },
  });
  if (!g) return null;
  return {
    id: g.id,
    platform: g.platform,
    chatId: g.chatId,
    isOfficials: g.isOfficials,
    active: g.active,
    villageId: g.villageId,
    villageName: g.village?.name ?? null,
    gridId: g.gridId,
    gridCode: g.grid?.code ?? null,
    zone: g.grid?.zone ?? null,
    language: g.village ? LanguageSchema.catch("zh").parse(g.village.language) : "zh+en",
    digestMinutes: g.village?.digestMinutes ?? DIGEST_MINUTES[g.platform] ?? 0,
  };
}

/**
 * The group a message came from: by platform id, else — once, at binding time — a group
 * configured by title only (`topic:<title>`) whose title matches the room's; it then
 * keeps the room's id.
 */
export async function resolveGroup(
  db: DbOrTx,
  platform: string,
  chatId: string,
  title: string | null,
): Promise<(GroupCtx & { active: boolean }) | null> {
  const byId = await loadGroup(db, platform, chatId);
  if (byId || !title) return byId;
  const r = await db.chatGroup.updateMany({
    where: { platform, chatId: `${TOPIC_PREFIX}${title}` },
    data: { chatId, title },
  });
  return r.count === 1 ? loadGroup(db, platform, chatId) : null;
}

export interface SenderCtx {
  memberId: string;
  userId: string;
  displayName: string | null;
  householdId: string | null;
  householdCode: string | null;
  roles: Set<"leader" | "volunteer" | "official" | "resident" | "supplier">;
}

type RoleName = SenderCtx["roles"] extends Set<infer R> ? R : never;

/**
 * Creates the member or refreshes their display name, and reads their household and the
 * roles that apply in this group — one statement. `INSERT … ON CONFLICT DO UPDATE` is
 * atomic: a new member's first messages handled at the same moment (several bot
 * processes, Telegram's webhook) all find one row; none fails on the unique key.
 */
export async function loadSender(
  db: DbOrTx | Sql,
  platform: string,
  userId: string,
  displayName: string | null,
  group: GroupCtx,
): Promise<SenderCtx> {
  const rows = await asSql(db).rows(
    SenderRowSchema,
    `WITH ${MEMBER_UPSERT} ${SENDER_SELECT}`,
    randomUUID(),
    platform,
    userId,
    displayName,
  );
  return senderOf(rows[0]!, userId, group);
}

/**
 * Claims the message (its platform id as a unique key: false when it was handled before)
 * and loads its sender as loadSender does — one statement for both.
 */
export async function claimAndLoadSender(
  db: Sql,
  m: { key: string; platform: string; chatId: string; senderId: string; senderName: string | null },
  kind: string,
  handledAt: Date,
  group: GroupCtx,
): Promise<SenderCtx | null> {
  const rows = await db.rows(
    SenderRowSchema.extend({ claimed: z.number() }),
    `WITH c AS (
       INSERT INTO "InboundMessage" ("key", "platform", "chatId", "senderId", "receivedAt", "kind") VALUES ($5, $2, $6, $3, $7::timestamp(3), $8)
       ON CONFLICT ("key") DO NOTHING RETURNING "key"),
     ${MEMBER_UPSERT}
     ${SENDER_SELECT.replace("SELECT ", `SELECT (SELECT count(*) FROM c)::int AS "claimed", `)}`,
    randomUUID(),
    m.platform,
    m.senderId,
    m.senderName,
    m.key,
    m.chatId,
    handledAt,
    kind,
  );
  const r = rows[0]!;
  return r.claimed === 1 ? senderOf(r, m.senderId, group) : null;
}

const SenderRowSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  householdId: z.string().nullable(),
  householdCode: z.string().nullable(),
  roles: z
    .array(z.object({ role: z.enum(["leader", "volunteer", "official", "resident", "supplier"]), scope: z.string() }))
    .nullable(),
});
type SenderRow = z.infer<typeof SenderRowSchema>;

const MEMBER_UPSERT = `m AS (
       INSERT INTO "Member" ("id", "platform", "userId", "displayName") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("platform", "userId") DO UPDATE SET "displayName" = COALESCE(EXCLUDED."displayName", "Member"."displayName")
       RETURNING "id", "displayName", "householdId")`;
const SENDER_SELECT = `SELECT m."id", m."displayName", m."householdId", h."code" AS "householdCode",
            (SELECT json_agg(json_build_object('role', r."role", 'scope', r."scope")) FROM "MemberRole" r WHERE r."memberId" = m."id") AS "roles"
       FROM m LEFT JOIN "Household" h ON h."id" = m."householdId"`;

function senderOf(m: SenderRow, userId: string, group: GroupCtx): SenderCtx {
  const scopes = new Set(["*", group.gridId ?? "", group.villageId ?? ""]);
  const roles = new Set<RoleName>(["resident"]);
  for (const r of m.roles ?? []) if (scopes.has(r.scope) || r.role === "official") roles.add(r.role);
  return {
    memberId: m.id,
    userId,
    displayName: m.displayName,
    householdId: m.householdId,
    householdCode: m.householdCode,
    roles,
  };
}

/**
 * The household with this code in the village, created if new — atomically, so two
 * messages naming a new household at once both find one row. A name is only set on
 * creation.
 */
export async function ensureHousehold(
  db: Sql,
  h: { villageId: string; code: string; gridId: string | null; name: string | null },
): Promise<{ id: string; specialCare: boolean; name: string | null }> {
  const rows = await db.rows(
    z.object({ id: z.string(), specialCare: z.boolean(), name: z.string().nullable() }),
    `INSERT INTO "Household" ("id", "villageId", "gridId", "code", "name") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("villageId", "code") DO UPDATE SET "code" = EXCLUDED."code"
     RETURNING "id", "specialCare", "name"`,
    randomUUID(),
    h.villageId,
    h.gridId,
    h.code,
    h.name,
  );
  return rows[0]!;
}

export async function loadRules(db: DbOrTx, villageId: string | null, defaultTz: string): Promise<Rules> {
  const v = villageId ? await db.village.findUnique({ where: { id: villageId } }) : null;
  const rows = await db.limit.findMany({ where: { villageId: { in: ["*", villageId ?? "*"] } } });
  return rulesFrom(v, rows, defaultTz);
}

type VillageRuleFields = { timezone: string; cutoff: string; intervalDays: number; language: string };

/** The rules of a village from its row and its limit rows (town-wide `*` and its own), however they were read. */
export function rulesFrom(
  v: VillageRuleFields | null,
  rows: ReadonlyArray<{ villageId: string; sku: string; maxQty: number }>,
  defaultTz: string,
): Rules {
  const limits: Record<string, number> = {};
  // Village limits override the town-wide ones.
  for (const r of [...rows].sort((a, b) => (a.villageId === "*" ? -1 : 1) - (b.villageId === "*" ? -1 : 1)))
    limits[r.sku] = r.maxQty;
  return {
    timezone: v?.timezone ?? defaultTz,
    cutoff: v?.cutoff ?? DEFAULT_RULES.cutoff,
    intervalDays: v?.intervalDays ?? DEFAULT_RULES.intervalDays,
    limits,
    language: villageLanguage(v),
  };
}
