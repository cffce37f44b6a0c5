// What the dashboard shows people (src/web), and its replies in the chat.
import { reasonText, type RuleFacts } from "./residents";
import { num, text as bi, type Text } from "./text";

/** A text in both languages (the dashboard shows both). */
export type Bi = Text;
export { num };

/** 2 h 15 min as 2小时15分 / 2 h 15 min. */
export function waited(ms: number): Bi {
  const m = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (d >= 1) return bi(`${d}天${h % 24}小时`, `${d} d ${h % 24} h`);
  if (h >= 1) return bi(`${h}小时${m % 60}分`, `${h} h ${m % 60} min`);
  return bi(`${m}分钟`, `${m} min`);
}

export const BATCH_STATE: Record<"open" | "ready" | "confirmed" | "delivered" | "merged", Bi> = {
  open: bi("收单中", "open"),
  ready: bi("待团长确认", "ready, waiting for the leader"),
  confirmed: bi("已确认待配送", "confirmed"),
  delivered: bi("已送达", "delivered"),
  merged: bi("未确认，已并入下一批", "never confirmed, moved into the next batch"),
};

export const ORDER_STATE: Record<string, Bi> = {
  open: bi("已登记", "open"),
  confirmed: bi("已确认", "confirmed"),
  delivered: bi("已送达", "delivered"),
  cancelled: bi("已取消", "cancelled"),
};

/** Refusal reasons, short enough for a table cell (the full sentence is the title). */
const REASON_SHORT: Record<string, Bi> = {
  CATEGORY_NOT_ALLOWED: bi("非保供品类", "not allowed"),
  UNKNOWN_ITEM: bi("无此商品", "unknown item"),
  BAD_QUANTITY: bi("数量不对", "bad quantity"),
  TOO_SOON: bi("下单过频", "too soon"),
  OVER_LIMIT: bi("超限购", "over limit"),
  NO_HOUSEHOLD: bi("缺门牌号", "no household"),
  BATCH_CONFIRMED: bi("已确认不能改", "batch confirmed"),
};

export function reasonLabel(code: string, rules: RuleFacts): Bi & { full: Bi } {
  const full = reasonText(code, rules);
  return { ...(REASON_SHORT[code] ?? full), full };
}

export const NOTICE_STATE: Record<string, Bi> = {
  pending: bi("发送中", "pending"),
  sent: bi("已送达", "sent"),
  failed: bi("发送失败", "failed"),
};

