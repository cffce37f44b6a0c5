// Snapshots for table tests of the pure decision (src/flows/decide): no database.
import { DEFAULT_CATALOG } from "../../src/domain/catalog";
import type { BatchView, HouseholdView, ListLine, OrderView, Parsed, Role, Snapshot } from "../../src/flows/decide";
import type { Line } from "../../src/flows/order-rules";

const catalog = new Map(DEFAULT_CATALOG.map((c) => [c.sku, c]));

export function parsed(p: Partial<Parsed> & { kind: Parsed["kind"] }): Parsed {
  return { household: null, name: null, phone: null, items: [], rejected: [], entries: [], medicines: [], ...p };
}

export const lines = (...pairs: Array<[string, number]>): Line[] => pairs.map(([sku, qty]) => ({ sku, qty }));

export function order(o: Partial<OrderView> & { household: string; lines: Line[] }): OrderView {
  return {
    id: `o-${o.household}`,
    status: "open",
    placedAt: new Date("2026-12-05T09:00:00+08:00"),
    deliveryDate: "2026-12-06",
    batchId: null,
    batchStatus: null,
    sourceMessage: `sim:g1:m-${o.household}`,
    slot: null,
    ...o,
  };
}

export function household(code: string, o: Partial<HouseholdView> = {}): HouseholdView {
  return { code, exists: true, name: null, specialCare: false, open: null, latest: null, ...o };
}

export interface SnapOptions {
  text?: string;
  from?: string;
  roles?: Role[];
  senderHousehold?: string | null;
  sentAt?: string;
  handledAt?: string;
  kind?: Snapshot["message"]["kind"];
  households?: HouseholdView[];
  batches?: BatchView[];
  list?: { title: string; lines: ListLine[] } | null;
  named?: Array<{ code: string; name: string }>;
  original?: Snapshot["original"];
  limits?: Record<string, number>;
  language?: "zh" | "zh+en" | "en";
}

export function snapshot(p: Parsed, o: SnapOptions = {}): Snapshot {
  const hh = new Map(
    (o.households ?? []).map((h) => {
      const open = h.open ?? null;
      return [h.code, { ...h, latest: h.latest ?? open }];
    }),
  );
  return {
    message: {
      key: "sim:g1:m1",
      kind: o.kind ?? "message",
      chatId: "g1",
      senderId: o.from ?? "r1",
      senderName: null,
      text: o.text ?? "",
      sentAt: new Date(o.sentAt ?? "2026-12-05T10:00:00+08:00"),
      handledAt: new Date(o.handledAt ?? o.sentAt ?? "2026-12-05T10:00:00+08:00"),
    },
    parsed: p,
    group: {
      id: "cg1",
      chatId: "g1",
      platform: "sim",
      villageId: "v1",
      gridId: "grid1",
      gridCode: "1",
      zone: "static",
      villageName: "李家村",
      language: o.language ?? "zh+en",
      digestMinutes: 0,
    },
    sender: {
      memberId: `m-${o.from ?? "r1"}`,
      userId: o.from ?? "r1",
      householdCode: o.senderHousehold ?? null,
      roles: new Set<Role>(["resident", ...(o.roles ?? [])]),
    },
    rules: {
      timezone: "Asia/Shanghai",
      cutoff: "20:00",
      intervalDays: 2,
      limits: o.limits ?? {},
      language: o.language ?? "zh+en",
    },
    catalog: { get: (sku) => catalog.get(sku) },
    households: hh,
    batches: o.batches ?? [],
    list: o.list ?? null,
    namedHouseholds: o.named ?? [],
    original: o.original ?? null,
  };
}
