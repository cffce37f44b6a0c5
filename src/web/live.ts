// Live updates for open dashboards. The bot, the job workers and this server may be
// separate processes over one PostgreSQL, so changes are read from the database
// itself: while anyone watches, one poll a second per dashboard process reads the
// orders changed since the last look (Order.updatedAt, indexed) and a signature of
// the small tables (alerts, reports, notices, batches, medicine requests, refusals).
// Each open page gets the events its viewer may see, over server-sent events.
import type { Viewer } from "./access";
import type { WebDeps } from "./deps";
import { commodityIndex } from "../app/officials/common";
import { describeAlert } from "./model/alerts";
import type { Bi } from "../texts/dashboard";
import { asDate, n } from "./data/sql";

export type LiveKind = "order" | "alert" | "price" | "stock" | "notice" | "batch" | "medicine" | "refusal";

export interface LiveEvent {
  kind: LiveKind;
  /** The grid it concerns, when known. */
  gridId: string | null;
  /** The town's business (alerts, prices, stock): officials only. */
  town: boolean;
  household?: string;
  status?: string;
  text?: Bi;
}

/** Whether a viewer may see an event: the town's to officials, a grid's to its leader too. */
export function eventVisible(e: LiveEvent, v: Pick<Viewer, "role" | "scope">): boolean {
  if (v.role === "official") return true;
  if (e.town) return false;
  return e.gridId === null || e.gridId === v.scope;
}

// Rows committed a little out of order (a transaction that started earlier commits
// later) are caught by looking back this far and remembering what was sent.
const OVERLAP_MS = 10_000;

type Signature = Record<Exclude<LiveKind, "order">, string>;

export class LiveFeed {
  private readonly subs = new Set<(events: LiveEvent[]) => void>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private since: Date | null = null;
  private readonly seen = new Map<string, number>();
  private sig: Signature | null = null;
  private alertKeys = new Set<string>();
  private closed = false;

  constructor(
    private readonly deps: WebDeps,
    private readonly intervalMs = 1000,
  ) {}

  get watchers(): number {
    return this.subs.size;
  }

  subscribe(fn: (events: LiveEvent[]) => void): () => void {
    this.subs.add(fn);
    if (this.subs.size === 1) this.schedule(0);
    return () => {
      this.subs.delete(fn);
      if (this.subs.size === 0) this.stop();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs.clear();
    this.stop();
    await this.running;
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // The next watcher starts from a fresh look (nothing missed is replayed: its page loads anew).
    this.since = null;
    this.sig = null;
    this.seen.clear();
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .then(() => undefined)
        .catch((e: unknown) => this.deps.log.warn({ err: (e as Error).message }, "dashboard live poll failed"))
        .finally(() => {
          this.running = null;
          if (this.subs.size > 0) this.schedule(this.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One look at the database; the first only sets the starting point. */
  async tick(): Promise<LiveEvent[]> {
    const events = [...(await this.orders()), ...(await this.tables())];
    if (events.length) for (const fn of this.subs) fn(events);
    return events;
  }

  private async orders(): Promise<LiveEvent[]> {
    const db = this.deps.db;
    const first = !this.since;
    if (!this.since) {
      const [row] = await db.$queryRaw<Array<{ max: unknown }>>`SELECT max("updatedAt") AS max FROM "Order"`;
      this.since = asDate(row?.max) ?? new Date(0);
    }
    const from = new Date(this.since.getTime() - OVERLAP_MS).toISOString();
    const rows = await db.$queryRaw<
      Array<{ id: string; gridId: string | null; status: string; updatedAt: unknown; code: string }>
    >`
      SELECT o.id, o."gridId", o.status::text AS status, o."updatedAt", h.code
        FROM "Order" o JOIN "Household" h ON h.id = o."householdId"
       WHERE o."updatedAt" > (${from}::timestamptz AT TIME ZONE 'UTC')
       ORDER BY o."updatedAt" LIMIT 1000`;
    const out: LiveEvent[] = [];
    for (const r of rows) {
      const at = asDate(r.updatedAt)!.getTime();
      if (this.seen.get(r.id) === at) continue;
      this.seen.set(r.id, at);
      if (at > this.since.getTime()) this.since = new Date(at);
      // The first look only notes what is there (the page it serves has just loaded it).
      if (!first) out.push({ kind: "order", gridId: r.gridId, town: false, household: r.code, status: r.status });
    }
    const forget = this.since.getTime() - 6 * OVERLAP_MS;
    for (const [id, at] of this.seen) if (at < forget) this.seen.delete(id);
    return out;
  }

  private async tables(): Promise<LiveEvent[]> {
    const db = this.deps.db;
    const [r] = await db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT (SELECT count(*) FROM "OfficialAlert") AS alerts, (SELECT max(at) FROM "OfficialAlert") AS "alertAt",
             (SELECT count(*) FROM "PriceReport") AS prices, (SELECT count(*) FROM "StockReport") AS stocks,
             (SELECT count(*) FROM "Notice") AS notices, (SELECT count(*) FROM "NoticeDelivery" WHERE status <> 'pending') AS delivered,
             (SELECT count(*) FILTER (WHERE status = 'open') || '/' || count(*) FROM "MedicineRequest") AS medicine,
             (SELECT count(*) FILTER (WHERE status = 'ready') || '/' || count(*) FILTER (WHERE status = 'confirmed') || '/' || count(*) FROM "Batch") AS batches,
             (SELECT max(at) FROM "AuditLog" WHERE action = 'order.rejected') AS "refusalAt"`;
    const sig: Signature = {
      alert: `${n(r?.alerts)}|${asDate(r?.alertAt)?.getTime() ?? ""}`,
      price: String(n(r?.prices)),
      stock: String(n(r?.stocks)),
      notice: `${n(r?.notices)}|${n(r?.delivered)}`,
      medicine: String(r?.medicine ?? ""),
      batch: String(r?.batches ?? ""),
      refusal: String(asDate(r?.refusalAt)?.getTime() ?? ""),
    };
    const before = this.sig;
    this.sig = sig;
    if (!before) {
      this.alertKeys = new Set((await this.latestAlerts()).map((a) => a.key));
      return [];
    }
    const out: LiveEvent[] = [];
    for (const k of Object.keys(sig) as Array<keyof Signature>) {
      if (sig[k] === before[k]) continue;
      if (k === "alert") out.push(...(await this.newAlerts()));
      else out.push({ kind: k, gridId: null, town: k === "price" || k === "stock" });
    }
    return out;
  }

  private latestAlerts() {
    return this.deps.db.officialAlert.findMany({ orderBy: { at: "desc" }, take: 50 });
  }

  private async newAlerts(): Promise<LiveEvent[]> {
    const latest = await this.latestAlerts();
    const index = commodityIndex(this.deps);
    const fresh = latest.filter((a) => !this.alertKeys.has(a.key));
    this.alertKeys = new Set(latest.map((a) => a.key));
    const events: LiveEvent[] = fresh
      .reverse()
      .map((a) => ({ kind: "alert", gridId: null, town: true, text: describeAlert(a, index).text }));
    return events.length ? events : [{ kind: "alert", gridId: null, town: true }];
  }
}