export const pageTexts = {
  title: bi("保供看板", "Supply dashboard"),
  nav: {
    today: bi("今日", "Today"),
    prices: bi("价格", "Prices"),
    stock: bi("库存", "Stock"),
    alerts: bi("预警与通知", "Alerts & notices"),
    batches: bi("批次", "Batches"),
    queues: bi("任务队列", "Queues"),
  } as Record<string, Bi>,
  logout: bi("退出", "Sign out"),
  live: bi("实时", "live"),
  toast: {
    order: (household: string, status: string) =>
      bi(
        `订单${ORDER_STATE[status]?.zh ?? "更新"}：${household}`,
        `Order ${ORDER_STATE[status]?.en ?? "updated"}: ${household}`,
      ),
    orders: (count: number) => bi(`${count}个订单有更新`, `${count} orders updated`),
    alert: bi("新预警", "new alert"),
  },
  town: bi("全镇", "whole town"),
  updated: bi("更新于", "as of"),
  queuesOff: bi(
    "这个看板进程没有连接任务队列（Redis）。",
    "This dashboard process has no connection to the job queues (Redis).",
  ),

  today: {
    heading: bi("今日保供", "Today's supply"),
    orders: bi("订单", "orders"),
    households: bi("户数", "households"),
    amount: bi("金额", "amount"),
    unpaid: bi("未付款", "unpaid"),
    medicine: bi("待买药", "medicine open"),
    waiting: bi("待确认批次", "batches waiting"),
    refusals: bi("未受理", "refused"),
    alerts: bi("今日预警", "alerts today"),
    grid: bi("网格", "grid"),
    batch: bi("批次状态", "batch"),
    care: bi("重点关照户", "special care"),
    noGrids: bi("还没有网格。", "No grids yet."),
    latest: bi("最新订单", "Latest orders"),
    noOrders: bi("今天还没有订单。", "No orders yet today."),
    waited: bi("已等", "waited"),
    legend: bi(
      "★ 重点关照户（独居老人、孕妇、慢性病等）优先；☆ 代下单的优先户。",
      "★ special-care households first; ☆ proxy orders, also first.",
    ),
    more: (n: number) => bi(`另有${n}户`, `${n} more`),
  },
  prices: {
    heading: bi("价格（近30天）", "Prices, last 30 days"),
    price: bi("价格", "price"),
    baseline: bi("基准", "baseline"),
    threshold: bi("预警线", "alert threshold"),
    median: bi("近7天中位数", "7-day median"),
    configured: bi("设定基准", "set baseline"),
    latest: bi("最新报价", "Latest reports"),
    none: bi(
      "近30天没有报价。在工作群发送 /price 猪肉 30 报价。",
      "No price reports in 30 days. Report with /price 猪肉 30 in the officials' chat.",
    ),
    when: bi("时间", "time"),
    what: bi("商品", "good"),
    change: bi("涨跌", "change"),
    by: bi("报告人", "reported by"),
    source: bi("来源", "source"),
    level: {
      high: bi("偏高", "high"),
      low: bi("偏低", "low"),
      normal: bi("正常", "normal"),
      unknown: bi("无基准", "no baseline"),
    } as Record<string, Bi>,
    sources: {
      official: bi("工作人员", "official"),
      shop: bi("商户", "shop"),
      resident: bi("居民反映", "resident"),
      other: bi("其他", "other"),
    } as Record<string, Bi>,
  },
  stock: {
    heading: bi("库存可供天数", "Days of supply"),
    days: bi("可供天数", "days of supply"),
    target: bi("目标天数", "target days"),
    wanted: bi("理想天数", "wanted"),
    history: bi("近30天可供天数", "Days of supply, last 30 days"),
    stock: bi("库存", "stock"),
    dailyUse: bi("日耗", "daily use"),
    restore: bi("需补", "to restore"),
    reported: bi("报告于", "reported"),
    below: bi("低于目标", "below target"),
    none: bi(
      "还没有库存报告。在工作群发送 /stock 大米 3000 600 报告库存。",
      "No stock reports yet. Report with /stock 大米 3000 600 in the officials' chat.",
    ),
  },
  alerts: {
    heading: bi("预警", "Alerts"),
    notices: bi("通知与辟谣", "Notices and corrections"),
    none: bi("没有预警。", "No alerts."),
    noNotices: bi("还没有通知。", "No notices yet."),
    delivery: bi("送达情况", "delivery"),
    kinds: { notice: bi("通知", "notice"), rumour: bi("辟谣", "correction") } as Record<string, Bi>,
    price: (o: { name: string; unit: string; price: number; baseline: number | null; risePct: number | null }) =>
      bi(
        `价格预警：${o.name} ${num(o.price)}元/${o.unit}${o.baseline !== null ? `，比基准${num(o.baseline)}元高${o.risePct ?? "?"}%` : ""}`,
        `Price: ${o.name} ¥${num(o.price)}/${o.unit}${o.risePct !== null ? `, ${o.risePct}% above the baseline` : ""}`,
      ),
    stockDays: (o: { name: string; daysLeft: number; target: number | null }) =>
      bi(
        `库存预警：${o.name} 仅可供${num(o.daysLeft)}天${o.target !== null ? `，低于目标${o.target}天` : ""}`,
        `Stock: ${o.name} covers ${num(o.daysLeft)} days${o.target !== null ? ` (target ${o.target})` : ""}`,
      ),
    demand: (o: { name: string; unit: string; demand: number; stock: number; deliveryDate: string }) =>
      bi(
        `订单预警：${o.deliveryDate} 订${o.name}${num(o.demand)}${o.unit}，库存只有${num(o.stock)}${o.unit}`,
        `Demand: orders for ${o.deliveryDate} take ${num(o.demand)} ${o.unit} of ${o.name}; stock ${num(o.stock)}`,
      ),
  },
  batches: {
    heading: bi("批次与拣货单", "Batches and pick lists"),
    none: bi("还没有批次（每天截单后生成）。", "No batches yet (they are built at each cut-off)."),
    deliveryDate: bi("配送日", "delivery date"),
    state: bi("状态", "state"),
    totals: bi("汇总", "Totals"),
    pickList: bi("拣货单", "Pick list"),
    slot: bi("取货时段", "slot"),
    paid: bi("已付", "paid"),
    household: bi("户号", "household"),
    name: bi("姓名", "name"),
    items: bi("商品", "items"),
    qty: bi("数量", "qty"),
    doorToDoor: bi("送货上门", "door to door"),
    defaultPoint: bi("取货点", "pickup point"),
    download: bi("下载", "Download"),
    notFound: bi("没有这个批次。", "No such batch."),
    unreadable: bi(
      "这个批次的汇总无法读取，请用 bin/baogong export batch 导出。",
      "This batch's summary cannot be read; export it with bin/baogong export batch.",
    ),
    yes: bi("是", "yes"),
    no: bi("否", "no"),
  },
  login: {
    heading: bi("登录保供看板", "Sign in to the supply dashboard"),
    button: bi("进入看板", "Open the dashboard"),
    officialNote: bi("本链接只能使用一次，10分钟内有效。", "This link works once, within 10 minutes."),
    leaderNote: bi(
      "团长登录：点击后页面会显示一个确认码，请用您本人的账号在本网格群发送。",
      "Leaders: the next page shows a code; send it in your grid group from your own account.",
    ),
    used: bi(
      "这个链接已经用过了。请在群里重新发送 /dashboard 获取新链接。如果不是您本人打开的，请告诉工作人员。",
      "This link has been used. Send /dashboard in the chat for a new one; if you did not open it yourself, tell the officials.",
    ),
    expired: bi(
      "这个链接已过期（10分钟内有效）。请在群里重新发送 /dashboard。",
      "This link has expired (links last 10 minutes). Send /dashboard in the chat again.",
    ),
    unknown: bi(
      "链接无效。请在群里发送 /dashboard 获取登录链接。",
      "This link is not valid. Send /dashboard in the chat for a sign-in link.",
    ),
    pending: (code: string) =>
      bi(
        `请在本网格群里用您本人的账号发送：/dashboard ${code}（10分钟内有效）。发送后本页会自动进入看板。`,
        `Send /dashboard ${code} in your grid group from your own account (within 10 minutes); this page then opens the dashboard.`,
      ),
    signedOut: bi("您已退出看板。", "You are signed out."),
    notSignedIn: bi(
      "请先登录：工作人员在工作群发送 /dashboard，团长在本网格群发送 /dashboard，然后点开机器人回复的链接。",
      "Sign in first: officials send /dashboard in the officials' chat, leaders in their grid group, then open the link the bot answers with.",
    ),
    forbidden: bi("您没有权限查看这个页面。", "You may not see this page."),
    notFound: bi("没有这个页面。", "No such page."),
  },
};

