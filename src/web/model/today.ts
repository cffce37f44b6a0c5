// The Today page as a value: per village and grid, from the rows the loader read.
// Pure (rows and the clock's "now" in, view out), so it is tested without a database.
import { compareHouseholds } from "../../flows/batch-flow";
import { maskPersonalData } from "../../domain/personal-data";

export interface TodayRows {
  date: string;
  now: Date;
  tz: string;
  grids: Array<{
    id: string;
    code: string;
    name: string | null;
    zone: string;
    villageId: string;
    village: string;
    intervalDays: number;
  }>;
  orders: Array<{ gridId: string; orders: number; households: number; cents: number }>;
  refusals: Array<{ gridId: string; reason: string; n: number }>;
  batches: Array<{
    id: string;
    gridId: string;
    deliveryDate: string;
    status: string;
    readyAt: Date;
    confirmedAt: Date | null;
    orders: number;
  }>;
  open: Array<{ gridId: string; deliveryDate: string; orders: number; first: Date }>;
  unpaid: Array<{ gridId: string; orders: number; cents: number }>;
  medicine: Array<{ gridId: string; n: number }>;
  care: Array<{
    gridId: string;
    household: string;
    name: string | null;
    note: string | null;
    status: string;
    specialCare: boolean;
    priority: boolean;
  }>;
  latest: Array<{
    id: string;
    gridId: string;
    household: string;
    name: string | null;
    status: string;
    cents: number;
    placedAt: Date;
    priority: boolean;
    lines: Array<{ sku: string; qty: number }>;
  }>;
  alertsToday: number;
}

export type BatchState = "open" | "ready" | "confirmed" | "delivered";

export interface BatchBadge {
  id: string | null;
  deliveryDate: string;
  state: BatchState;
  orders: number;
  /** Since when it waits (open: the first order; ready: built; confirmed: confirmed); null once delivered. */
  since: Date | null;
  waitedMs: number | null;
}

export interface CareEntry {
  household: string;
  name: string | null;
  note: string | null;
  status: string;
  specialCare: boolean;
}

export interface GridToday {
  id: string;
  code: string;
  label: string;
  zone: string;
  orders: number;
  households: number;
  amountCents: number;
  refusals: Array<{ reason: string; n: number }>;
  /** The village's rules in force, which a refusal's full reason states. */
  rules: { intervalDays: number };
  batches: BatchBadge[];
  unpaidOrders: number;
  unpaidCents: number;
  medicine: number;
  care: CareEntry[];
}

export interface TodayView {
  date: string;
  now: Date;
  totals: {
    orders: number;
    households: number;
    amountCents: number;
    unpaidOrders: number;
    unpaidCents: number;
    medicine: number;
    waiting: number;
    refusals: number;
    alerts: number;
  };
  villages: Array<{ name: string; grids: GridToday[] }>;
  latest: Array<{
    id: string;
    grid: string;
    household: string;
    name: string | null;
    status: string;
    cents: number;
    placedAt: Date;
    priority: boolean;
    items: Array<{ sku: string; name: string; qty: number; unit: string }>;
  }>;
}

const gridOrder = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, "zh", { numeric: true });

