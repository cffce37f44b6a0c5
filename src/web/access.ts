// Who may see what on the dashboard. Pure: the server asks these on every page and
// API route; the queries take the scope, so a leader's grid is enforced in SQL,
// not by hiding things in the page.

export type ViewerRole = "official" | "leader";

/** A signed-in person, as the session and their current roles say. */
export interface Viewer {
  memberId: string;
  name: string;
  role: ViewerRole;
  /** "*" for an official (the town); the grid id for a leader. */
  scope: string;
  /** The leader's grid, named (null for officials). */
  grid: { id: string; label: string; village: string } | null;
}

export type Scope = { kind: "town" } | { kind: "grid"; gridId: string };

export function scopeOf(v: Pick<Viewer, "role" | "scope">): Scope {
  return v.role === "official" ? { kind: "town" } : { kind: "grid", gridId: v.scope };
}

/** The grid id a query is limited to, or null for the whole town. */
export function gridFilter(s: Scope): string | null {
  return s.kind === "grid" ? s.gridId : null;
}

export type Page = "today" | "prices" | "stock" | "alerts" | "batches" | "queues" | "events";

/** Prices, stock, alerts and the queues are the town's; a leader has their grid's orders, batches and notices. */
const ALLOWED: Record<Page, readonly ViewerRole[]> = {
  today: ["official", "leader"],
  batches: ["official", "leader"],
  alerts: ["official", "leader"],
  events: ["official", "leader"],
  prices: ["official"],
  stock: ["official"],
  queues: ["official"],
};

export function may(v: Pick<Viewer, "role"> | null, page: Page): boolean {
  return v !== null && ALLOWED[page].includes(v.role);
}

/** The pages in a viewer's menu, in order. */
export function menuFor(v: Pick<Viewer, "role">): Page[] {
  return (["today", "prices", "stock", "alerts", "batches", "queues"] as const).filter((p) => may(v, p));
}

/**
 * A role still held: an official anywhere; a leader of the session's grid, listed for
 * that grid or its whole village. Checked on every request, so a role taken away in
 * the village file ends the session at once.
 */
export function roleHeld(
  role: ViewerRole,
  scope: string,
  roles: ReadonlyArray<{ role: string; scope: string }>,
  gridVillageId: string | null,
): boolean {
  if (role === "official") return roles.some((r) => r.role === "official");
  return roles.some(
    (r) => r.role === "leader" && (r.scope === scope || (gridVillageId !== null && r.scope === gridVillageId)),
  );
}
