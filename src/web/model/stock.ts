// The Stock page as a value: days of supply per commodity against its target
// (bars), and each commodity's days of supply over 30 days. Pure.
import { STOCK_GROUP, type CommodityIndex } from "../../flows/officials/commodities";
import type { AlertSettings } from "../../flows/officials/settings";
import { judgeStock, targetDays, wantedDays } from "../../flows/officials/stock-rules";

export interface StockRow {
  sku: string;
  stock: number;
  dailyUse: number;
  at: Date;
}

export interface StockRows {
  now: Date;
  from: Date;
  tz: string;
  index: CommodityIndex;
  settings: AlertSettings;
  latest: StockRow[];
  history: StockRow[];
}

export interface StockBar {
  sku: string;
  name: string;
  nameEn: string;
  unit: string;
  stock: number;
  dailyUse: number;
  daysLeft: number | null;
  target: number | null;
  wanted: number | null;
  below: boolean;
  restoreQty: number;
  at: Date;
}

export interface StockView {
  from: number;
  to: number;
  bars: StockBar[];
  history: Array<{ sku: string; name: string; points: Array<[number, number]> }>;
}

const GROUP_RANK: Record<string, number> = { grain_oil: 0, meat: 1, fresh: 2 };
const order = (a: string, b: string) =>
  (GROUP_RANK[STOCK_GROUP[a] ?? ""] ?? 9) - (GROUP_RANK[STOCK_GROUP[b] ?? ""] ?? 9) || a.localeCompare(b);

export function buildStock(r: StockRows): StockView {
  const name = (sku: string) => r.index.get(sku);
  const bars = [...r.latest]
    .sort((a, b) => order(a.sku, b.sku))
    .map((s): StockBar => {
      const v = judgeStock({
        stock: s.stock,
        dailyUse: s.dailyUse,
        target: targetDays(s.sku, r.settings.stockTargetDays),
      });
      const c = name(s.sku);
      return {
        sku: s.sku,
        name: c?.name ?? s.sku,
        nameEn: c?.nameEn ?? s.sku,
        unit: c?.unit ?? "",
        stock: s.stock,
        dailyUse: s.dailyUse,
        daysLeft: v.daysLeft,
        target: v.target,
        wanted: wantedDays(s.sku),
        below: v.below,
        restoreQty: v.restoreQty,
        at: s.at,
      };
    });
  const hist = new Map<string, Array<[number, number]>>();
  for (const s of r.history) {
    if (s.dailyUse <= 0) continue;
    hist.set(s.sku, [...(hist.get(s.sku) ?? []), [s.at.getTime(), Math.floor((s.stock / s.dailyUse) * 10) / 10]]);
  }
  return {
    from: r.from.getTime(),
    to: r.now.getTime(),
    bars,
    history: [...hist.keys()].sort(order).map((sku) => ({ sku, name: name(sku)?.name ?? sku, points: hist.get(sku)! })),
  };
}
