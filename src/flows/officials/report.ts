// The daily report (日报): per village orders, batches, unpaid amounts, refusals,
// medicine requests; then prices against baselines and days of stock. One value,
// said as text in the officials' chat and written as CSV.
import { reasonText, type RuleFacts } from "../../texts/residents";
import { toCsv } from "../../domain/csv";
import type { Baseline, PriceLevel } from "./price-rules";

export interface VillageDay {
  village: string;
  /** The village's rules in force, which a refusal's reason states. */
  rules: RuleFacts;
  /** Orders placed that day and not cancelled. */
  orders: number;
  orderCents: number;
  /** Batches the leaders confirmed that day. */
  batchesConfirmed: number;
  /** Confirmed batches whose delivery date is that day. */
  batchesDelivered: number;
  /** Orders in confirmed batches not paid by the end of that day. */
  unpaidOrders: number;
  unpaidCents: number;
  /** Refused orders (and refused items of accepted orders) by reason code. */
  refusals: Record<string, number>;
  medicine: number;
}

export interface PriceLine {
  sku: string;
  name: string;
  unit: string;
  price: number;
  reports: number;
  baseline: Baseline | null;
  changePct: number | null;
  level: PriceLevel;
}

export interface StockLine {
  sku: string;
  name: string;
  unit: string;
  stock: number;
  dailyUse: number;
  /** Local date of the report the figures come from. */
  reportedOn: string;
  daysLeft: number | null;
  target: number | null;
  wanted: number | null;
  below: boolean;
  restoreQty: number;
}

export interface DailyReport {
  date: string;
  office: string;
  villages: VillageDay[];
  prices: PriceLine[];
  stocks: StockLine[];
  alerts: { price: number; stock: number };
}

import { num } from "../../texts/text";

export function reportTotals(r: DailyReport) {
  const t = {
    orders: 0,
    orderCents: 0,
    batchesConfirmed: 0,
    batchesDelivered: 0,
    unpaidOrders: 0,
    unpaidCents: 0,
    refusals: 0,
    medicine: 0,
  };
  for (const v of r.villages) {
    t.orders += v.orders;
    t.orderCents += v.orderCents;
    t.batchesConfirmed += v.batchesConfirmed;
    t.batchesDelivered += v.batchesDelivered;
    t.unpaidOrders += v.unpaidOrders;
    t.unpaidCents += v.unpaidCents;
    t.medicine += v.medicine;
    t.refusals += Object.values(v.refusals).reduce((a, b) => a + b, 0);
  }
  return t;
}

/** Short names of the refusal reasons, for one line per village. */
export const REFUSAL_LABEL: Readonly<Record<string, string>> = {
  CATEGORY_NOT_ALLOWED: "非保供品类",
  UNKNOWN_ITEM: "无此商品",
  BAD_QUANTITY: "数量不对",
  TOO_SOON: "下单过频",
  OVER_LIMIT: "超出限购",
  NO_HOUSEHOLD: "缺门牌号",
  BATCH_CONFIRMED: "确认后改单",
  NOT_LEADER: "非团长操作",
};

export const REPORT_CSV_HEADER = [
  "日期 date",
  "类别 section",
  "村 village",
  "sku",
  "项目 item",
  "数值 value",
  "单位 unit",
  "基准/目标 reference",
  "变化% change",
  "状态 status",
  "备注 note",
];

/** One row per figure, so the file opens in Excel and sums by section. */
export function reportRows(r: DailyReport): Array<Array<string | number | null>> {
  const rows: Array<Array<string | number | null>> = [];
  const d = r.date;
  for (const v of r.villages) {
    rows.push([d, "orders", v.village, null, "下单 orders", v.orders, "单", null, null, null, null]);
    rows.push([d, "orders", v.village, null, "下单金额 amount", v.orderCents / 100, "元", null, null, null, null]);
    rows.push([d, "batches", v.village, null, "确认批次 confirmed", v.batchesConfirmed, "个", null, null, null, null]);
    rows.push([d, "batches", v.village, null, "配送批次 delivered", v.batchesDelivered, "个", null, null, null, null]);
    rows.push([d, "unpaid", v.village, null, "未付款 unpaid orders", v.unpaidOrders, "单", null, null, null, null]);
    rows.push([
      d,
      "unpaid",
      v.village,
      null,
      "未付金额 unpaid amount",
      v.unpaidCents / 100,
      "元",
      null,
      null,
      null,
      null,
    ]);
    for (const [reason, n] of Object.entries(v.refusals).sort())
      rows.push([d, "refusals", v.village, null, reason, n, "次", null, null, null, reasonText(reason, v.rules).zh]);
    rows.push([d, "medicine", v.village, null, "购药需求 medicine requests", v.medicine, "条", null, null, null, null]);
  }
  for (const p of r.prices) {
    rows.push([
      d,
      "price",
      null,
      p.sku,
      p.name,
      p.price,
      `元/${p.unit}`,
      p.baseline?.value ?? null,
      p.changePct,
      p.level,
      p.baseline ? `${p.baseline.source}; ${p.reports} reports` : `${p.reports} reports`,
    ]);
  }
  for (const s of r.stocks) {
    rows.push([
      d,
      "stock",
      null,
      s.sku,
      s.name,
      s.daysLeft,
      "天",
      s.target,
      null,
      s.below ? "below" : "ok",
      `库存${num(s.stock)}${s.unit} 日耗${num(s.dailyUse)}${s.unit}${s.below ? ` 需补${num(s.restoreQty)}${s.unit}` : ""}${s.wanted ? ` 理想${s.wanted}天` : ""} (${s.reportedOn})`,
    ]);
  }
  rows.push([d, "alerts", null, null, "价格预警 price alerts", r.alerts.price, "次", null, null, null, null]);
  rows.push([d, "alerts", null, null, "库存预警 stock alerts", r.alerts.stock, "次", null, null, null, null]);
  return rows;
}

/** CSV with a BOM, so Excel opens the Chinese correctly. */
export function reportCsv(r: DailyReport): string {
  return toCsv(REPORT_CSV_HEADER, reportRows(r));
}
