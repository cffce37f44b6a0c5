// Loads batches: the list in scope, and one batch with its pick list. A leader asking
// for another grid's batch finds nothing: the grid is part of the query.
import { BatchSummarySchema } from "../../flows/json-columns";
import { gridFilter, type Scope } from "../access";
import type { WebDeps } from "../deps";
import type { BatchListRow, BatchRows } from "../model/batches";

export async function loadBatchList(deps: WebDeps, scope: Scope): Promise<{ now: Date; rows: BatchListRow[] }> {
  const g = gridFilter(scope);
  const rows = await deps.db.batch.findMany({
    where: g ? { gridId: g } : {},
    orderBy: [{ deliveryDate: "desc" }, { gridId: "asc" }],
    take: 200,
    select: {
      id: true,
      deliveryDate: true,
      status: true,
      readyAt: true,
      confirmedAt: true,
      summary: true,
      grid: { select: { code: true, name: true, village: { select: { name: true } } } },
      _count: { select: { orders: true } },
    },
  });
  const rank: Record<string, number> = { ready: 0, confirmed: 1, delivered: 2 };
  return {
    now: deps.clock.now(),
    rows: rows
      .map((b) => ({
        id: b.id,
        deliveryDate: b.deliveryDate,
        status: b.status,
        readyAt: b.readyAt,
        confirmedAt: b.confirmedAt,
        orders: b._count.orders,
        village: b.grid.village.name,
        grid: b.grid.name ?? `${b.grid.code}号网格`,
        gridCode: b.grid.code,
        amountCents: BatchSummarySchema.pick({ amountCents: true }).safeParse(b.summary).data?.amountCents ?? 0,
      }))
      .sort(
        (a, b) =>
          b.deliveryDate.localeCompare(a.deliveryDate) ||
          (rank[a.status] ?? 9) - (rank[b.status] ?? 9) ||
          a.village.localeCompare(b.village, "zh") ||
          a.gridCode.localeCompare(b.gridCode, "zh", { numeric: true }),
      ),
  };
}

export async function loadBatch(deps: WebDeps, scope: Scope, id: string): Promise<BatchRows | null> {
  const g = gridFilter(scope);
  const b = await deps.db.batch.findFirst({
    where: { id, ...(g ? { gridId: g } : {}) },
    include: { grid: { include: { village: true } } },
  });
  if (!b) return null;
  const orders = await deps.db.order.findMany({ where: { batchId: b.id }, select: { id: true, paidAt: true } });
  return {
    now: deps.clock.now(),
    batch: {
      id: b.id,
      deliveryDate: b.deliveryDate,
      status: b.status,
      readyAt: b.readyAt,
      confirmedAt: b.confirmedAt,
      summary: b.summary,
      village: b.grid.village.name,
      grid: b.grid.name ?? `${b.grid.code}号网格`,
      zone: b.grid.zone,
      window: b.grid.deliveryWindow,
    },
    paid: new Set(orders.filter((o) => o.paidAt).map((o) => o.id)),
    item: (sku) => {
      const c = deps.catalog.get(sku);
      return { name: c?.name ?? sku, unit: c?.unit ?? "", priceCents: c?.priceCents ?? 0 };
    },
  };
}
