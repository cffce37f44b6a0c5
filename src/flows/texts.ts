// Every text the bot says to people, in one place: Simplified Chinese first,
// English alongside. Phone numbers never appear here unmasked.
import { zhDate } from "../domain/local-time";
import { MAX_QTY } from "./parse";

export interface ItemView { sku: string; qty: number; name: string; nameEn: string; unit: string; priceCents: number }

const yuan = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

export function itemsZh(items: readonly ItemView[]): string {
  return items.map((i) => `${i.name}×${i.qty}${i.unit}`).join("、");
}
export function itemsEn(items: readonly ItemView[]): string {
  return items.map((i) => `${i.nameEn} ×${i.qty}`).join(", ");
}
export function totalCents(items: readonly ItemView[]): number {
  return items.reduce((s, i) => s + i.qty * i.priceCents, 0);
}

export const EXAMPLE_ORDER = "3-2-501 张三 100元套餐1份";

/** A part of a message that was not taken, and why. */
export interface RefusedView { text: string; reason: string }

export const reasonText: Record<string, { zh: string; en: string }> = {
  CATEGORY_NOT_ALLOWED: { zh: "保供期间只能订购套餐、母婴用品和生活必需品", en: "only packages, mother-and-baby goods and daily necessities can be ordered" },
  UNKNOWN_ITEM: { zh: "商品目录里没有这件商品", en: "this item is not in the catalog" },
  BAD_QUANTITY: { zh: `数量不对（每项1到${MAX_QTY}）`, en: `the quantity must be between 1 and ${MAX_QTY}` },
  TOO_SOON: { zh: "每户每两天只能下单一次", en: "each household may order once every two days" },
  OVER_LIMIT: { zh: "超过了每单限购数量", en: "more than the per-order limit" },
  NO_HOUSEHOLD: { zh: "没有看到门牌号", en: "no household address given" },
  BATCH_CONFIRMED: { zh: "团长已确认本批订单，不能再修改或取消", en: "the leader has already confirmed this batch" },
  NOT_LEADER: { zh: "只有本群团长可以操作", en: "only this group's leader can do that" },
  NOT_OFFICIAL: { zh: "只有工作人员可以操作", en: "only officials can do that" },
};

