// What residents read in their group: answers to orders, changes, questions, medicine
// requests and 接龙 lists. Fed by the rules in force (the interval, the largest quantity).
import { MAX_QTY } from "../flows/parse/quantity";
import { itemsEn, itemsZh, totalYuan, type ItemView, type RefusedView } from "./items";
import { everyDays, lines, text, zhDate, type Text } from "./text";

export const EXAMPLE_ORDER = "3-2-501 张三 100元套餐1份";

/** The rules a text states. */
export interface RuleFacts {
  intervalDays: number;
}

/** Why something was refused, for each reason code, stating the rules in force. */
export function reasonText(reason: string, rules: RuleFacts): Text {
  if (reason === "TOO_SOON") {
    const every = everyDays(rules.intervalDays);
    return text(`每户${every.zh}只能下单一次`, `each household may order ${every.en}`);
  }
  return RULE_FREE_REASONS[reason as RuleFreeReason] ?? text(reason, reason);
}

/** The reasons whose words state no village rule. */
const RULE_FREE_REASONS = {
  CATEGORY_NOT_ALLOWED: text(
    "保供期间只能订购套餐、母婴用品和生活必需品",
    "only packages, mother-and-baby goods and daily necessities can be ordered",
  ),
  UNKNOWN_ITEM: text("商品目录里没有这件商品", "this item is not in the catalog"),
  BAD_QUANTITY: text(`数量不对（每项1到${MAX_QTY}）`, `the quantity must be between 1 and ${MAX_QTY}`),
  OVER_LIMIT: text("超过了每单限购数量", "more than the per-order limit"),
  NO_HOUSEHOLD: text("没有看到门牌号", "no household address given"),
  BATCH_CONFIRMED: text("团长已确认本批订单，不能再修改或取消", "the leader has already confirmed this batch"),
  NOT_LEADER: text("只有本群团长可以操作", "only this group's leader can do that"),
  NOT_OFFICIAL: text("只有工作人员可以操作", "only officials can do that"),
  NOT_YOUR_ORDER: text(
    "只有本户、下单人或团长可以修改这份订单",
    "only the household, whoever placed it, or the leader can change this order",
  ),
} satisfies Record<string, Text>;
type RuleFreeReason = keyof typeof RULE_FREE_REASONS;

const ASKS_EXAMPLE = new Set(["NO_HOUSEHOLD", "UNKNOWN_ITEM", "CATEGORY_NOT_ALLOWED", "BAD_QUANTITY"]);

/**
 * One line of an acknowledgement digest (a running list the bot keeps in a busy group,
 * posted every few minutes instead of one answer per message).
 */
export const ackLines = {
  accepted(o: { household: string; items: ItemView[]; deliveryDate: string; deferredFrom?: string | null }): Text {
    return text(
      `${o.household}：${itemsZh(o.items)}，${zhDate(o.deliveryDate)}送达${o.deferredFrom ? "（顺延）" : ""}`,
      `${o.household}: ${itemsEn(o.items)}, delivery ${o.deliveryDate}${o.deferredFrom ? " (moved on)" : ""}`,
    );
  },
  amended(o: { household: string; items: ItemView[] }): Text {
    return text(`${o.household} 已改为：${itemsZh(o.items)}`, `${o.household} changed to ${itemsEn(o.items)}`);
  },
  cancelled(household: string): Text {
    return text(`${household} 已取消`, `${household} cancelled`);
  },
  refused(household: string | null, reason: string, rules: RuleFacts, nextDate?: string | null): Text {
    const r = reasonText(reason, rules);
    return text(
      `${household ?? "（未写门牌号）"}：${r.zh}${nextDate ? `，${zhDate(nextDate)}起可再下单` : ""}`,
      `${household ?? "(no address)"}: ${r.en}${nextDate ? `; again from ${nextDate}` : ""}`,
    );
  },
  other(t: Text): Text {
    return t;
  },
};