/** The bot's replies to /dashboard in the chat. */
export const chatTexts = {
  officialLink(url: string): string {
    return [
      `🔐 保供看板登录链接（10分钟内有效，只能用一次，请勿转发）：`,
      url,
      `Dashboard sign-in link (valid for 10 minutes, works once; do not forward).`,
    ].join("\n");
  },
  leaderLink(url: string, grid: string): string {
    return [
      `🔐 ${grid}看板登录链接（10分钟内有效，只能用一次）：`,
      url,
      `打开后页面会显示一个确认码，请您本人在本群发送 /dashboard 确认码 完成登录。`,
      `Dashboard link for ${grid} (valid 10 minutes, works once). The page shows a code: send /dashboard <code> here yourself to finish signing in.`,
    ].join("\n");
  },
  confirmed(): string {
    return "✅ 看板已登录。\nDashboard signed in.";
  },
  badCode(): string {
    return "确认码不对或已过期，请重新发送 /dashboard 获取新链接。\nThat code is wrong or has expired; send /dashboard for a new link.";
  },
  useOfficialsChat(): string {
    return "请在工作群（官方群）里发送 /dashboard，全镇看板的链接不在网格群里发。\nPlease send /dashboard in the officials' chat: town-wide links are not posted in grid groups.";
  },
  notAllowed(): string {
    return "🚫 只有工作人员和本群团长可以打开看板。\nOnly officials and this group's leader can open the dashboard.";
  },
  off(): string {
    return "看板没有开启（DASHBOARD_PORT=off）。\nThe dashboard is not enabled (DASHBOARD_PORT=off).";
  },
};
