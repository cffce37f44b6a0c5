// The daily report (日报): per village orders, batches, unpaid amounts, refusals,
// medicine requests; then prices against baselines and days of stock. One value,
// said as text in the officials' chat and written as CSV.
import { zhDate } from "../../domain/local-time";
import { reasonText } from "../texts";
import type { Baseline, PriceLevel } from "./price-rules";

export interface VillageDay {
  village: string;
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

export interface PriceLine { sku: string; name: string; unit: string; price: number; reports: number; baseline: Baseline | null; changePct: number | null; level: PriceLevel }

export interface StockLine {
  sku: string; name: string; unit: string; stock: number; dailyUse: number;
  /** Local date of the report the figures come from. */
  reportedOn: string;
  daysLeft: number | null; target: number | null; wanted: number | null; below: boolean; restoreQty: number;
}

export interface DailyReport {
  date: string;
  office: string;
  villages: VillageDay[];
  prices: PriceLine[];
  stocks: StockLine[];
  alerts: { price: number; stock: number };
}

const yuan = (c: number) => (c % 100 === 0 ? String(c / 100) : (c / 100).toFixed(2));
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));

export function reportTotals(r: DailyReport) {
  const t = { orders: 0, orderCents: 0, batchesConfirmed: 0, batchesDelivered: 0, unpaidOrders: 0, unpaidCents: 0, refusals: 0, medicine: 0 };
  for (const v of r.villages) {
    t.orders += v.orders; t.orderCents += v.orderCents; t.batchesConfirmed += v.batchesConfirmed; t.batchesDelivered += v.batchesDelivered;
    t.unpaidOrders += v.unpaidOrders; t.unpaidCents += v.unpaidCents; t.medicine += v.medicine;
    t.refusals += Object.values(v.refusals).reduce((a, b) => a + b, 0);
  }
  return t;
}

/** Short names of the refusal reasons, for one line per village. */
export const REFUSAL_LABEL: Readonly<Record<string, string>> = {
  CATEGORY_NOT_ALLOWED: "非保供品类", UNKNOWN_ITEM: "无此商品", BAD_QUANTITY: "数量不对", TOO_SOON: "下单过频",
  OVER_LIMIT: "超出限购", NO_HOUSEHOLD: "缺门牌号", BATCH_CONFIRMED: "确认后改单", NOT_LEADER: "非团长操作",
};

function refusalsZh(refusals: Record<string, number>): string {
  const list = Object.entries(refusals).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (list.length === 0) return "无拒单";
  return `拒单${list.map(([k, n]) => `${REFUSAL_LABEL[k] ?? k}×${n}`).join("、")}`;
}

const levelZh: Record<PriceLevel, string> = { high: "⚠️偏高", low: "偏低（供应或数据可能不足）", normal: "正常", unknown: "暂无基准" };

export function reportText(r: DailyReport): string {
  const t = reportTotals(r);
  const lines = [`📊 ${zhDate(r.date)}保供日报 · ${r.office}`, "【订单 / orders】"];
  for (const v of r.villages) {
    lines.push(
      `${v.village}：下单${v.orders}单（${yuan(v.orderCents)}元），确认批次${v.batchesConfirmed}个，当日配送批次${v.batchesDelivered}个，` +
        `未付款${v.unpaidOrders}单${v.unpaidOrders ? `（${yuan(v.unpaidCents)}元）` : ""}，${refusalsZh(v.refusals)}，购药需求${v.medicine}条`,
    );
  }
  if (r.villages.length === 0) lines.push("（无村庄数据）");
  lines.push("【价格 / prices】");
  if (r.prices.length === 0) lines.push("今日无报价");
  for (const p of r.prices) {
    const base = p.baseline ? `，${p.baseline.source === "configured" ? "基准" : "7天中位数"}${num(p.baseline.value)}元，${p.changePct! > 0 ? "+" : ""}${p.changePct}%` : "";
    lines.push(`${p.name} ${num(p.price)}元/${p.unit}${base}，${levelZh[p.level]}`);
  }
  lines.push("【库存 / stock】");
  if (r.stocks.length === 0) lines.push("暂无库存报告");
  for (const s of r.stocks) {
    const target = s.target ? `，目标${s.target}天${s.wanted ? `（理想${s.wanted}天）` : ""}` : "";
    const warn = s.below ? `，⚠️需补${num(s.restoreQty)}${s.unit}` : "";
    lines.push(`${s.name} 库存${num(s.stock)}${s.unit}，日耗${num(s.dailyUse)}${s.unit}，可供${s.daysLeft ?? "∞"}天${target}${warn}（${zhDate(s.reportedOn)}报）`);
  }
  lines.push(`今日预警：价格${r.alerts.price}次，库存${r.alerts.stock}次。`);
  lines.push(
    `Daily report ${r.date}: ${t.orders} orders (¥${yuan(t.orderCents)}), ${t.batchesConfirmed} batches confirmed, ${t.batchesDelivered} delivered, ` +
      `${t.unpaidOrders} unpaid (¥${yuan(t.unpaidCents)}), ${t.refusals} refusals, ${t.medicine} medicine requests; ` +
      `${r.prices.filter((p) => p.level === "high").length} prices high, ${r.stocks.filter((s) => s.below).length} stocks under target; alerts: ${r.alerts.price} price, ${r.alerts.stock} stock.`,
  );
  return lines.join("\n");
}

function cell(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const REPORT_CSV_HEADER = ["日期 date", "类别 section", "村 village", "sku", "项目 item", "数值 value", "单位 unit", "基准/目标 reference", "变化% change", "状态 status", "备注 note"];

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
    rows.push([d, "unpaid", v.village, null, "未付金额 unpaid amount", v.unpaidCents / 100, "元", null, null, null, null]);
    for (const [reason, n] of Object.entries(v.refusals).sort()) rows.push([d, "refusals", v.village, null, reason, n, "次", null, null, null, reasonText[reason]?.zh ?? null]);
    rows.push([d, "medicine", v.village, null, "购药需求 medicine requests", v.medicine, "条", null, null, null, null]);
  }
  for (const p of r.prices) {
    rows.push([d, "price", null, p.sku, p.name, p.price, `元/${p.unit}`, p.baseline?.value ?? null, p.changePct, p.level, p.baseline ? `${p.baseline.source}; ${p.reports} reports` : `${p.reports} reports`]);
  }
  for (const s of r.stocks) {
    rows.push([d, "stock", null, s.sku, s.name, s.daysLeft, "天", s.target, null, s.below ? "below" : "ok", `库存${num(s.stock)}${s.unit} 日耗${num(s.dailyUse)}${s.unit}${s.below ? ` 需补${num(s.restoreQty)}${s.unit}` : ""}${s.wanted ? ` 理想${s.wanted}天` : ""} (${s.reportedOn})`]);
  }
  rows.push([d, "alerts", null, null, "价格预警 price alerts", r.alerts.price, "次", null, null, null, null]);
  rows.push([d, "alerts", null, null, "库存预警 stock alerts", r.alerts.stock, "次", null, null, null, null]);
  return rows;
}

/** CSV with a BOM, so Excel opens the Chinese correctly. */
export function reportCsv(r: DailyReport): string {
  return `\uFEFF${[REPORT_CSV_HEADER, ...reportRows(r)].map((row) => row.map(cell).join(",")).join("\n")}\n`;
}