export const residentTexts = {
  /** Acknowledgements gathered in a busy group: one message for many. */
  digest(o: { asOf: string; acks: Text[]; refusals: Text[] }): Text {
    return lines(
      o.acks.length > 0 &&
        text(
          [`✅ 已收到（截至${o.asOf}）：`, ...o.acks.map((a) => a.zh)].join("\n"),
          [`Received (as of ${o.asOf}):`, ...o.acks.map((a) => a.en)].join("\n"),
        ),
      o.refusals.length > 0 &&
        text(
          ["❌ 未受理：", ...o.refusals.map((a) => a.zh)].join("\n"),
          ["Not accepted:", ...o.refusals.map((a) => a.en)].join("\n"),
        ),
      o.refusals.some((r) => /门牌号|address/.test(r.zh)) &&
        text(`请这样写：${EXAMPLE_ORDER}`, `Write it like this: ${EXAMPLE_ORDER}`),
    );
  },
  /** `deferredFrom`: the batch of that date was already confirmed when the order was handled. */
  accepted(o: {
    household: string;
    items: ItemView[];
    deliveryDate: string;
    proxy: boolean;
    refused: readonly RefusedView[];
    deferredFrom?: string | null;
    rules: RuleFacts;
  }): Text {
    const total = totalYuan(o.items);
    const moved = o.deferredFrom
      ? text(
          `（已赶不上${zhDate(o.deferredFrom)}的配送，本单顺延）`,
          ` (too late for the ${o.deferredFrom} delivery, so it moves to the next one)`,
        )
      : text("", "");
    return lines(
      text(
        `✅ 已收到 ${o.household}${o.proxy ? "（代下单）" : ""} 的订单：${itemsZh(o.items)}，合计${total}元，预计${zhDate(o.deliveryDate)}送达${moved.zh}。`,
        `Order received for ${o.household}${o.proxy ? " (proxy)" : ""}: ${itemsEn(o.items)}, total ¥${total}, delivery ${o.deliveryDate}${moved.en}.`,
      ),
      o.refused.length > 0 && residentTexts.refusedLine(o.refused, o.rules),
    );
  },
  /** The refused part of a message otherwise taken, each with its reason. */
  refusedLine(refused: readonly RefusedView[], rules: RuleFacts): Text {
    const byReason = new Map<string, string[]>();
    for (const r of refused) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.text]);
    const zh = [...byReason].map(([reason, t]) => `${t.join("、")}（${reasonText(reason, rules).zh}）`).join("；");
    const en = [...byReason].map(([reason, t]) => `${t.join(", ")} (${reasonText(reason, rules).en})`).join("; ");
    return text(`⚠️ 未受理：${zh}。`, `Not accepted: ${en}.`);
  },
  rejected(o: {
    household: string | null;
    reason: string;
    detail?: string;
    refused?: string[];
    rules: RuleFacts;
  }): Text {
    const r = reasonText(o.reason, o.rules);
    const who = o.household ? `${o.household} ` : "";
    return lines(
      text(`❌ ${who}订单未受理：${r.zh}${o.detail ? `，${o.detail}` : ""}。`, `Order not accepted: ${r.en}.`),
      !!o.refused?.length && text(`未受理的商品：${o.refused.join("、")}`, `Refused: ${o.refused.join(", ")}`),
      ASKS_EXAMPLE.has(o.reason) && text(`请这样写：${EXAMPLE_ORDER}`, `Write it like this: ${EXAMPLE_ORDER}`),
    );
  },
  tooSoon(o: { household: string; nextDate: string; hasOpenOrder: boolean; rules: RuleFacts }): Text {
    const every = everyDays(o.rules.intervalDays);
    return text(
      `❌ ${o.household} 订单未受理：每户${every.zh}只能下单一次，${zhDate(o.nextDate)}起可以再下单。${o.hasOpenOrder ? "如需修改请发“改成…”，例如“改成100元套餐”。" : ""}`,
      `Order not accepted: one order per household ${every.en}; you can order again from ${o.nextDate}.${o.hasOpenOrder ? " To change your order, write 改成… (e.g. 改成100元套餐)." : ""}`,
    );
  },
  overLimit(o: { household: string; sku: string; name: string; max: number }): Text {
    return text(
      `❌ ${o.household} 订单未受理：${o.name}每单限购${o.max}，请改数量后重新下单。`,
      `Order not accepted: at most ${o.max} of ${o.sku} per order; please send it again with a smaller quantity.`,
    );
  },
  amended(o: {
    household: string;
    items: ItemView[];
    deliveryDate: string;
    refused?: readonly RefusedView[];
    rules: RuleFacts;
  }): Text {
    return lines(
      text(
        `✏️ 已修改 ${o.household} 的订单：${itemsZh(o.items)}，合计${totalYuan(o.items)}元，预计${zhDate(o.deliveryDate)}送达。`,
        `Order for ${o.household} changed: ${itemsEn(o.items)}, delivery ${o.deliveryDate}.`,
      ),
      !!o.refused?.length && residentTexts.refusedLine(o.refused, o.rules),
    );
  },
  deferred(o: { household: string; from: string; to: string }): Text {
    return text(
      `📦 ${o.household} 的订单到得晚了：${zhDate(o.from)}的批次团长已确认，本单顺延至${zhDate(o.to)}送达，无需重新下单。`,
      `The order for ${o.household} arrived after the ${o.from} batch was confirmed; it moves to ${o.to}. No need to order again.`,
    );
  },
  cancelled(household: string): Text {
    return text(`🗑️ 已取消 ${household} 的订单。`, `Order for ${household} cancelled.`);
  },
  notYourOrder(household: string): Text {
    return text(
      `🚫 ${household} 的订单只能由本户、下单人或团长修改或取消。如门牌号写错了，请核对后再发。`,
      `The order for ${household} can be changed only by that household, whoever placed it, or the leader. If the address is a typo, please check it.`,
    );
  },
  noOpenOrder(household: string): Text {
    return text(`${household} 目前没有可修改或取消的订单。`, `There is no open order for ${household}.`);
  },
  /** `lateMessage`: the change was written before the confirmation but reached the bot after it. */
  batchConfirmedChange(household: string, leader: string | null, lateMessage = false): Text {
    return lines(
      text(
        `❌ ${household}：团长已确认本批订单，不能再修改或取消，如有特殊情况请联系团长${leader ? `（${leader}）` : ""}。`,
        "The leader has confirmed this batch; it can no longer be changed. Please contact the group leader.",
      ),
      lateMessage &&
        text(
          "⚠️ 这条消息是在团长确认之前发出的，因延迟才到，请团长留意并与该户联系。",
          "This message was written before the confirmation but arrived late: leader, please check with the household.",
        ),
    );
  },
  status(
    o:
      | { household: string; status: string; items: ItemView[]; deliveryDate: string; slot: string | null }
      | { household: string; none: true },
  ): Text {
    if ("none" in o) return text(`${o.household} 目前没有订单。`, `No order found for ${o.household}.`);
    const st: Record<string, [string, string]> = {
      open: ["已登记，等待团长确认", "received, waiting for the leader's confirmation"],
      confirmed: ["团长已确认，备货中", "confirmed by the leader"],
      delivered: ["已送达", "delivered"],
      cancelled: ["已取消", "cancelled"],
    };
    const [zh, en] = st[o.status] ?? [o.status, o.status];
    return text(
      `📦 ${o.household} 的订单（${itemsZh(o.items)}）：${zh}，预计${zhDate(o.deliveryDate)}送达${o.slot ? `，取货时段 ${o.slot}` : ""}。`,
      `Order for ${o.household}: ${en}; delivery ${o.deliveryDate}${o.slot ? `, pickup slot ${o.slot}` : ""}.`,
    );
  },
  medicine(o: { household: string | null; medicines: Array<{ name: string; qty: number | null }> }): Text {
    const list = o.medicines.map((m) => `${m.name}${m.qty ? `×${m.qty}` : ""}`).join("、") || "药品";
    return text(
      `💊 已登记${o.household ? ` ${o.household} ` : ""}的购药需求：${list}。志愿者会联系您代购，请准备好病历或处方。`,
      `Medicine request noted${o.household ? ` for ${o.household}` : ""}: ${list}. A volunteer will contact you; please have the prescription ready.`,
    );
  },
  medicineNoHousehold(): Text {
    return text(
      "💊 请写上门牌号，例如“3-2-501 需要降压药 硝苯地平 2盒”。",
      'Please include your address, e.g. "3-2-501 需要降压药 硝苯地平 2盒".',
    );
  },
  /**
   * One answer to a 接龙 repost. `kept`: lines missing from this copy, kept (another
   * person's copy never cancels an order); `notChanged`: other households' lines this copy
   * changed, left as they were (only the household or the leader changes a line).
   */
  jielongSummary(o: {
    title: string;
    added: string[];
    changed: string[];
    removed: string[];
    refused: string[];
    kept?: string[];
    notChanged?: string[];
    dates?: Array<{ deliveryDate: string; deferredFrom: string | null }>;
  }): Text {
    const kept = o.kept ?? [];
    const dates = [...new Set((o.dates ?? []).map((d) => d.deliveryDate))].sort();
    const late = [...new Set((o.dates ?? []).flatMap((d) => (d.deferredFrom ? [d.deferredFrom] : [])))].sort();
    const when = dates.length
      ? text(
          `新增的订单预计${dates.map(zhDate).join("、")}送达${late.length ? `（已赶不上${late.map(zhDate).join("、")}的配送，顺延）` : ""}。`,
          `New orders: delivery ${dates.join(", ")}${late.length ? ` (too late for ${late.join(", ")})` : ""}.`,
        )
      : null;
    const notChanged = o.notChanged ?? [];
    const parts: string[] = [];
    if (o.added.length) parts.push(`新增 ${o.added.length} 户（${o.added.join("、")}）`);
    if (o.changed.length) parts.push(`修改 ${o.changed.length} 户（${o.changed.join("、")}）`);
    if (o.removed.length) parts.push(`取消 ${o.removed.length} 户（${o.removed.join("、")}）`);
    if (o.refused.length) parts.push(`未受理 ${o.refused.length} 条（${o.refused.join("；")}）`);
    return lines(
      text(`📋 接龙「${o.title}」已登记：${parts.length ? parts.join("，") : "没有变化"}。`, ""),
      when && text(when.zh, ""),
      kept.length > 0 &&
        text(`ℹ️ 这份接龙里少了 ${kept.join("、")}，他们的订单照常保留（取消请本户发“取消订单”）。`, ""),
      notChanged.length > 0 &&
        text(`ℹ️ ${notChanged.join("、")} 的内容与已登记的不同，以本户登记的为准（修改请本户或团长发）。`, ""),
      text(
        "",
        `${when ? `${when.en} ` : ""}Group list "${o.title}": ${o.added.length} new, ${o.changed.length} changed, ${o.removed.length} removed, ${o.refused.length} not accepted${kept.length ? `; ${kept.join(", ")} missing from this copy, kept` : ""}${notChanged.length ? `; ${notChanged.join(", ")} changed by someone else, left as registered` : ""}.`,
      ),
    );
  },
  listTooLong(n: number, max: number): Text {
    return text(
      `⚠️ 这份接龙有${n}条，超过了${max}条，没有登记。请团长核对后分几次发。`,
      `This list has ${n} lines, more than ${max}; nothing was registered. Leader: please check it and post it in parts.`,
    );
  },
  /** Several households in one message: one line each. */
  severalOrders(
    results: Array<
      | {
          household: string | null;
          ok: true;
          items: ItemView[];
          deliveryDate: string;
          deferredFrom: string | null;
          refused: readonly RefusedView[];
        }
      | { household: string | null; ok: false; reason: string; nextDate: string | null }
    >,
    rules: RuleFacts,
  ): Text {
    const zh = results.map((r) => {
      const who = r.household ?? "（未写门牌号）";
      if (r.ok)
        return `✅ ${who}：${itemsZh(r.items)}，合计${totalYuan(r.items)}元，预计${zhDate(r.deliveryDate)}送达${r.refused.length ? `（未受理：${r.refused.map((x) => x.text).join("、")}）` : ""}`;
      return `❌ ${who}：${reasonText(r.reason, rules).zh}${r.nextDate ? `，${zhDate(r.nextDate)}起可以再下单` : ""}`;
    });
    const en = results.map((r) => {
      const who = r.household ?? "(no address)";
      return r.ok
        ? `${who}: ${itemsEn(r.items)}, delivery ${r.deliveryDate}`
        : `${who}: not accepted, ${reasonText(r.reason, rules).en}`;
    });
    return text(
      [`📦 收到 ${results.length} 户的订单：`, ...zh].join("\n"),
      [`Orders for ${results.length} households:`, ...en].join("\n"),
    );
  },
  /** A leader named a person, not a household, and the bot cannot tell which household. */
  whichHousehold(name: string, candidates: string[]): Text {
    return candidates.length
      ? text(
          `❓ 有几户都叫“${name}”（${candidates.join("、")}），请写上门牌号再发一次。`,
          `Several households are called "${name}" (${candidates.join(", ")}); please write the address.`,
        )
      : text(
          `❓ 没有找到“${name}”家的订单，请写上门牌号再发一次，例如“3-1-101 ${name} 换成小套餐”。`,
          `No household called "${name}" here; please write the address.`,
        );
  },
  /** The bot cannot tell what a message wants, though it names a household and goods: it asks. */
  askIntent(household: string, quote: string): Text {
    const q = quote.length > 40 ? `${quote.slice(0, 40)}…` : quote;
    return text(
      `❓ ${household}：「${q}」是要下单吗？下单请写“${household} 下单 …”，修改已有订单请写“改成…”。`,
      `${household}: do you want to order? Write "${household} 下单 …" to order, or "改成…" to change your order.`,
    );
  },
  editNotReapplied(): Text {
    return text(
      "ℹ️ 改过的“加购”消息不会再加一次；如需调整请另发一条，例如“鸡蛋改成2盒”。",
      "An edited add-on is not added again; please send a new message, e.g. 鸡蛋改成2盒.",
    );
  },
  recalled(household: string): Text {
    return text(
      `🗑️ ${household} 撤回了下单消息，订单已取消，可以重新下单。`,
      `The order for ${household} was withdrawn and cancelled; you may order again.`,
    );
  },
  recalledAfterConfirm(household: string): Text {
    return text(
      `⚠️ ${household} 撤回了下单消息，但本批次团长已确认，订单仍会配送；如有变化请团长与该户联系。`,
      `${household} withdrew the order message after the leader confirmed the batch; the order stands. Leader: please contact the household.`,
    );
  },
  /** Messages wait (the database is unreachable): they are kept and will be handled in order. */
  waiting(names: string[]): Text {
    const shown = names.slice(0, 10);
    const more = names.length - shown.length;
    return text(
      `⏳ 系统暂时繁忙：已收到 ${shown.join("、")}${more > 0 ? ` 等${names.length}人` : ""} 的消息，恢复后会按顺序处理并回复，请不要重复发送。`,
      `We are running behind: messages from ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""} are received and will be handled in order. No need to send them again.`,
    );
  },
  couldNotHandle(name: string | null): Text {
    return text(
      `⚠️ 抱歉，${name ? `${name} ` : ""}刚才的消息没能处理，请换个说法再发一次，或直接联系团长。`,
      `Sorry, that message${name ? ` from ${name}` : ""} could not be handled. Please write it again or contact the leader.`,
    );
  },
  telegramPrivacy(): Text {
    return text(
      "ℹ️ 机器人现在只能看到命令，看不到大家的下单消息。请群主在 BotFather 中对本机器人执行 /setprivacy → Disable（关闭隐私模式），然后把机器人移出群再重新拉入。",
      "I can only see commands in this group. Please turn privacy mode off in BotFather (/setprivacy → Disable), then remove and re-add the bot.",
    );
  },
  denied(reason: "NOT_LEADER" | "NOT_OFFICIAL"): Text {
    const r = RULE_FREE_REASONS[reason];
    return text(`🚫 ${r.zh}。`, `Sorry, ${r.en}.`);
  },
};