export function buildToday(rows: TodayRows, item: (sku: string) => { name: string; unit: string }): TodayView {
  const by = <T extends { gridId: string }>(list: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.gridId, [...(m.get(x.gridId) ?? []), x]);
    return m;
  };
  const orders = by(rows.orders),
    refusals = by(rows.refusals),
    batches = by(rows.batches),
    open = by(rows.open);
  const unpaid = by(rows.unpaid),
    medicine = by(rows.medicine),
    care = by(rows.care);
  const now = rows.now.getTime();
  const labels = new Map<string, string>();

  const villages = new Map<string, GridToday[]>();
  for (const g of [...rows.grids].sort(gridOrder)) {
    const label = g.name ?? `${g.code}号网格`;
    labels.set(g.id, `${g.village} ${label}`);
    const o = orders.get(g.id)?.[0];
    const u = unpaid.get(g.id)?.[0];
    const badges: BatchBadge[] = [
      ...(batches.get(g.id) ?? []).map((b): BatchBadge => {
        const state = b.status as BatchState;
        const since = state === "ready" ? b.readyAt : state === "confirmed" ? b.confirmedAt : null;
        return {
          id: b.id,
          deliveryDate: b.deliveryDate,
          state,
          orders: b.orders,
          since,
          waitedMs: since ? now - since.getTime() : null,
        };
      }),
      ...(open.get(g.id) ?? []).map(
        (x): BatchBadge => ({
          id: null,
          deliveryDate: x.deliveryDate,
          state: "open",
          orders: x.orders,
          since: x.first,
          waitedMs: now - x.first.getTime(),
        }),
      ),
    ].sort((a, b) => a.deliveryDate.localeCompare(b.deliveryDate) || stateRank(a.state) - stateRank(b.state));
    // Special-care households first, then proxy orders; one line per household.
    const seen = new Set<string>();
    const careList = [...(care.get(g.id) ?? [])]
      .sort(
        (a, b) =>
          Number(b.specialCare) - Number(a.specialCare) ||
          compareHouseholds({ household: a.household, priority: false }, { household: b.household, priority: false }),
      )
      .filter((c) => {
        if (seen.has(c.household)) return false;
        seen.add(c.household);
        return true;
      })
      .map((c) => ({
        household: c.household,
        name: c.name && maskPersonalData(c.name),
        note: c.note && maskPersonalData(c.note),
        status: c.status,
        specialCare: c.specialCare,
      }));
    const row: GridToday = {
      id: g.id,
      code: g.code,
      label,
      zone: g.zone,
      orders: o?.orders ?? 0,
      households: o?.households ?? 0,
      amountCents: o?.cents ?? 0,
      refusals: (refusals.get(g.id) ?? [])
        .map((r) => ({ reason: r.reason, n: r.n }))
        .sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason)),
      rules: { intervalDays: g.intervalDays },
      batches: badges,
      unpaidOrders: u?.orders ?? 0,
      unpaidCents: u?.cents ?? 0,
      medicine: medicine.get(g.id)?.[0]?.n ?? 0,
      care: careList,
    };
    villages.set(g.village, [...(villages.get(g.village) ?? []), row]);
  }
  const grids = [...villages.values()].flat();
  const sum = (f: (g: GridToday) => number) => grids.reduce((s, g) => s + f(g), 0);
  return {
    date: rows.date,
    now: rows.now,
    totals: {
      orders: sum((g) => g.orders),
      households: sum((g) => g.households),
      amountCents: sum((g) => g.amountCents),
      unpaidOrders: sum((g) => g.unpaidOrders),
      unpaidCents: sum((g) => g.unpaidCents),
      medicine: sum((g) => g.medicine),
      waiting: sum((g) => g.batches.filter((b) => b.state === "ready").length),
      refusals: sum((g) => g.refusals.reduce((s, r) => s + r.n, 0)),
      alerts: rows.alertsToday,
    },
    villages: [...villages].sort(([a], [b]) => a.localeCompare(b, "zh")).map(([name, list]) => ({ name, grids: list })),
    latest: rows.latest.map((o) => ({
      id: o.id,
      grid: labels.get(o.gridId) ?? "",
      household: o.household,
      name: o.name && maskPersonalData(o.name),
      status: o.status,
      cents: o.cents,
      placedAt: o.placedAt,
      priority: o.priority,
      items: o.lines.map((l) => ({ sku: l.sku, qty: l.qty, ...item(l.sku) })),
    })),
  };
}

function stateRank(s: BatchState): number {
  return { ready: 0, confirmed: 1, open: 2, delivered: 3 }[s];
}
