// What the bot says to officials (and the rumour corrections residents see):
// Simplified Chinese first, English alongside.
import type { Baseline, PriceVerdict } from "./price-rules";
import type { StockVerdict } from "./stock-rules";

export const HELP_OFFICIALS = [
  "🏛️ 工作群命令 / officials' commands:",
  "/price 猪肉 30 — 报价（元/商品单位，可一次报多项：/price 猪肉30 鸡蛋6.2）；也可直接发“今日价格 猪肉28 鸡蛋6.2 白菜2.5”",
  "/stock 大米 3000 600 — 库存和日均消耗（同一单位），算出可供天数",
  "/notice 文本 — 通知所有群；/notice @张家村 文本 — 只发一个村；/notice @张家村/1 文本 — 只发一个网格",
  "/rumour 文本 — 发布辟谣（自动加【辟谣】和落款）",
  "/rumour watch 封城,断粮 不实消息：… — 登记谣言关键词（逗号或顿号分隔；多个词用空格时以 | 或换行隔开正文；a+b 表示两个词都出现），居民在网格群提到时每群每天自动回复一次；/rumour list 查看，/rumour stop 编号 停止",
  "/report — 立即生成日报（每天定时发送）",
  "Prices in yuan per unit; stock and daily use in the same unit; notices to all groups, @village or @village/grid; rumour watch keywords before the correction (comma-separated, or ended by | or a new line).",
].join("\n");

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));
const pct = (p: number) => `${p > 0 ? "+" : ""}${p}%`;
const baseZh = (b: Baseline) => (b.source === "configured" ? `基准${fmt(b.value)}元` : `近7天中位数${fmt(b.value)}元`);
const baseEn = (b: Baseline) => (b.source === "configured" ? `baseline ¥${fmt(b.value)}` : `7-day median ¥${fmt(b.value)}`);

export interface PriceLineView { name: string; nameEn: string; unit: string; price: number; baseline: Baseline | null; verdict: PriceVerdict }
export interface StockLineView { name: string; nameEn: string; unit: string; stock: number; dailyUse: number; verdict: StockVerdict; wanted: number | null }

