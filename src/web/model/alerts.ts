// The Alerts and notices page as a value: each alert said in words (its JSON data
// read through a schema), each notice with its delivery per group. Pure.
import { z } from "zod";
import type { CommodityIndex } from "../../flows/officials/commodities";
import { maskPersonalData } from "../../domain/personal-data";
import { pageTexts, type Bi } from "../../texts/dashboard";

export interface AlertRows {
  now: Date;
  index: CommodityIndex;
  alerts: Array<{ key: string; kind: string; sku: string; day: string; value: number; data: unknown; at: Date }>;
  notices: Array<{
    id: string;
    kind: string;
    text: string;
    scope: string;
    createdAt: Date;
    reportedAt: Date | null;
    deliveries: Array<{
      group: string;
      village: string | null;
      grid: string | null;
      status: string;
      sentAt: Date | null;
      error: string | null;
    }>;
  }>;
}

const PriceData = z.object({ baseline: z.number().nullable().optional(), risePct: z.number().nullable().optional() });
const StockData = z.discriminatedUnion("reason", [
  z.object({ reason: z.literal("days"), targetDays: z.number().nullable().optional() }),
  z.object({ reason: z.literal("demand"), demand: z.number(), stock: z.number(), deliveryDate: z.string() }),
]);

export interface AlertView {
  key: string;
  kind: string;
  at: Date;
  text: Bi;
  level: "price" | "stock" | "demand" | "other";
}
export interface NoticeView {
  id: string;
  kind: Bi;
  text: string;
  scope: string;
  createdAt: Date;
  counts: { sent: number; failed: number; pending: number };
  deliveries: Array<{ group: string; where: string; status: string; sentAt: Date | null; error: string | null }>;
}
export interface AlertsView {
  alerts: AlertView[];
  notices: NoticeView[];
}

export function describeAlert(a: AlertRows["alerts"][number], index: CommodityIndex): AlertView {
  const c = index.get(a.sku);
  const name = c?.name ?? a.sku;
  const unit = c?.unit ?? "";
  const T = pageTexts.alerts;
  if (a.kind === "price") {
    const d = PriceData.safeParse(a.data);
    const x = d.success ? d.data : {};
    return {
      key: a.key,
      kind: a.kind,
      at: a.at,
      level: "price",
      text: T.price({ name, unit, price: a.value, baseline: x.baseline ?? null, risePct: x.risePct ?? null }),
    };
  }
  if (a.kind === "stock") {
    const d = StockData.safeParse(a.data);
    if (d.success && d.data.reason === "demand") {
      return {
        key: a.key,
        kind: a.kind,
        at: a.at,
        level: "demand",
        text: T.demand({ name, unit, demand: d.data.demand, stock: d.data.stock, deliveryDate: d.data.deliveryDate }),
      };
    }
    return {
      key: a.key,
      kind: a.kind,
      at: a.at,
      level: "stock",
      text: T.stockDays({
        name,
        daysLeft: a.value,
        target: d.success && d.data.reason === "days" ? (d.data.targetDays ?? null) : null,
      }),
    };
  }
  return {
    key: a.key,
    kind: a.kind,
    at: a.at,
    level: "other",
    text: { zh: `${a.kind}：${name} ${a.value}`, en: `${a.kind}: ${name} ${a.value}` },
  };
}

export function buildAlerts(r: AlertRows): AlertsView {
  return {
    alerts: r.alerts.map((a) => describeAlert(a, r.index)),
    notices: r.notices.map((n) => {
      const counts = { sent: 0, failed: 0, pending: 0 };
      for (const d of n.deliveries)
        if (d.status === "sent" || d.status === "failed" || d.status === "pending") counts[d.status]++;
      return {
        id: n.id,
        kind: pageTexts.alerts.kinds[n.kind] ?? { zh: n.kind, en: n.kind },
        text: maskPersonalData(n.text),
        scope: n.scope,
        createdAt: n.createdAt,
        counts,
        // Failed first: they are what an official acts on.
        deliveries: [...n.deliveries]
          .sort((a, b) => rank(a.status) - rank(b.status) || a.group.localeCompare(b.group, "zh"))
          .map((d) => ({
            group: maskPersonalData(d.group),
            where: [d.village, d.grid].filter(Boolean).join(" "),
            status: d.status,
            sentAt: d.sentAt,
            error: d.error,
          })),
      };
    }),
  };
}

function rank(s: string): number {
  return s === "failed" ? 0 : s === "pending" ? 1 : 2;
}