export const texts = {
  /** `deferredFrom`: the batch of that date was already confirmed when the order was handled. */
  accepted(o: { household: string; items: ItemView[]; deliveryDate: string; proxy: boolean; refused: RefusedView[]; deferredFrom?: string | null }): string {
    const total = yuan(totalCents(o.items));
    const moved = o.deferredFrom
      ? [`（${zhDate(o.deferredFrom)}的批次团长已确认，本单顺延）`, ` (the batch for ${o.deferredFrom} was already confirmed, so it moves to the next delivery)`]
      : ["", ""];
    const lines = [
      `✅ 已收到 ${o.household}${o.proxy ? "（代下单）" : ""} 的订单：${itemsZh(o.items)}，合计${total}元，预计${zhDate(o.deliveryDate)}送达${moved[0]}。`,
      `Order received for ${o.household}${o.proxy ? " (proxy)" : ""}: ${itemsEn(o.items)}, total ¥${total}, delivery ${o.deliveryDate}${moved[1]}.`,
    ];
    if (o.refused.length) lines.push(texts.refusedLine(o.refused));
    return lines.join("\n");
  },
  /** The refused part of a message otherwise taken, each with its reason. */
  refusedLine(refused: readonly RefusedView[]): string {
    const byReason = new Map<string, string[]>();
    for (const r of refused) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.text]);
    const zh = [...byReason].map(([reason, t]) => `${t.join("、")}（${reasonText[reason]?.zh ?? reason}）`).join("；");
    const en = [...byReason].map(([reason, t]) => `${t.join(", ")} (${reasonText[reason]?.en ?? reason})`).join("; ");
    return `⚠️ 未受理：${zh} / Not accepted: ${en}.`;
  },
  rejected(o: { household: string | null; reason: string; detail?: string; refused?: string[] }): string {
    const r = reasonText[o.reason] ?? { zh: o.reason, en: o.reason };
    const who = o.household ? `${o.household} ` : "";
    const extra = o.detail ? `，${o.detail}` : "";
    const lines = [`❌ ${who}订单未受理：${r.zh}${extra}。`, `Order not accepted: ${r.en}.`];
    if (o.refused?.length) lines.push(`未受理的商品 / refused: ${o.refused.join("、")}`);
    if (o.reason === "NO_HOUSEHOLD" || o.reason === "UNKNOWN_ITEM" || o.reason === "CATEGORY_NOT_ALLOWED" || o.reason === "BAD_QUANTITY") {
      lines.push(`请这样写 / Write it like this: ${EXAMPLE_ORDER}`);
    }
    return lines.join("\n");
  },
  tooSoon(o: { household: string; nextDate: string; hasOpenOrder: boolean }): string {
    const hint = o.hasOpenOrder ? "如需修改请发“改成…”，例如“改成100元套餐”。" : "";
    return [
      `❌ ${o.household} 订单未受理：每户每两天只能下单一次，${zhDate(o.nextDate)}起可以再下单。${hint}`,
      `Order not accepted: one order per household every two days; you can order again from ${o.nextDate}.${o.hasOpenOrder ? " To change your order, write 改成… (e.g. 改成100元套餐)." : ""}`,
    ].join("\n");
  },
  overLimit(o: { household: string; sku: string; name: string; max: number }): string {
    return [
      `❌ ${o.household} 订单未受理：${o.name}每单限购${o.max}，请改数量后重新下单。`,
      `Order not accepted: at most ${o.max} of ${o.sku} per order; please send it again with a smaller quantity.`,
    ].join("\n");
  },
  amended(o: { household: string; items: ItemView[]; deliveryDate: string; refused?: RefusedView[] }): string {
    const lines = [
      `✏️ 已修改 ${o.household} 的订单：${itemsZh(o.items)}，合计${yuan(totalCents(o.items))}元，预计${zhDate(o.deliveryDate)}送达。`,
      `Order for ${o.household} changed: ${itemsEn(o.items)}, delivery ${o.deliveryDate}.`,
    ];
    if (o.refused?.length) lines.push(texts.refusedLine(o.refused));
    return lines.join("\n");
  },
  deferred(o: { household: string; from: string; to: string }): string {
    return [
      `📦 ${o.household} 的订单到得晚了：${zhDate(o.from)}的批次团长已确认，本单顺延至${zhDate(o.to)}送达，无需重新下单。`,
      `The order for ${o.household} arrived after the ${o.from} batch was confirmed; it moves to ${o.to}. No need to order again.`,
    ].join("\n");
  },
  cancelled(household: string): string {
    return `🗑️ 已取消 ${household} 的订单。\nOrder for ${household} cancelled.`;
  },
  noOpenOrder(household: string): string {
    return `${household} 目前没有可修改或取消的订单。\nThere is no open order for ${household}.`;
  },
  batchConfirmedChange(household: string, leader: string | null): string {
    return [
      `❌ ${household}：团长已确认本批订单，不能再修改或取消，如有特殊情况请联系团长${leader ? `（${leader}）` : ""}。`,
      `The leader has confirmed this batch; it can no longer be changed. Please contact the group leader.`,
    ].join("\n");
  },
  status(o: { household: string; status: string; items: ItemView[]; deliveryDate: string; slot: string | null } | { household: string; none: true }): string {
    if ("none" in o) return `${o.household} 目前没有订单。\nNo order found for ${o.household}.`;
    const st: Record<string, [string, string]> = {
      open: ["已登记，等待团长确认", "received, waiting for the leader's confirmation"],
      confirmed: ["团长已确认，备货中", "confirmed by the leader"],
      delivered: ["已送达", "delivered"],
      cancelled: ["已取消", "cancelled"],
    };
    const [zh, en] = st[o.status] ?? [o.status, o.status];
    return [
      `📦 ${o.household} 的订单（${itemsZh(o.items)}）：${zh}，预计${zhDate(o.deliveryDate)}送达${o.slot ? `，取货时段 ${o.slot}` : ""}。`,
      `Order for ${o.household}: ${en}; delivery ${o.deliveryDate}${o.slot ? `, pickup slot ${o.slot}` : ""}.`,
    ].join("\n");
  },
  medicine(o: { household: string | null; medicines: Array<{ name: string; qty: number | null }> }): string {
    const list = o.medicines.map((m) => `${m.name}${m.qty ? `×${m.qty}` : ""}`).join("、") || "药品";
    return [
      `💊 已登记${o.household ? ` ${o.household} ` : ""}的购药需求：${list}。志愿者会联系您代购，请准备好病历或处方。`,
      `Medicine request noted${o.household ? ` for ${o.household}` : ""}: ${list}. A volunteer will contact you; please have the prescription ready.`,
    ].join("\n");
  },
  medicineList(open: Array<{ household: string; medicines: Array<{ name: string; qty: number | null }> }>): string {
    if (!open.length) return "💊 目前没有待买的药。\nNo open medicine requests.";
    const lines = open.map((o, i) => `${i + 1}. ${o.household}：${o.medicines.map((m) => `${m.name}${m.qty ? `×${m.qty}` : ""}`).join("、") || "（见原消息）"}`);
    return [`💊 待买药品（${open.length}条），买到后发 /bought 户号：`, ...lines, `Medicine to buy: ${open.length}; reply /bought <household> when done.`].join("\n");
  },
  medicineNoHousehold(): string {
    return `💊 请写上门牌号，例如“3-2-501 需要降压药 硝苯地平 2盒”。\nPlease include your address, e.g. "3-2-501 需要降压药 硝苯地平 2盒".`;
  },
  /**
   * One answer to a 接龙 repost. `kept`: lines missing from this copy, kept (another
   * person's copy never cancels an order); `notChanged`: other households' lines this copy
   * changed, left as they were (only the household or the leader changes a line).
   */
  jielongSummary(o: { title: string; added: string[]; changed: string[]; removed: string[]; refused: string[]; kept?: string[]; notChanged?: string[] }): string {
    const kept = o.kept ?? [];
    const notChanged = o.notChanged ?? [];
    const parts: string[] = [];
    if (o.added.length) parts.push(`新增 ${o.added.length} 户（${o.added.join("、")}）`);
    if (o.changed.length) parts.push(`修改 ${o.changed.length} 户（${o.changed.join("、")}）`);
    if (o.removed.length) parts.push(`取消 ${o.removed.length} 户（${o.removed.join("、")}）`);
    if (o.refused.length) parts.push(`未受理 ${o.refused.length} 条（${o.refused.join("；")}）`);
    const zh = parts.length ? parts.join("，") : "没有变化";
    const lines = [`📋 接龙「${o.title}」已登记：${zh}。`];
    if (kept.length) lines.push(`ℹ️ 这份接龙里少了 ${kept.join("、")}，他们的订单照常保留（取消请本户发“取消订单”）。`);
    if (notChanged.length) lines.push(`ℹ️ ${notChanged.join("、")} 的内容与已登记的不同，以本户登记的为准（修改请本户或团长发）。`);
    lines.push(`Group list "${o.title}": ${o.added.length} new, ${o.changed.length} changed, ${o.removed.length} removed, ${o.refused.length} not accepted${kept.length ? `; ${kept.length} missing from this copy kept` : ""}${notChanged.length ? `; ${notChanged.length} others' lines left as registered` : ""}.`);
    return lines.join("\n");
  },
  /** Several households in one message: one line each. */
  severalOrders(results: Array<{ household: string | null; ok: true; items: ItemView[]; deliveryDate: string; deferredFrom: string | null; refused: RefusedView[] } | { household: string | null; ok: false; reason: string; nextDate: string | null }>): string {
    const zh = results.map((r) => {
      const who = r.household ?? "（未写门牌号）";
      if (r.ok) return `✅ ${who}：${itemsZh(r.items)}，合计${yuan(totalCents(r.items))}元，预计${zhDate(r.deliveryDate)}送达${r.refused.length ? `（未受理：${r.refused.map((x) => x.text).join("、")}）` : ""}`;
      const why = reasonText[r.reason]?.zh ?? r.reason;
      return `❌ ${who}：${why}${r.nextDate ? `，${zhDate(r.nextDate)}起可以再下单` : ""}`;
    });
    const ok = results.filter((r) => r.ok).length;
    return [`📦 收到 ${results.length} 户的订单：`, ...zh, `Orders for ${results.length} households: ${ok} received, ${results.length - ok} not accepted.`].join("\n");
  },
  /** A leader named a person, not a household, and the bot cannot tell which household. */
  whichHousehold(name: string, candidates: string[]): string {
    return candidates.length
      ? `❓ 有几户都叫“${name}”（${candidates.join("、")}），请写上门牌号再发一次。\nSeveral households are called "${name}" (${candidates.join(", ")}); please write the address.`
      : `❓ 没有找到“${name}”家的订单，请写上门牌号再发一次，例如“3-1-101 ${name} 换成小套餐”。\nNo household called "${name}" here; please write the address.`;
  },
  /** The bot cannot tell what a message wants, though it names a household and goods: it asks. */
  askIntent(household: string, quote: string): string {
    const q = quote.length > 40 ? `${quote.slice(0, 40)}…` : quote;
    return [
      `❓ ${household}：「${q}」是要下单吗？下单请写“${household} 下单 …”，修改已有订单请写“改成…”。`,
      `${household}: do you want to order? Write "${household} 下单 …" to order, or "改成…" to change your order.`,
    ].join("\n");
  },
  editNotReapplied(): string {
    return "ℹ️ 改过的“加购”消息不会再加一次；如需调整请另发一条，例如“鸡蛋改成2盒”。\nAn edited add-on is not added again; please send a new message, e.g. 鸡蛋改成2盒.";
  },
  recalled(household: string): string {
    return `🗑️ ${household} 撤回了下单消息，订单已取消，可以重新下单。\nThe order for ${household} was withdrawn and cancelled; you may order again.`;
  },
  recalledAfterConfirm(household: string): string {
    return `⚠️ ${household} 撤回了下单消息，但本批次团长已确认，订单仍会配送；如有变化请团长与该户联系。\n${household} withdrew the order message after the leader confirmed the batch; the order stands. Leader: please contact the household.`;
  },
  /** Messages wait (the database is unreachable): they are kept and will be handled in order. */
  waiting(names: string[]): string {
    const shown = names.slice(0, 10);
    const more = names.length > shown.length ? ` 等${names.length}人` : "";
    return [
      `⏳ 系统暂时繁忙：已收到 ${shown.join("、")}${more} 的消息，恢复后会按顺序处理并回复，请不要重复发送。`,
      `We are running behind: messages from ${shown.join(", ")}${names.length > shown.length ? ` and ${names.length - shown.length} more` : ""} are received and will be handled in order. No need to send them again.`,
    ].join("\n");
  },
  couldNotHandle(name: string | null): string {
    return [
      `⚠️ 抱歉，${name ? `${name} ` : ""}刚才的消息没能处理，请换个说法再发一次，或直接联系团长。`,
      `Sorry, that message${name ? ` from ${name}` : ""} could not be handled. Please write it again or contact the leader.`,
    ].join("\n");
  },
  telegramPrivacy(): string {
    return [
      "ℹ️ 机器人现在只能看到命令，看不到大家的下单消息。请群主在 BotFather 中对本机器人执行 /setprivacy → Disable（关闭隐私模式），然后把机器人移出群再重新拉入。",
      "I can only see commands in this group. Please turn privacy mode off in BotFather (/setprivacy → Disable), then remove and re-add the bot.",
    ].join("\n");
  },
  denied(reason: string): string {
    const r = reasonText[reason] ?? { zh: reason, en: reason };
    return `🚫 ${r.zh}。\nSorry, ${r.en}.`;
  },
};

