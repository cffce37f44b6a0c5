// What the bot says to officials in their chat (and the rumour corrections residents
// see): prices, stock, alerts, notices, rumour watches, the daily report.
import type { Baseline, PriceLevel, PriceVerdict } from "../flows/officials/price-rules";
import type { StockVerdict } from "../flows/officials/stock-rules";
import type { DailyReport } from "../flows/officials/report";
import { reportTotals, REFUSAL_LABEL } from "../flows/officials/report";
import { lines, num, text, yuan, zhDate, type Text } from "./text";

export const HELP_OFFICIALS: Text = text(
  [
    "🏛️ 工作群命令：",
    "/price 猪肉 30 — 报价（元/商品单位，可一次报多项：/price 猪肉30 鸡蛋6.2）；也可直接发“今日价格 猪肉28 鸡蛋6.2 白菜2.5”",
    "/stock 大米 3000 600 — 库存和日均消耗（同一单位），算出可供天数",
    "/notice 文本 — 通知所有群；/notice @张家村 文本 — 只发一个村；/notice @张家村/1 文本 — 只发一个网格",
    "/rumour 文本 — 发布辟谣（自动加【辟谣】和落款）",
    "/rumour watch 封城,断粮 不实消息：… — 登记谣言关键词（逗号或顿号分隔；多个词用空格时以 | 或换行隔开正文；a+b 表示两个词都出现），居民在网格群提到时每群每天自动回复一次；/rumour list 查看，/rumour stop 编号 停止",
    "/limit PKG100 2 [村名] — 每单限购；/limit PKG100 off 取消",
    "/report — 立即生成日报（每天定时发送）；/dashboard — 看板登录链接",
  ].join("\n"),
  "Officials' commands: prices in yuan per unit (/price); stock and daily use in the same unit (/stock); notices to all groups, @village or @village/grid (/notice); corrections (/rumour) and rumour watches (keywords before the correction, comma-separated, or ended by | or a new line); /limit; /report; /dashboard.",
);

const pct = (p: number) => `${p > 0 ? "+" : ""}${p}%`;
const baseZh = (b: Baseline) => (b.source === "configured" ? `基准${num(b.value)}元` : `近7天中位数${num(b.value)}元`);
const baseEn = (b: Baseline) =>
  b.source === "configured" ? `baseline ¥${num(b.value)}` : `7-day median ¥${num(b.value)}`;

export interface PriceLineView {
  name: string;
  nameEn: string;
  unit: string;
  price: number;
  baseline: Baseline | null;
  verdict: PriceVerdict;
}
export interface StockLineView {
  name: string;
  nameEn: string;
  unit: string;
  stock: number;
  dailyUse: number;
  verdict: StockVerdict;
  wanted: number | null;
}

