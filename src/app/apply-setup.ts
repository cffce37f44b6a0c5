// Imports villages, grids, groups, leaders, officials, rules and the catalog.
// Runs again without duplicating anything: every row is keyed by what it is.
import { createHash } from "node:crypto";
import { DEFAULT_CATALOG, type CatalogItem } from "../domain/catalog";
import type { Db } from "../db/database";
import type { SetupSpec } from "./setup-spec";
import { ALERT_SETTINGS_KEY } from "../flows/officials/settings";

/** Stable short ids, so that a re-import keeps batch ids (grid + date) the same. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 10)}`;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface SetupCounts { villages: number; grids: number; groups: number; members: number; catalog: number }

export async function applySetup(db: Db, spec: SetupSpec): Promise<SetupCounts> {
  const counts: SetupCounts = { villages: 0, grids: 0, groups: 0, members: 0, catalog: 0 };
  await db.$transaction(async (tx) => {
    counts.catalog = await upsertCatalog(tx, mergeCatalog(DEFAULT_CATALOG, spec.catalog));
    for (const v of spec.villages) {
      const villageId = stableId("v", v.name);
      await tx.village.upsert({
        where: { name: v.name },
        create: { id: villageId, name: v.name, timezone: v.timezone, cutoff: v.cutoff, intervalDays: v.intervalDays, language: v.language, digestMinutes: v.digestMinutes ?? null },
        update: { timezone: v.timezone, cutoff: v.cutoff, intervalDays: v.intervalDays, language: v.language, digestMinutes: v.digestMinutes ?? null },
      });
      const village = await tx.village.findUniqueOrThrow({ where: { name: v.name } });
      counts.villages++;
      for (const [sku, maxQty] of Object.entries(v.limits)) {
        await tx.limit.upsert({ where: { villageId_sku: { villageId: village.id, sku } }, create: { villageId: village.id, sku, maxQty }, update: { maxQty } });
      }
      for (const g of v.grids) {
        const gridId = stableId("g", v.name, g.code);
        const supplier = { supplierPlatform: g.supplier?.platform ?? null, supplierChatId: g.supplier?.chatId ?? null };
        const grid = await tx.grid.upsert({
          where: { villageId_code: { villageId: village.id, code: g.code } },
          create: { id: gridId, villageId: village.id, code: g.code, name: g.name ?? null, zone: g.zone, deliveryWindow: g.deliveryWindow, ...supplier },
          update: { name: g.name ?? null, zone: g.zone, deliveryWindow: g.deliveryWindow, ...supplier },
        });
        counts.grids++;
        for (const p of g.pickupPoints) {
          const data = { address: p.address ?? null, opensAt: p.opensAt, closesAt: p.closesAt, slotMinutes: p.slotMinutes, slotCapacity: p.slotCapacity };
          await tx.pickupPoint.upsert({ where: { gridId_name: { gridId: grid.id, name: p.name } }, create: { gridId: grid.id, name: p.name, ...data }, update: data });
        }
        for (const c of g.groups) {
          await tx.chatGroup.upsert({
            where: { platform_chatId: { platform: c.platform, chatId: c.chatId } },
            create: { platform: c.platform, chatId: c.chatId, title: c.title ?? null, villageId: village.id, gridId: grid.id },
            update: { title: c.title ?? null, villageId: village.id, gridId: grid.id, isOfficials: false, active: true },
          });
          counts.groups++;
        }
        for (const p of g.leaders) counts.members += await grantRole(tx, p, "leader", grid.id);
        for (const p of g.volunteers) counts.members += await grantRole(tx, p, "volunteer", grid.id);
      }
    }
    for (const c of spec.officials.groups) {
      await tx.chatGroup.upsert({
        where: { platform_chatId: { platform: c.platform, chatId: c.chatId } },
        create: { platform: c.platform, chatId: c.chatId, title: c.title ?? null, isOfficials: true },
        update: { title: c.title ?? null, isOfficials: true, active: true, villageId: null, gridId: null },
      });
      counts.groups++;
    }
    for (const p of spec.officials.members) counts.members += await grantRole(tx, p, "official", "*");
    for (const p of spec.officials.suppliers) counts.members += await grantRole(tx, p, "supplier", "*"); // shops may report prices
    const alerts = spec.alerts as object;
    await tx.setting.upsert({ where: { key: ALERT_SETTINGS_KEY }, create: { key: ALERT_SETTINGS_KEY, value: alerts }, update: { value: alerts } });
    for (const h of spec.households) {
      const village = await tx.village.findUnique({ where: { name: h.village } });
      if (!village) throw new Error(`households: village "${h.village}" is not in the file`);
      const grid = h.grid ? await tx.grid.findUnique({ where: { villageId_code: { villageId: village.id, code: h.grid } } }) : null;
      const data = { gridId: grid?.id ?? null, name: h.name ?? null, phone: h.phone ?? null, specialCare: h.specialCare, careNote: h.careNote ?? null };
      await tx.household.upsert({ where: { villageId_code: { villageId: village.id, code: h.code } }, create: { villageId: village.id, code: h.code, ...data }, update: data });
    }
  }, { timeout: 60_000 });
  return counts;
}

export function mergeCatalog(base: readonly CatalogItem[], extra: readonly CatalogItem[]): CatalogItem[] {
  const m = new Map(base.map((i) => [i.sku, i]));
  for (const i of extra) m.set(i.sku, i);
  return [...m.values()];
}

async function upsertCatalog(tx: Tx, items: CatalogItem[]): Promise<number> {
  for (const i of items) {
    const data = { name: i.name, nameEn: i.nameEn ?? null, aliases: i.aliases, unit: i.unit, category: i.category, priceCents: i.priceCents, active: true };
    await tx.catalogItem.upsert({ where: { sku: i.sku }, create: { sku: i.sku, ...data }, update: data });
  }
  return items.length;
}

async function grantRole(tx: Tx, p: { platform: string; userId: string; name?: string | undefined }, role: "leader" | "volunteer" | "official" | "supplier", scope: string): Promise<number> {
  const m = await tx.member.upsert({
    where: { platform_userId: { platform: p.platform, userId: p.userId } },
    create: { platform: p.platform, userId: p.userId, displayName: p.name ?? null },
    update: p.name ? { displayName: p.name } : {},
  });
  await tx.memberRole.upsert({ where: { memberId_role_scope: { memberId: m.id, role, scope } }, create: { memberId: m.id, role, scope }, update: {} });
  return 1;
}
