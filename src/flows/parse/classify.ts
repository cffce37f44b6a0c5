/** Decides what a message asks of the bot, from its tokens' signals (signals.ts) and what was bound to them. */
import type { Bound } from "./attach";
import type { ParseKind } from "./schema";
import type { Signals } from "./signals";
import type { Tok } from "./tokens";

/** Words for medicine in general, naming no drug and no kind of drug. */
const BARE_MEDICINE = new Set(["药", "药品", "药物", "medicine", "medicines", "medication", "drugs"]);

/** Goods, 还是 / 或者, goods (大套餐还是中套餐): a choice the message leaves open. */
export function choiceLeftOpen(toks: readonly Tok[]): boolean {
  for (let i = 1; i + 1 < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== "kw" || t.word !== "alt") continue;
    let a = i - 1;
    while (a >= 0 && (toks[a]!.k === "qty" || toks[a]!.k === "num" || (toks[a]!.k === "kw" && toks[a]!.word === "de")))
      a--;
    let b = i + 1;
    while (
      b < toks.length &&
      (toks[b]!.k === "qty" || toks[b]!.k === "num" || (toks[b]!.k === "kw" && toks[b]!.word === "de"))
    )
      b++;
    const x = toks[a];
    const y = toks[b];
    if (x && y && x.k === "item" && y.k === "item" && x.sku !== y.sku) return true;
  }
  return false;
}

export interface ClassifyInput {
  readonly signals: Signals;
  readonly bound: Bound;
  /** The household is written in the message itself. */
  readonly householdInText: boolean;
  /** A household is known at all (text or sender). */
  readonly householdKnown: boolean;
  /** The household in the text comes after 例如 / 比如 / 例：: a sample of the format (a notice), not a request. */
  readonly householdIsSample?: boolean;
  /** A person is named as the one whose order it is (帮刘爷爷看看菜到了没). */
  readonly namedPerson?: boolean;
  /** The message names a price (卖到30块, 80一袋). */
  readonly priceSeen?: boolean;
}

