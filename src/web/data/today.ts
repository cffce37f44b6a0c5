// Loads what the Today page shows, for one local day and one scope (the town, or a
// leader's grid — the grid is a condition in every query).
import { addDays, localDate, zonedInstant } from "../../domain/local-time";
import { gridFilter, type Scope } from "../access";
import type { WebDeps } from "../deps";
import type { TodayRows } from "../model/today";
import { asDate, n, ts } from "./sql";

export async function loadToday(deps: WebDeps, scope: Scope, date?: string): Promise<TodayRows> {
  const now = deps.clock.now();
  const tz = deps.timezone;
  const day = date ?? localDate(now, tz);
  const from = ts(zonedInstant(day, "00:00", tz));
  const to = ts(zonedInstant(addDays(day, 1), "00:00", tz));
  const g = gridFilter(scope);
  const db = deps.db;

  const [grids, orders, refusals, batches, open, unpaid, medicine, care, latest, alerts] = await Promise.all([
    db.grid.findMany({ where: g ? { id: g } : {}, include: { village: true } }),
    db.$queryRaw<Array<{ gridId: string; orders: unknown; households: unknown; cents: unknown }>>`
      SELECT o."gridId", count(*) AS orders, count(DISTINCT o."householdId") AS households, coalesce(sum(o."totalCents"), 0) AS cents
        FROM "Order" o
       WHERE o."placedAt" >= (${from}::timestamptz AT TIME ZONE 'UTC') AND o."placedAt" < (${to}::timestamptz AT TIME ZONE 'UTC')
         AND o.status <> 'cancelled' AND o."gridId" IS NOT NULL AND (${g}::text IS NULL OR o."gridId" = ${g})
       GROUP BY o."gridId"`,
    db.$queryRaw<Array<{ gridId: string; reason: string; n: unknown }>>`
      SELECT a.data->>'gridId' AS "gridId", coalesce(a.subject, 'UNKNOWN') AS reason, count(*) AS n
        FROM "AuditLog" a
       WHERE a.action = 'order.rejected' AND a.at >= (${from}::timestamptz AT TIME ZONE 'UTC') AND a.at < (${to}::timestamptz AT TIME ZONE 'UTC')
         AND a.data->>'gridId' IS NOT NULL AND (${g}::text IS NULL OR a.data->>'gridId' = ${g})
       GROUP BY 1, 2`,
    // Batches that wait (ready, confirmed) whatever their date, and those delivered for this day or later.
    db.batch.findMany({
      where: {
        ...(g ? { gridId: g } : {}),
        OR: [{ status: { in: ["ready", "confirmed"] } }, { deliveryDate: { gte: day } }],
      },
      select: {
        id: true,
        gridId: true,
        deliveryDate: true,
        status: true,
        readyAt: true,
        confirmedAt: true,
        _count: { select: { orders: true } },
      },
      orderBy: { deliveryDate: "asc" },
    }),
    db.$queryRaw<Array<{ gridId: string; deliveryDate: string; orders: unknown; first: unknown }>>`
      SELECT o."gridId", o."deliveryDate", count(*) AS orders, min(o."placedAt") AS first
        FROM "Order" o
       WHERE o.status = 'open' AND o."batchId" IS NULL AND o."gridId" IS NOT NULL AND (${g}::text IS NULL OR o."gridId" = ${g})
       GROUP BY 1, 2`,
    // Unpaid as in the daily report: confirmed or delivered, not paid, placed by the end of the day.
    db.$queryRaw<Array<{ gridId: string; orders: unknown; cents: unknown }>>`
      SELECT o."gridId", count(*) AS orders, coalesce(sum(o."totalCents"), 0) AS cents
        FROM "Order" o
       WHERE o.status IN ('confirmed', 'delivered') AND o."paidAt" IS NULL AND o."placedAt" < (${to}::timestamptz AT TIME ZONE 'UTC')
         AND o."gridId" IS NOT NULL AND (${g}::text IS NULL OR o."gridId" = ${g})
       GROUP BY 1`,
    db.$queryRaw<Array<{ gridId: string; n: unknown }>>`
      SELECT coalesce(h."gridId", c."gridId") AS "gridId", count(*) AS n
        FROM "MedicineRequest" m
        LEFT JOIN "Household" h ON h.id = m."householdId"
        LEFT JOIN "ChatGroup" c ON c.id = m."chatGroupId"
       WHERE m.status = 'open' AND coalesce(h."gridId", c."gridId") IS NOT NULL AND (${g}::text IS NULL OR coalesce(h."gridId", c."gridId") = ${g})
       GROUP BY 1`,
    // Special-care households (and proxy orders, flagged priority) with an order today or one not yet delivered.
    db.$queryRaw<
      Array<{
        gridId: string;
        code: string;
        name: string | null;
        note: string | null;
        status: string;
        specialCare: boolean;
        priority: boolean;
      }>
    >`
      SELECT o."gridId", h.code, h.name, h."careNote" AS note, o.status, h."specialCare", o.priority
        FROM "Order" o JOIN "Household" h ON h.id = o."householdId"
       WHERE (h."specialCare" OR o.priority) AND o.status <> 'cancelled' AND o."gridId" IS NOT NULL
         AND (o.status IN ('open', 'confirmed') OR (o."placedAt" >= (${from}::timestamptz AT TIME ZONE 'UTC') AND o."placedAt" < (${to}::timestamptz AT TIME ZONE 'UTC')))
         AND (${g}::text IS NULL OR o."gridId" = ${g})
       ORDER BY h.code`,
    db.order.findMany({
      where: { ...(g ? { gridId: g } : { gridId: { not: null } }), placedAt: { lt: new Date(to) } },
      orderBy: { placedAt: "desc" },
      take: 20,
      select: {
        id: true,
        gridId: true,
        status: true,
        totalCents: true,
        placedAt: true,
        priority: true,
        household: { select: { code: true, name: true, specialCare: true } },
        lines: { select: { sku: true, qty: true } },
      },
    }),
    scope.kind === "town" ? db.officialAlert.count({ where: { day } }) : Promise.resolve(0),
  ]);

  return {
    date: day,
    now,
    tz,
    grids: grids.map((x) => ({
      id: x.id,
      code: x.code,
      name: x.name,
      zone: x.zone,
      villageId: x.villageId,
      village: x.village.name,
      intervalDays: x.village.intervalDays,
    })),
    orders: orders.map((r) => ({
      gridId: r.gridId,
      orders: n(r.orders),
      households: n(r.households),
      cents: n(r.cents),
    })),
    refusals: refusals.map((r) => ({ gridId: r.gridId, reason: r.reason, n: n(r.n) })),
    batches: batches.map((b) => ({
      id: b.id,
      gridId: b.gridId,
      deliveryDate: b.deliveryDate,
      status: b.status,
      readyAt: b.readyAt,
      confirmedAt: b.confirmedAt,
      orders: b._count.orders,
    })),
    open: open.map((r) => ({
      gridId: r.gridId,
      deliveryDate: r.deliveryDate,
      orders: n(r.orders),
      first: asDate(r.first) ?? now,
    })),
    unpaid: unpaid.map((r) => ({ gridId: r.gridId, orders: n(r.orders), cents: n(r.cents) })),
    medicine: medicine.map((r) => ({ gridId: r.gridId, n: n(r.n) })),
    care: care.map((r) => ({
      gridId: r.gridId,
      household: r.code,
      name: r.name,
      note: r.note,
      status: r.status,
      specialCare: r.specialCare,
      priority: r.priority,
    })),
    latest: latest.map((o) => ({
      id: o.id,
      gridId: o.gridId!,
      household: o.household.code,
      name: o.household.name,
      status: o.status,
      cents: o.totalCents,
      placedAt: o.placedAt,
      priority: o.priority || o.household.specialCare,
      lines: o.lines,
    })),
    alertsToday: alerts,
  };
}