export const officialTexts = {
  help: (): Text => HELP_OFFICIALS,
  usage(verb: string): Text {
    const u: Record<string, string> = {
      price: "/price 猪肉 30（或 今日价格 猪肉28 鸡蛋6.2）",
      stock: "/stock 大米 3000 600（库存 日均消耗）",
      notice: "/notice [@村 或 @村/网格] 通知内容",
      rumour: "/rumour 辟谣内容 | /rumour watch 封城,断粮 辟谣内容 | /rumour list | /rumour stop 编号",
    };
    return text(`格式：${u[verb] ?? `/${verb}`}`, `Usage: ${u[verb] ?? `/${verb}`}`);
  },
  /** A resident's price complaint, passed on: goods, price and group — never who said it. */
  residentComplaint(o: { goods: string; price: number; unit: string | null; where: string }): Text {
    const per = o.unit ? `/${o.unit}` : "";
    return text(
      `📣 居民反映价格：${o.goods} ${o.price}元${per}（${o.where}）。`,
      `Residents report a price: ${o.goods} ¥${o.price}${per} (${o.where}).`,
    );
  },
  reportCsvFailed(): Text {
    return text(
      "（日报的 CSV 文件未能保存，请运维检查 DATA_DIR。）",
      "(The report's CSV file could not be saved: operators, check DATA_DIR.)",
    );
  },
  wrongChat(): Text {
    return text("请在工作群（官方群）里使用这个命令。", "Please use this command in the officials' chat.");
  },
  notUnderstood(o: { unknown: string[]; incomplete: string[] }): Text {
    const parts: string[] = [];
    if (o.unknown.length) parts.push(`未识别的品名：${o.unknown.join("、")}`);
    if (o.incomplete.length) parts.push(`缺少或不合理的数字：${o.incomplete.join("、")}`);
    return text(`⚠️ ${parts.join("；")}。`, `Not understood: ${[...o.unknown, ...o.incomplete].join(", ")}.`);
  },
  pricesRecorded(items: PriceLineView[], skipped: Text | null): Text {
    const zh = items.map((l) => {
      const b = l.baseline
        ? `（${baseZh(l.baseline)}，${pct(l.verdict.changePct!)}${l.verdict.level === "low" ? "，偏低" : l.verdict.level === "high" ? "，偏高" : ""}）`
        : "（暂无基准）";
      return `${l.name} ${num(l.price)}元/${l.unit}${b}`;
    });
    const en = items.map(
      (l) =>
        `${l.nameEn} ¥${num(l.price)}/${l.unit}${l.verdict.changePct !== null ? ` (${pct(l.verdict.changePct)})` : ""}`,
    );
    return lines(text(`✅ 已记录价格：${zh.join("；")}。`, `Prices recorded: ${en.join("; ")}.`), skipped);
  },
  priceAlert(o: {
    name: string;
    nameEn: string;
    unit: string;
    price: number;
    baseline: Baseline;
    changePct: number;
    again: boolean;
    previous: number | null;
  }): Text {
    const again = o.again && o.previous !== null ? `（今日已预警${num(o.previous)}元，继续上涨）` : "";
    return text(
      `⚠️ 价格预警：${o.name} ${num(o.price)}元/${o.unit}，比${baseZh(o.baseline)}高${o.changePct}%${again}。请核查货源和价格，必要时调运平价物资。`,
      `Price alert: ${o.nameEn} at ¥${num(o.price)}/${o.unit}, ${o.changePct}% above the ${baseEn(o.baseline)}${o.again ? " (rising again today)" : ""}.`,
    );
  },
  stocksRecorded(items: StockLineView[], skipped: Text | null): Text {
    const zh = items.map(
      (l) =>
        `${l.name} 库存${num(l.stock)}${l.unit}，日耗${num(l.dailyUse)}${l.unit}，可供${l.verdict.daysLeft ?? "∞"}天${l.verdict.target ? `（目标${l.verdict.target}天）` : ""}`,
    );
    const en = items.map((l) => `${l.nameEn}: ${l.verdict.daysLeft ?? "∞"} days of supply`);
    return lines(text(`✅ 已记录库存：${zh.join("；")}。`, `Stock recorded: ${en.join("; ")}.`), skipped);
  },
  stockAlert(o: {
    name: string;
    nameEn: string;
    unit: string;
    stock: number;
    dailyUse: number;
    daysLeft: number;
    target: number;
    restoreQty: number;
    wanted: number | null;
  }): Text {
    const wanted = o.wanted
      ? `（底线${o.target}天，理想储备${o.wanted}天，补足${o.wanted}天需${num(Math.max(0, Math.ceil(o.wanted * o.dailyUse - o.stock)))}${o.unit}）`
      : "";
    return text(
      `⚠️ 库存预警：${o.name} 库存${num(o.stock)}${o.unit}，日耗${num(o.dailyUse)}${o.unit}，仅可供${o.daysLeft}天，低于目标${o.target}天${wanted}。需再调入${num(o.restoreQty)}${o.unit}才能恢复${o.target}天储备。`,
      `Stock alert: ${o.nameEn} covers ${o.daysLeft} days (target ${o.target}${o.wanted ? `, ${o.wanted} wanted` : ""}); bring in ${num(o.restoreQty)} ${o.unit} to restore the target.`,
    );
  },
  demandAlert(o: {
    name: string;
    nameEn: string;
    unit: string;
    demand: number;
    stock: number;
    deliveryDate: string;
    shortfall: number;
  }): Text {
    return text(
      `⚠️ 订单预警：${o.deliveryDate} 各网格共订${o.name}${num(o.demand)}${o.unit}，最新库存只有${num(o.stock)}${o.unit}，下次配送前会用完${o.shortfall > 0 ? `，还差${num(o.shortfall)}${o.unit}` : ""}。请尽快调货。`,
      `Demand alert: orders for ${o.deliveryDate} take ${num(o.demand)} ${o.unit} of ${o.nameEn}; the last reported stock is ${num(o.stock)}${o.shortfall > 0 ? ` (short by ${num(o.shortfall)})` : ""}.`,
    );
  },
  unknownVillage(village: string, grid?: string): Text {
    return text(
      `没有找到 ${village}${grid ? ` 网格${grid}` : ""}，请检查村名和网格号。`,
      `No such village/grid: ${village}${grid ? `/${grid}` : ""}.`,
    );
  },
  noticeFailed(): Text {
    return text("通知暂时无法发出，请稍后再试。", "The notice could not be sent; please try again later.");
  },
  rumourAnswer(o: { text: string; office: string }): Text {
    return text(`【辟谣】\n${o.text}\n——${o.office}`, `(Rumour correction from ${o.office})`);
  },
  rumourWatching(o: { id: string; keywords: string[] }): Text {
    return text(
      `🔎 已登记谣言关键词（编号 ${o.id}）：${o.keywords.join("、")}。居民在网格群提到时，每群每天自动回复一次辟谣。`,
      `Watching for ${o.keywords.join(", ")} (id ${o.id}); residents who mention it get the correction once per chat per day.`,
    );
  },
  rumourList(list: Array<{ id: string; keywords: string[]; text: string }>): Text {
    if (list.length === 0) return text("目前没有登记的谣言关键词。", "No rumour is being watched.");
    const rows = list.map(
      (w) => `${w.id}：${w.keywords.join("、")} → ${w.text.length > 30 ? `${w.text.slice(0, 30)}…` : w.text}`,
    );
    return text(["🔎 正在监测的谣言：", ...rows].join("\n"), ["Rumours watched:", ...rows].join("\n"));
  },
  rumourStopped(id: string, found: boolean): Text {
    return found
      ? text(`已停止监测 ${id}。`, `Stopped watching ${id}.`)
      : text(`没有编号为 ${id} 的谣言监测。`, `No rumour watch ${id}.`);
  },
  /** The delivery report of a notice, to the official who issued it. */
  noticeReport(p: {
    noticeId: string;
    delivered: number;
    total: number;
    failed: Array<{ name: string; reason: string }>;
  }): Text {
    const MAX = 20;
    const shown = p.failed.slice(0, MAX);
    const more = p.failed.length - shown.length;
    const reasonZh = (r: string) => (r === "bot removed" ? "机器人已被移出群" : r);
    const zh = shown.map((f) => `${f.name}：${reasonZh(f.reason)}`).join("；") + (more > 0 ? `；另有 ${more} 个` : "");
    const en = shown.map((f) => `${f.name}: ${f.reason}`).join("; ") + (more > 0 ? `; ${more} more` : "");
    return p.failed.length === 0
      ? text(
          `通知 ${p.noticeId} 已送达 ${p.delivered}/${p.total} 个群；失败 0 个。`,
          `Notice ${p.noticeId}: delivered to ${p.delivered} of ${p.total} groups; none failed.`,
        )
      : text(
          `通知 ${p.noticeId} 已送达 ${p.delivered}/${p.total} 个群；失败 ${p.failed.length} 个：${zh}`,
          `Notice ${p.noticeId}: delivered to ${p.delivered} of ${p.total} groups; ${p.failed.length} failed: ${en}`,
        );
  },
  /** An anti-rumour message as every group sees it (the official's text, signed by the office). */
  rumour: (body: string, office: string): string => `【辟谣】\n${body.trim()}\n——${office}`,
  report: reportText,
};