export function classify({
  signals,
  bound,
  householdInText,
  householdKnown,
  householdIsSample,
  namedPerson,
  priceSeen,
}: ClassifyInput): ParseKind {
  const { tags, question } = signals;
  // 报单格式：…，例如 3-2-501 张三 100元套餐1份: the leader showing the format.
  if (householdIsSample) return "none";
  const hasItems = bound.items.length > 0;
  const hasRefusal = bound.rejected.length > 0;
  const knownGoods = bound.knownGoods > 0;
  const anyGoods = knownGoods || bound.unknownGoods > 0;
  const selfRef = tags.self > 0;
  const orderVerb = tags.verb - signals.costVerbs > 0 || tags.request > 0 || tags.medAsk > 0;

  const adds = bound.addOpens || signals.leadingAdd;
  // 鸡蛋加上没 / 订单修改生效没有 ask whether a change went through: they change nothing.
  const changeAsked = tags.changeAsked > 0 && !bound.explicitQty;
  if ((tags.amend > 0 || adds) && (hasItems || hasRefusal) && !changeAsked) return "amend";
  // 米要3袋 不是2袋 刚才写错了: the sender corrects the counts of their own report — the goods get these counts.
  if (tags.oops > 0 && hasItems && bound.explicitQty && !question && tags.complaint === 0) return "amend";
  // "3-2-501 改成两份", "改一下订单": a change to an order, even when the new goods are not named.
  if (
    signals.strongAmend &&
    (householdKnown || bound.looseQty.length > 0) &&
    !anyGoods &&
    tags.cancel === 0 &&
    !changeAsked
  )
    return "amend";
  // 泡面不要了，换两袋米: some goods taken out and others named: a change to the order.
  if (tags.cancel > 0 && bound.removed.length > 0 && hasItems) return "amend";
  if (bound.removed.length > 0 && !hasItems && !question) {
    // 取消100元套餐 / 把套餐退掉: the package is the order. 鸡蛋不要了，其他不变 / 把酱油去掉: a change.
    if (bound.removedOnlyPackages && tags.keep === 0 && (tags.cancel > 0 || tags.neg > 0)) return "cancel";
    if (tags.cancel > 0 || tags.neg > 0) return "amend";
  }
  // 刚才下的单删掉吧: the order itself taken out.
  if (
    tags.neg > 0 &&
    tags.orderNoun > 0 &&
    !anyGoods &&
    bound.removed.length === 0 &&
    !question &&
    tags.statusWeak + tags.changeAsked === 0
  )
    return "cancel";
  if (tags.cancel > 0) {
    // "取消鸡蛋, 改要大米2袋" was caught above; "不要了" with a fresh order after it is an order.
    if (!(hasItems && bound.explicitQty && orderVerb)) return "cancel";
  }
  // 我家老人不会用微信，怎么帮他们报单？: how to order, asked — about the process, not an order or its status.
  if (signals.howTo && question && !householdInText && !(hasItems && bound.explicitQty)) return "none";
  // "送了吗？" from a sender whose name holds the household asks about that household's order;
  // "今天几点送菜？大家知道吗" is a question to the group.
  const aboutOwnOrder =
    householdInText ||
    selfRef ||
    namedPerson === true ||
    (householdKnown && (signals.mentionsPackage || tags.orderNoun > 0 || signals.residue <= 1));
  // 3-2-501 订单已送达吗: asking whether it was done.
  // 大套餐明天还是后天送都行: which day is left open, not asked — no status question unless asked outright.
  const statusAsked =
    !(signals.indifferent && !question) &&
    (tags.statusStrong > 0 ||
      ((tags.statusWeak + tags.changeAsked > 0 || (tags.done > 0 && question)) && aboutOwnOrder));
  if (statusAsked && !(hasItems && bound.explicitQty)) return "status";
  // 查一下 3-2-501 的订单, 帮我查查我家的: a look-up of one's own order.
  if (tags.check > 0 && (tags.orderNoun > 0 || householdInText || selfRef) && !(hasItems && bound.explicitQty))
    return "status";

  // 我家的单子在吗 / 3-2-501 的订单呢？: a question about one's own order.
  if (
    question &&
    tags.orderNoun > 0 &&
    (householdInText || selfRef) &&
    !anyGoods &&
    tags.amend === 0 &&
    tags.describe === 0 &&
    tags.others === 0
  )
    return "status";
  // 哪里可以买到药 / 谁知道哪里有卖布洛芬: a question to the neighbours.
  if (
    (tags.others > 0 || tags.where > 0) &&
    question &&
    !householdInText &&
    !selfRef &&
    !(hasItems && bound.explicitQty)
  )
    return "none";
  // 需要买药：卡托普利2盒: after 买药 the goods asked for are medicines, known or not.
  if (
    tags.medAsk > 0 &&
    !hasItems &&
    !(question && !householdInText && !selfRef && bound.medicines.length === 0 && bound.unknownGoods === 0)
  )
    return "medicine";
  // 孩子发烧了，帮忙带点药 / 拉肚子了 帮忙买点止泻的: a symptom and a request ask for medicine.
  if (
    tags.symptom > 0 &&
    (tags.request > 0 || tags.medAsk > 0) &&
    !hasItems &&
    bound.knownGoods === 0 &&
    tags.others === 0
  )
    return "medicine";
  if (bound.medicines.length > 0 && !hasItems) {
    const medQty = bound.medicines.some((m) => m.qty !== null);
    // 这个群里能帮忙买药吗: a question about the service, naming no medicine and no household.
    if (
      question &&
      !medQty &&
      !householdInText &&
      !selfRef &&
      bound.medicines.every((m) => BARE_MEDICINE.has(m.name.toLowerCase()))
    )
      return "none";
    // 哪里能买 counts as asking once the household is given (3-2-501 哪里能买到胰岛素？急).
    const request = tags.request + tags.where;
    const asks = request > 0 || tags.verb > 0 || medQty || householdInText || selfRef;
    if (asks && !(question && request === 0 && tags.verb === 0 && !medQty)) return "medicine";
    return "none";
  }

  if (!anyGoods || tags.complaint > 0) return "none";
  // 上周订的大套餐很好，推荐大家 / 之前买的奶粉很好吃: praise of goods had before, no order.
  if (signals.praiseOnly) return "none";
  // 鸡蛋一盒卖到30块 太黑了 / 米太贵了吧: talking about prices, not asking for goods.
  // (3-2-501 大米一袋 贵点没关系 names no price: an order that grumbles.)
  if (tags.priceTalk > 0 && !(orderVerb && bound.explicitQty) && (priceSeen === true || !householdInText))
    return "none";
  // 3-2-501 100元套餐1份 已送达 / 已登记：…: a leader's log of what was done.
  if (tags.done > 0 && !(tags.verb > 0 && bound.explicitQty)) return "none";
  // 谁家要鸡蛋，我这里多了两盒: neighbours talking among themselves.
  // 2号楼的邻居们 明天上午抗原: a notice to a building, not one household asking for goods.
  if (tags.others > 0 && (!householdInText || (!bound.explicitQty && !orderVerb && !knownGoods))) return "none";
  if (question && !bound.knownQty) return "none";
  // 大米5斤的还是10斤的 / 大家买的牛奶是哪个牌子: a question from nobody in particular.
  if (question && !householdKnown && !orderVerb) return "none";
  // 家里还有两袋米，够吃: what the household has.
  if (tags.have > 0 && !orderVerb && !householdInText) return "none";
  // 囤了三天泡面 再吃要吐了 / 要多囤点米: stocks talked about, no count of goods and nobody's household.
  if (tags.have > 0 && !householdInText && !selfRef && !bound.explicitQty) return "none";
  // Talking about goods (套餐包含鸡蛋2盒, 100元已转, 今天的套餐有鸡蛋) rather than asking for them.
  if (tags.describe > 0 && (!bound.explicitQty || (!orderVerb && !householdInText))) return "none";
  if (signals.mentionsPackage && !bound.explicitQty && !householdInText && !orderVerb) return "none";
  if (tags.thanks > 0 && !bound.explicitQty && !householdInText) return "none";
  if (!knownGoods) {
    // Only goods we do not know: an order (refused) when clearly asked for — by the household, an
    // order verb, or the goods counted in a unit of goods and nothing else said (油条10根, 猪肉2斤 谢谢;
    // not 孩子吃了3个包子, 谢谢你送的两个馒头; 家里两个老人 counts no goods).
    const onlyCounted = bound.unknownCounted && signals.residue - bound.goodsWordChars <= 0 && !signals.thanksFirst;
    return householdInText || orderVerb || onlyCounted ? "order" : "none";
  }
  const intent = bound.explicitQty || householdInText || orderVerb || signals.residue === 0;
  return intent ? "order" : "none";
}
