// Imports villages, grids, groups, leaders, officials, rules and the catalog.
// Runs again without duplicating anything: every row is keyed by what it is.
import { createHash } from "node:crypto";
import { DEFAULT_CATALOG, type CatalogItem } from "../domain/catalog";
import type { Db } from "../db/database";
import type { SetupSpec } from "./setup-spec";
import { ALERT_SETTINGS_KEY } from "../flows/officials/settings";
import { toJson } from "../flows/json-columns";

/** Stable short ids, so that a re-import keeps batch ids (grid + date) the same. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 10)}`;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface SetupCounts {
  villages: number;
  grids: number;
  groups: number;
  members: number;
  catalog: number;
  households: number;
}

/** How far an import is: rows written of the rows in the file. */
export type SetupProgress = (done: number, total: number) => void;

/** Households per INSERT: one statement each, well under PostgreSQL's parameter and size limits. */
export const HOUSEHOLD_CHUNK = 2_000;

export async function applySetup(
  db: Db,
  spec: SetupSpec,
  onProgress: SetupProgress = () => undefined,
): Promise<SetupCounts> {
  const counts: SetupCounts = { villages: 0, grids: 0, groups: 0, members: 0, catalog: 0, households: 0 };
  const people =
    spec.villages.reduce(
      (n, v) => n + v.grids.reduce((m, g) => m + g.leaders.length + g.volunteers.length + g.groups.length + 1, 1),
      0,
    ) +
    spec.officials.groups.length +
    spec.officials.members.length +
    spec.officials.suppliers.length;
  // The last line for a household wins, as it would row by row (one statement cannot update a row twice).
  const households = [...new Map(spec.households.map((h) => [`${h.village}\u0000${h.code}`, h])).values()];
  const total = people + households.length;
  let done = 0;
  const step = (n = 1) => {
    done += n;
    onProgress(done, total);
  };
  onProgress(0, total);
  await db.$transaction(
    async (tx) => {
      counts.catalog = await upsertCatalog(tx, mergeCatalog(DEFAULT_CATALOG, spec.catalog));
      for (const v of spec.villages) {
        const villageId = stableId("v", v.name);
        await tx.village.upsert({
          where: { name: v.name },
          create: {
            id: villageId,
            name: v.name,
            timezone: v.timezone,
            cutoff: v.cutoff,
            intervalDays: v.intervalDays,
            language: v.language,
            digestMinutes: v.digestMinutes ?? null,
          },
          update: {
            timezone: v.timezone,
            cutoff: v.cutoff,
            intervalDays: v.intervalDays,
            language: v.language,
            digestMinutes: v.digestMinutes ?? null,
          },
        });
        const village = await tx.village.findUniqueOrThrow({ where: { name: v.name } });
        counts.villages++;
        step();
        for (const [sku, maxQty] of Object.entries(v.limits)) {
          await tx.limit.upsert({
            where: { villageId_sku: { villageId: village.id, sku } },
            create: { villageId: village.id, sku, maxQty },
            update: { maxQty },
          });
        }
        for (const g of v.grids) {
          const gridId = stableId("g", v.name, g.code);
          const supplier = {
            supplierPlatform: g.supplier?.platform ?? null,
            supplierChatId: g.supplier?.chatId ?? null,
          };
          const grid = await tx.grid.upsert({
            where: { villageId_code: { villageId: village.id, code: g.code } },
            create: {
              id: gridId,
              villageId: village.id,
              code: g.code,
              name: g.name ?? null,
              zone: g.zone,
              deliveryWindow: g.deliveryWindow,
              ...supplier,
            },
            update: { name: g.name ?? null, zone: g.zone, deliveryWindow: g.deliveryWindow, ...supplier },
          });
          counts.grids++;
          step();
          for (const p of g.pickupPoints) {
            const data = {
              address: p.address ?? null,
              opensAt: p.opensAt,
              closesAt: p.closesAt,
              slotMinutes: p.slotMinutes,
              slotCapacity: p.slotCapacity,
            };
            await tx.pickupPoint.upsert({
              where: { gridId_name: { gridId: grid.id, name: p.name } },
              create: { gridId: grid.id, name: p.name, ...data },
              update: data,
            });
          }
          for (const c of g.groups) {
            await tx.chatGroup.upsert({
              where: { platform_chatId: { platform: c.platform, chatId: c.chatId } },
              create: {
                platform: c.platform,
                chatId: c.chatId,
                title: c.title ?? null,
                villageId: village.id,
                gridId: grid.id,
                ...(c.account ? { account: c.account } : {}),
              },
              update: {
                title: c.title ?? null,
                villageId: village.id,
                gridId: grid.id,
                isOfficials: false,
                active: true,
                ...(c.account ? { account: c.account } : {}),
              },
            });
            counts.groups++;
            step();
          }
          for (const p of g.leaders) {
            counts.members += await grantRole(tx, p, "leader", grid.id);
            step();
          }
          for (const p of g.volunteers) {
            counts.members += await grantRole(tx, p, "volunteer", grid.id);
            step();
          }
        }
      }
      for (const c of spec.officials.groups) {
        await tx.chatGroup.upsert({
          where: { platform_chatId: { platform: c.platform, chatId: c.chatId } },
          create: {
            platform: c.platform,
            chatId: c.chatId,
            title: c.title ?? null,
            isOfficials: true,
            ...(c.account ? { account: c.account } : {}),
          },
          update: {
            title: c.title ?? null,
            isOfficials: true,
            active: true,
            villageId: null,
            gridId: null,
            ...(c.account ? { account: c.account } : {}),
          },
        });
        counts.groups++;
        step();
      }
      for (const p of spec.officials.members) {
        counts.members += await grantRole(tx, p, "official", "*");
        step();
      }
      for (const p of spec.officials.suppliers) {
        counts.members += await grantRole(tx, p, "supplier", "*");
        step();
      } // shops may report prices
      const alerts = toJson(spec.alerts);
      await tx.setting.upsert({
        where: { key: ALERT_SETTINGS_KEY },
        create: { key: ALERT_SETTINGS_KEY, value: alerts },
        update: { value: alerts },
      });
      counts.households = await upsertHouseholds(tx, households, step);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return counts;
}

/**
 * The households, a few statements for a whole town: each chunk is one INSERT … ON
 * CONFLICT DO UPDATE over a JSON array (a re-import updates grid, name, phone, care and
 * keeps the id). The villages and grids they name are looked up once.
 */
async function upsertHouseholds(
  tx: Tx,
  households: SetupSpec["households"],
  step: (n: number) => void,
): Promise<number> {
  if (households.length === 0) return 0;
  const names = [...new Set(households.map((h) => h.village))];
  const villages = await tx.village.findMany({
    where: { name: { in: names } },
    select: { id: true, name: true, grids: { select: { id: true, code: true } } },
  });
  const byName = new Map(
    villages.map((v) => [v.name, { id: v.id, grids: new Map(v.grids.map((g) => [g.code, g.id])) }]),
  );
  for (const n of names) if (!byName.has(n)) throw new Error(`households: village "${n}" is not in the file`);
  for (let i = 0; i < households.length; i += HOUSEHOLD_CHUNK) {
    const chunk = households.slice(i, i + HOUSEHOLD_CHUNK).map((h) => {
      const v = byName.get(h.village)!;
      return {
        id: stableId("h", h.village, h.code),
        villageId: v.id,
        gridId: h.grid ? (v.grids.get(h.grid) ?? null) : null,
        code: h.code,
        name: h.name ?? null,
        phone: h.phone ?? null,
        specialCare: h.specialCare,
        careNote: h.careNote ?? null,
      };
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "Household" ("id", "villageId", "gridId", "code", "name", "phone", "specialCare", "careNote")
       SELECT x."id", x."villageId", x."gridId", x."code", x."name", x."phone", x."specialCare", x."careNote"
         FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "villageId" text, "gridId" text, "code" text, "name" text, "phone" text, "specialCare" boolean, "careNote" text)
       ON CONFLICT ("villageId", "code") DO UPDATE
         SET "gridId" = EXCLUDED."gridId", "name" = EXCLUDED."name", "phone" = EXCLUDED."phone", "specialCare" = EXCLUDED."specialCare", "careNote" = EXCLUDED."careNote"`,
      JSON.stringify(chunk),
    );
    step(chunk.length);
  }
  return households.length;
}

export function mergeCatalog(base: readonly CatalogItem[], extra: readonly CatalogItem[]): CatalogItem[] {
  const m = new Map(base.map((i) => [i.sku, i]));
  for (const i of extra) m.set(i.sku, i);
  return [...m.values()];
}

async function upsertCatalog(tx: Tx, items: CatalogItem[]): Promise<number> {
  for (const i of items) {
    const data = {
      name: i.name,
      nameEn: i.nameEn ?? null,
      aliases: i.aliases,
      unit: i.unit,
      category: i.category,
      priceCents: i.priceCents,
      active: true,
    };
    await tx.catalogItem.upsert({ where: { sku: i.sku }, create: { sku: i.sku, ...data }, update: data });
  }
  return items.length;
}

async function grantRole(
  tx: Tx,
  p: { platform: string; userId: string; name?: string | undefined },
  role: "leader" | "volunteer" | "official" | "supplier",
  scope: string,
): Promise<number> {
  const m = await tx.member.upsert({
    where: { platform_userId: { platform: p.platform, userId: p.userId } },
    create: { platform: p.platform, userId: p.userId, displayName: p.name ?? null },
    update: p.name ? { displayName: p.name } : {},
  });
  await tx.memberRole.upsert({
    where: { memberId_role_scope: { memberId: m.id, role, scope } },
    create: { memberId: m.id, role, scope },
    update: {},
  });
  return 1;
}