/** Answers to the leaders', volunteers' and officials' commands. */
export const commandTexts = {
  help: [
    "📖 下单示例：3-2-501 张三 100元套餐1份（可订：50/100/150元套餐、母婴用品、生活必需品；每户两天一次）",
    "修改：改成50元套餐；取消：取消订单；查询：订单查询 3-2-501；买药：3-2-501 需要降压药 硝苯地平 2盒",
    "团长、志愿者：/medicines 待买药品，/bought 3-2-501 已买到；",
    "团长：确认 或 /confirm，/paid 3-2-501，已送达；工作人员：/limit PKG100 2，/bindcode <村> <网格>；新群：/bind <村> <网格> [绑定码]",
    "Order: 3-2-501 Zhang 100元套餐1份 · change: 改成… · cancel: 取消订单 · status: 订单查询 3-2-501",
  ].join("\n"),
  usage: (usage: string) => `格式 / usage: ${usage}`,
  noDeliverableBatch: () => "目前没有已确认待送达的批次。\nThere is no confirmed batch waiting for delivery.",
  delivered: (orders: number) => `✅ 本批${orders}户已全部送达，感谢志愿者！\nAll ${orders} orders of this batch are delivered. Thank you, volunteers!`,
  medicineBought: (household: string, n: number) =>
    n ? `💊 已记录：${household} 的药已买到（${n}条）。\nMedicine for ${household} marked bought.` : `${household} 没有待买的药。\nNo open medicine request for ${household}.`,
  limit: (sku: string, max: number | null, village: string | null = null) => {
    const where = village ? `${village}：` : "";
    return max === null
      ? `✅ ${where}已取消 ${sku} 的限购。\nLimit on ${sku} removed${village ? ` in ${village}` : ""}.`
      : `✅ ${where}${sku} 每单限购 ${max}。\nLimit: at most ${max} of ${sku} per order${village ? ` in ${village}` : ""}.`;
  },
  alreadyBound: () => "本群已绑定。\nThis group is already bound.",
  noSuchGrid: (village: string, grid: string) => `没有找到 ${village} 网格${grid}，请检查村名和网格号。\nNo such village/grid: ${village} ${grid}.`,
  bindCode: (village: string, grid: string, code: string) =>
    `🔑 绑定码 ${code}（24小时内有效，用一次）：把机器人拉进${village}网格${grid}的群，在群里发送 /bind ${village} ${grid} ${code}\nOne-time bind code ${code} (24 h).`,
  bound: (village: string, grid: string) => `✅ 本群已绑定 ${village} 网格${grid}，可以开始下单了。\nThis group is now bound to ${village}, grid ${grid}.`,
};

/** What the bot says about groups and accounts. */
export const groupTexts = {
  botGone: (name: string, where: string | null, why: string) =>
    `⚠️ 机器人已不在群「${name}」${where ? `（${where}）` : ""}：${why}。该群已停用，请重新拉机器人入群并 /bind。\nThe bot is no longer in "${name}" (${why}); the group is marked inactive.`,
  hello: () => "👋 你好，我是保供机器人。请团长或工作人员发送 /bind <村名> <网格号> 绑定本群。\nHello! A leader or official please send /bind <village> <grid> to bind this group.",
  loggedOut: (platform: string, account: string, reason: string | null) =>
    `⚠️ ${platform} 账号 ${account} 已下线${reason ? `（${reason}）` : ""}，请重新扫码登录。\nThe ${platform} account logged out; please log in again.`,
};