export const officialTexts = {
  help: () => HELP_OFFICIALS,
  usage(verb: string): string {
    const u: Record<string, string> = {
      price: "/price 猪肉 30（或 今日价格 猪肉28 鸡蛋6.2）",
      stock: "/stock 大米 3000 600（库存 日均消耗）",
      notice: "/notice [@村 或 @村/网格] 通知内容",
      rumour: "/rumour 辟谣内容 | /rumour watch 封城,断粮 辟谣内容 | /rumour list | /rumour stop 编号",
    };
    return `格式 / usage: ${u[verb] ?? `/${verb}`}`;
  },
  /** A resident's price complaint, passed on: goods, price and group — never who said it. */
  residentComplaint(o: { goods: string; price: number; unit: string | null; where: string }): string {
    const per = o.unit ? `/${o.unit}` : "";
    return `📣 居民反映价格：${o.goods} ${o.price}元${per}（${o.where}）。\nResidents report a price: ${o.goods} ¥${o.price}${per} (${o.where}).`;
  },
  reportCsvFailed(): string {
    return "（日报的 CSV 文件未能保存，请运维检查 DATA_DIR。）\n(The report's CSV file could not be saved: operators, check DATA_DIR.)";
  },
  wrongChat(): string {
    return "请在工作群（官方群）里使用这个命令。\nPlease use this command in the officials' chat.";
  },
  notUnderstood(o: { unknown: string[]; incomplete: string[] }): string {
    const parts: string[] = [];
    if (o.unknown.length) parts.push(`未识别的品名：${o.unknown.join("、")}`);
    if (o.incomplete.length) parts.push(`缺少或不合理的数字：${o.incomplete.join("、")}`);
    return `⚠️ ${parts.join("；")}。\nNot understood: ${[...o.unknown, ...o.incomplete].join(", ")}.`;
  },
  pricesRecorded(lines: PriceLineView[], skipped: string | null): string {
    const zh = lines.map((l) => {
      const b = l.baseline ? `（${baseZh(l.baseline)}，${pct(l.verdict.changePct!)}${l.verdict.level === "low" ? "，偏低" : l.verdict.level === "high" ? "，偏高" : ""}）` : "（暂无基准）";
      return `${l.name} ${fmt(l.price)}元/${l.unit}${b}`;
    });
    const en = lines.map((l) => `${l.nameEn} ¥${fmt(l.price)}/${l.unit}${l.verdict.changePct !== null ? ` (${pct(l.verdict.changePct)})` : ""}`);
    return [`✅ 已记录价格：${zh.join("；")}。`, `Prices recorded: ${en.join("; ")}.`, ...(skipped ? [skipped] : [])].join("\n");
  },
  priceAlert(o: { name: string; nameEn: string; unit: string; price: number; baseline: Baseline; changePct: number; again: boolean; previous: number | null }): string {
    const again = o.again && o.previous !== null ? `（今日已预警${fmt(o.previous)}元，继续上涨）` : "";
    return [
      `⚠️ 价格预警：${o.name} ${fmt(o.price)}元/${o.unit}，比${baseZh(o.baseline)}高${o.changePct}%${again}。请核查货源和价格，必要时调运平价物资。`,
      `Price alert: ${o.nameEn} at ¥${fmt(o.price)}/${o.unit}, ${o.changePct}% above the ${baseEn(o.baseline)}${o.again ? " (rising again today)" : ""}.`,
    ].join("\n");
  },
  stocksRecorded(lines: StockLineView[], skipped: string | null): string {
    const zh = lines.map((l) => `${l.name} 库存${fmt(l.stock)}${l.unit}，日耗${fmt(l.dailyUse)}${l.unit}，可供${l.verdict.daysLeft ?? "∞"}天${l.verdict.target ? `（目标${l.verdict.target}天）` : ""}`);
    const en = lines.map((l) => `${l.nameEn}: ${l.verdict.daysLeft ?? "∞"} days of supply`);
    return [`✅ 已记录库存：${zh.join("；")}。`, `Stock recorded: ${en.join("; ")}.`, ...(skipped ? [skipped] : [])].join("\n");
  },
  stockAlert(o: { name: string; nameEn: string; unit: string; stock: number; dailyUse: number; daysLeft: number; target: number; restoreQty: number; wanted: number | null }): string {
    const wanted = o.wanted ? `（底线${o.target}天，理想储备${o.wanted}天，补足${o.wanted}天需${fmt(Math.max(0, Math.ceil(o.wanted * o.dailyUse - o.stock)))}${o.unit}）` : "";
    return [
      `⚠️ 库存预警：${o.name} 库存${fmt(o.stock)}${o.unit}，日耗${fmt(o.dailyUse)}${o.unit}，仅可供${o.daysLeft}天，低于目标${o.target}天${wanted}。需再调入${fmt(o.restoreQty)}${o.unit}才能恢复${o.target}天储备。`,
      `Stock alert: ${o.nameEn} covers ${o.daysLeft} days (target ${o.target}${o.wanted ? `, ${o.wanted} wanted` : ""}); bring in ${fmt(o.restoreQty)} ${o.unit} to restore the target.`,
    ].join("\n");
  },
  demandAlert(o: { name: string; nameEn: string; unit: string; demand: number; stock: number; deliveryDate: string; shortfall: number }): string {
    return [
      `⚠️ 订单预警：${o.deliveryDate} 各网格共订${o.name}${fmt(o.demand)}${o.unit}，最新库存只有${fmt(o.stock)}${o.unit}，下次配送前会用完${o.shortfall > 0 ? `，还差${fmt(o.shortfall)}${o.unit}` : ""}。请尽快调货。`,
      `Demand alert: orders for ${o.deliveryDate} take ${fmt(o.demand)} ${o.unit} of ${o.nameEn}; the last reported stock is ${fmt(o.stock)}${o.shortfall > 0 ? ` (short by ${fmt(o.shortfall)})` : ""}.`,
    ].join("\n");
  },
  unknownVillage(village: string, grid?: string): string {
    return `没有找到 ${village}${grid ? ` 网格${grid}` : ""}，请检查村名和网格号。\nNo such village/grid: ${village}${grid ? `/${grid}` : ""}.`;
  },
  noticeFailed(): string {
    return "通知暂时无法发出，请稍后再试。\nThe notice could not be sent; please try again later.";
  },
  rumourAnswer(o: { text: string; office: string }): string {
    return `【辟谣】\n${o.text}\n——${o.office}\n(Rumour correction from ${o.office})`;
  },
  rumourWatching(o: { id: string; keywords: string[] }): string {
    return `🔎 已登记谣言关键词（编号 ${o.id}）：${o.keywords.join("、")}。居民在网格群提到时，每群每天自动回复一次辟谣。\nWatching for ${o.keywords.join(", ")} (id ${o.id}); residents who mention it get the correction once per chat per day.`;
  },
  rumourList(list: Array<{ id: string; keywords: string[]; text: string }>): string {
    if (list.length === 0) return "目前没有登记的谣言关键词。\nNo rumour is being watched.";
    return ["🔎 正在监测的谣言 / rumours watched:", ...list.map((w) => `${w.id}：${w.keywords.join("、")} → ${w.text.length > 30 ? `${w.text.slice(0, 30)}…` : w.text}`)].join("\n");
  },
  rumourStopped(id: string, found: boolean): string {
    return found ? `已停止监测 ${id}。\nStopped watching ${id}.` : `没有编号为 ${id} 的谣言监测。\nNo rumour watch ${id}.`;
  },
};
