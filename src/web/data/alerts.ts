// Loads the alert feed (officials) and the notices with their delivery per group —
// a leader sees only the notices that reached their grid's groups, and only those
// groups' deliveries (the condition is in the query).
import { gridFilter, type Scope } from "../access";
import { commodityIndex } from "../../app/officials/common";
import type { WebDeps } from "../deps";
import type { AlertRows } from "../model/alerts";

export async function loadAlerts(deps: WebDeps, scope: Scope): Promise<AlertRows> {
  const g = gridFilter(scope);
  const [alerts, notices] = await Promise.all([
    scope.kind === "town"
      ? deps.db.officialAlert.findMany({ orderBy: { at: "desc" }, take: 100 })
      : Promise.resolve([]),
    deps.db.notice.findMany({
      where: g ? { deliveries: { some: { chatGroup: { gridId: g } } } } : {},
      orderBy: { createdAt: "desc" },
      take: 30,
      include: {
        deliveries: {
          where: g ? { chatGroup: { gridId: g } } : {},
          include: { chatGroup: { include: { village: true, grid: true } } },
        },
      },
    }),
  ]);
  return {
    now: deps.clock.now(),
    index: commodityIndex(deps),
    alerts: alerts.map((a) => ({
      key: a.key,
      kind: a.kind,
      sku: a.sku,
      day: a.day,
      value: a.value,
      data: a.data,
      at: a.at,
    })),
    notices: notices.map((x) => ({
      id: x.id,
      kind: x.kind,
      text: x.text,
      scope: x.scope,
      createdAt: x.createdAt,
      reportedAt: x.reportedAt,
      deliveries: x.deliveries.map((d) => ({
        group: d.chatGroup.title ?? d.chatGroup.chatId,
        village: d.chatGroup.village?.name ?? null,
        grid: d.chatGroup.grid ? (d.chatGroup.grid.name ?? `${d.chatGroup.grid.code}号网格`) : null,
        status: d.status,
        sentAt: d.sentAt,
        error: d.error,
      })),
    })),
  };
}