function refusalsZh(refusals: Record<string, number>): string {
  const list = Object.entries(refusals).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (list.length === 0) return "无拒单";
  return `拒单${list.map(([k, n]) => `${REFUSAL_LABEL[k] ?? k}×${n}`).join("、")}`;
}

const levelZh: Record<PriceLevel, string> = {
  high: "⚠️偏高",
  low: "偏低（供应或数据可能不足）",
  normal: "正常",
  unknown: "暂无基准",
};

/** The daily report (日报) as said in the officials' chat. */
export function reportText(r: DailyReport): Text {
  const t = reportTotals(r);
  const zh = [`📊 ${zhDate(r.date)}保供日报 · ${r.office}`, "【订单】"];
  for (const v of r.villages) {
    zh.push(
      `${v.village}：下单${v.orders}单（${yuan(v.orderCents)}元），确认批次${v.batchesConfirmed}个，当日配送批次${v.batchesDelivered}个，` +
        `未付款${v.unpaidOrders}单${v.unpaidOrders ? `（${yuan(v.unpaidCents)}元）` : ""}，${refusalsZh(v.refusals)}，购药需求${v.medicine}条`,
    );
  }
  if (r.villages.length === 0) zh.push("（无村庄数据）");
  zh.push("【价格】");
  if (r.prices.length === 0) zh.push("今日无报价");
  for (const p of r.prices) {
    const base = p.baseline
      ? `，${p.baseline.source === "configured" ? "基准" : "7天中位数"}${num(p.baseline.value)}元，${p.changePct! > 0 ? "+" : ""}${p.changePct}%`
      : "";
    zh.push(`${p.name} ${num(p.price)}元/${p.unit}${base}，${levelZh[p.level]}`);
  }
  zh.push("【库存】");
  if (r.stocks.length === 0) zh.push("暂无库存报告");
  for (const s of r.stocks) {
    const target = s.target ? `，目标${s.target}天${s.wanted ? `（理想${s.wanted}天）` : ""}` : "";
    const warn = s.below ? `，⚠️需补${num(s.restoreQty)}${s.unit}` : "";
    zh.push(
      `${s.name} 库存${num(s.stock)}${s.unit}，日耗${num(s.dailyUse)}${s.unit}，可供${s.daysLeft ?? "∞"}天${target}${warn}（${zhDate(s.reportedOn)}报）`,
    );
  }
  zh.push(`今日预警：价格${r.alerts.price}次，库存${r.alerts.stock}次。`);
  const en =
    `Daily report ${r.date}: ${t.orders} orders (¥${yuan(t.orderCents)}), ${t.batchesConfirmed} batches confirmed, ${t.batchesDelivered} delivered, ` +
    `${t.unpaidOrders} unpaid (¥${yuan(t.unpaidCents)}), ${t.refusals} refusals, ${t.medicine} medicine requests; ` +
    `${r.prices.filter((p) => p.level === "high").length} prices high, ${r.stocks.filter((s) => s.below).length} stocks under target; alerts: ${r.alerts.price} price, ${r.alerts.stock} stock.`;
  return text(zh.join("\n"), en);
}
