// Loads what a flow needs to decide about one message: the group, the sender
// and their roles, the rules in force.
import type { Db } from "../db/database";
import type { Rules } from "../flows/order-rules";
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
}

export async function loadGroup(db: DbOrTx, platform: string, chatId: string): Promise<(GroupCtx & { active: boolean }) | null> {
  const g = await db.chatGroup.findUnique({ where: { platform_chatId: { platform, chatId } }, include: { grid: true, village: true } });
  if (!g) return null;
  return {
    id: g.id, platform: g.platform, chatId: g.chatId, isOfficials: g.isOfficials, active: g.active,
    villageId: g.villageId, villageName: g.village?.name ?? null,
    gridId: g.gridId, gridCode: g.grid?.code ?? null, zone: g.grid?.zone ?? null,
  };
}

/**
 * The group a message came from: by platform id, else — once, at binding time — a group
 * configured by title only (`topic:<title>`) whose title matches the room's; it then
 * keeps the room's id.
 */
export async function resolveGroup(db: DbOrTx, platform: string, chatId: string, title: string | null): Promise<(GroupCtx & { active: boolean }) | null> {
  const byId = await loadGroup(db, platform, chatId);
  if (byId || !title) return byId;
  const r = await db.chatGroup.updateMany({ where: { platform, chatId: `${TOPIC_PREFIX}${title}` }, data: { chatId, title } });
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

/** Upserts the member and reads their roles that apply in this group. */
export async function loadSender(db: DbOrTx, platform: string, userId: string, displayName: string | null, group: GroupCtx): Promise<SenderCtx> {
  const m = await db.member.upsert({
    where: { platform_userId: { platform, userId } },
    create: { platform, userId, displayName },
    update: displayName ? { displayName } : {},
    include: { roles: true, household: true },
  });
  const scopes = new Set(["*", group.gridId ?? "", group.villageId ?? ""]);
  const roles = new Set<SenderCtx["roles"] extends Set<infer R> ? R : never>(["resident"]);
  for (const r of m.roles) if (scopes.has(r.scope) || r.role === "official") roles.add(r.role);
  return { memberId: m.id, userId, displayName: m.displayName, householdId: m.householdId, householdCode: m.household?.code ?? null, roles };
}

export async function loadRules(db: DbOrTx, villageId: string | null, defaultTz: string): Promise<Rules> {
  const v = villageId ? await db.village.findUnique({ where: { id: villageId } }) : null;
  const limits: Record<string, number> = {};
  const rows = await db.limit.findMany({ where: { villageId: { in: ["*", villageId ?? "*"] } } });
  // Village limits override the town-wide ones.
  for (const r of rows.sort((a, b) => (a.villageId === "*" ? -1 : 1) - (b.villageId === "*" ? -1 : 1))) limits[r.sku] = r.maxQty;
  return { timezone: v?.timezone ?? defaultTz, cutoff: v?.cutoff ?? "20:00", intervalDays: v?.intervalDays ?? 2, limits };
}
