/** Decides what a message asks of the bot, from its tokens and what was bound to them. */
import type { Bound } from "./attach";
import type { IntentTag } from "./intent-words";
import type { ParseKind } from "./schema";
import type { Tok } from "./tokens";

export interface Signals {
  readonly tags: Readonly<Record<IntentTag, number>>;
  readonly question: boolean;
  /** Characters (and Latin words) that nothing recognised: how much else the message says. */
  readonly residue: number;
  readonly mentionsPackage: boolean;
  /** 改成 / 改为 / 修改 …: a change, not just the character 改. */
  readonly strongAmend: boolean;
  /** Order verbs that are followed by a price, not goods (一箱要80元: costs, not wants). */
  readonly costVerbs: number;
  /** The message opens with a joining word (加两盒鸡蛋, Plus 2 bags of salt): goods added to the order. */
  readonly leadingAdd: boolean;
  /** Thanks come before any goods or count (谢谢你送的两个馒头): thanking for them, not asking. */
  readonly thanksFirst: boolean;
  /** A later clause opens with a joining word (鸡蛋不要了，加一箱牛奶): what it names is added. */
  readonly clauseAdd: boolean;
  /** Asks how to do something (怎么报单, 如何下单): a question about the process, not a request. */
  readonly howTo: boolean;
  /** Praise of goods had before, or recommended to others, and nothing asked (上周订的大套餐很好，推荐大家). */
  readonly praiseOnly: boolean;
  /** A choice left to others (明天还是后天送都行, 哪天到都可以): said, not asked. */
  readonly indifferent: boolean;
}

/** X还是Y … 都行 / 都可以 / 无所谓: either is fine — the sender is not asking which. */
const INDIFFERENT_RE = /(还是|或者|或).{0,12}(都行|都可以|都好|都成|都没问题|都没关系|无所谓|随便)/u;

/** Joining words that, opening a message, add to the open order. */
const ADD_OPENERS = new Set(["加", "plus", "另加", "外加", "再", "再来", "再要"]);
/** Words that only connect a clause to the last (另外, 还有, 然后): an add word may follow them. */
const CLAUSE_CONNECTORS = new Set(["另外", "还有", "然后", "以及", "and", "also"]);

const NO_TAGS = (): Record<IntentTag, number> => ({
  amend: 0,
  add: 0,
  oops: 0,
  priceTalk: 0,
  alt: 0,
  cancel: 0,
  statusStrong: 0,
  statusWeak: 0,
  changeAsked: 0,
  self: 0,
  verb: 0,
  request: 0,
  q: 0,
  describe: 0,
  each: 0,
  bridge: 0,
  sep: 0,
  de: 0,
  thanks: 0,
  neg: 0,
  complaint: 0,
  check: 0,
  orderNoun: 0,
  medAsk: 0,
  symptom: 0,
  praise: 0,
  have: 0,
  done: 0,
  others: 0,
  where: 0,
  keep: 0,
  same: 0,
  restate: 0,
  example: 0,
  fill: 0,
});

/** `masked`: the text with households blanked (same length), so 4组8号 再要一桶油 still opens with 再要. */
export function signalsOf(toks: readonly Tok[], text = "", masked = text): Signals {
  const tags = NO_TAGS();
  let first = 0;
  while (first < toks.length && toks[first]!.k === "kw" && toks[first]!.word === "fill") first++;
  const opener = toks[first];
  const leadingAdd =
    opener !== undefined &&
    opener.k === "kw" &&
    (opener.word === "sep" || opener.word === "bridge" || opener.word === "verb") &&
    ADD_OPENERS.has(text.slice(opener.s, opener.e).toLowerCase()) &&
    (text === "" || /^[\s\p{P}]*$/u.test(masked.slice(0, toks[0]!.s)));
  let question = false;
  let residue = 0;
  let mentionsPackage = false;
  let strongAmend = false;
  let thanksFirst = false;
  let goodsSeen = false;
  for (const t of toks) {
    if (t.k === "item" || t.k === "refused" || t.k === "other" || t.k === "med" || t.k === "qty") goodsSeen = true;
    switch (t.k) {
      case "kw":
        tags[t.word as IntentTag]++;
        // 今天的鸡蛋很新鲜: praise is something else said, as much as the words nothing recognised.
        if (t.word === "praise") residue += t.e - t.s;
        if (t.word === "thanks" && !goodsSeen) thanksFirst = true;
        // 改成 / change to: a change by itself; a lone English "change" needs goods to be one.
        if (t.word === "amend" && t.e - t.s >= 2 && (text === "" || !/^[a-z]+$/.test(text.slice(t.s, t.e))))
          strongAmend = true;
        if (t.word === "q" || t.word === "where") question = true;
        break;
      case "sep":
        if (t.word === "q") question = true;
        break;
      case "word":
        residue += t.e - t.s;
        break;
      case "latin":
        residue += 1;
        break;
      case "pkg":
        mentionsPackage = true;
        break;
      default:
        break;
    }
  }
  const praiseOnly = tags.praise > 0 && onlyPraises(toks, text);
  let clauseAdd = false;
  const joining = (t: Tok | undefined) => t !== undefined && t.k === "kw" && (t.word === "sep" || t.word === "bridge");
  for (let i = 1; i + 1 < toks.length; i++) {
    const before = toks[i - 1]!;
    // A clause begins after a hard separator, or after goods were taken out (鸡蛋不要了 另外加…).
    const clauseStart =
      (before.k === "sep" && before.word === "hard") || (before.k === "kw" && before.word === "cancel");
    if (!clauseStart || !joining(toks[i]) || text === "") continue;
    // 另外加一箱方便面 / 还有再加两盒: connecting words before the add word open the clause too.
    let j = i;
    while (
      joining(toks[j]) &&
      CLAUSE_CONNECTORS.has(text.slice(toks[j]!.s, toks[j]!.e).toLowerCase()) &&
      joining(toks[j + 1])
    )
      j++;
    const t = toks[j]!;
    const next = toks[j + 1];
    if (ADD_OPENERS.has(text.slice(t.s, t.e).toLowerCase()) && (next?.k === "qty" || next?.k === "item"))
      clauseAdd = true;
  }
  // 牛奶不要了，鸡蛋加一盒: a later clause of goods, a joining word and a count adds them too.
  for (let i = 1; i + 2 < toks.length; i++) {
    const [before, goods, join, count] = [toks[i - 1]!, toks[i]!, toks[i + 1]!, toks[i + 2]!];
    if (
      before.k !== "sep" ||
      before.word !== "hard" ||
      goods.k !== "item" ||
      join.k !== "kw" ||
      join.word !== "sep" ||
      count.k !== "qty"
    )
      continue;
    if (text !== "" && ADD_OPENERS.has(text.slice(join.s, join.e).toLowerCase())) clauseAdd = true;
  }
  const howTo = text !== "" && HOW_TO_RE.test(text);
  const indifferent = text !== "" && INDIFFERENT_RE.test(text);
  let costVerbs = 0;
  for (let i = 0; i + 1 < toks.length; i++)
    if (toks[i]!.k === "kw" && toks[i]!.word === "verb" && toks[i + 1]!.k === "price") costVerbs++;
  return {
    tags,
    question,
    residue,
    mentionsPackage,
    strongAmend,
    leadingAdd,
    clauseAdd,
    howTo,
    costVerbs,
    thanksFirst,
    praiseOnly,
    indifferent,
  };
}

// Goods placed in the past: a time gone by, or an ordering verb with 的 (上周订的, 之前买的, 昨天送的).
const PAST_RE =
  /上周|上星期|上礼拜|上次|上回|之前|以前|前几天|前些天|昨天|前天|上个月|那天|早前|last\s+(?:week|time)|yesterday/;
const PAST_VERB_RE = /(?:订|买|送|团|拿|领|收|到|要|报)(?:了)?的/;
const RECOMMEND_RE = /推荐|安利|值得|recommend/;
// Either of the two, every match: compiled once (matchAll works on a copy, so its lastIndex is never shared).
const PAST_ALL_RE = new RegExp(`${PAST_RE.source}|${PAST_VERB_RE.source}`, "g");

/**
 * The message praises goods and asks for nothing: the goods placed in the past (上周订的大套餐很好,
 * 之前订的两盒鸡蛋都很好吃) or recommended to others (推荐大家订), with no change word, no ordering verb of
 * its own (订的 is past; after 推荐 in its clause it asks others: 推荐大家订), and no count outside a clause about the past (上次的大米
 * 很好吃，这次再来两袋 asks).
 */
function onlyPraises(toks: readonly Tok[], text: string): boolean {
  if (text === "" || !(PAST_RE.test(text) || PAST_VERB_RE.test(text) || RECOMMEND_RE.test(text))) return false;
  // Where each past marker ends, in order: one pass over the text, whatever the number of counts.
  const pastEnds = [...text.matchAll(PAST_ALL_RE)].map((m) => m.index + m[0].length);
  let nextPast = 0;
  let lastPastEnd = -1;
  let clauseStart = 0;
  let recommendedInClause = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === "sep" && t.word !== "soft") {
      clauseStart = t.e;
      recommendedInClause = false;
      continue;
    }
    if (t.k === "kw") {
      if (t.word === "praise" && RECOMMEND_RE.test(text.slice(t.s, t.e))) recommendedInClause = true;
      if (t.word === "amend" || t.word === "add" || t.word === "cancel" || t.word === "neg" || t.word === "medAsk")
        return false;
      if ((t.word === "verb" || t.word === "request") && !recommendedInClause) {
        const next = toks[i + 1];
        const past = next !== undefined && next.k === "kw" && next.word === "de";
        if (!past) return false;
      }
    }
    if (t.k === "qty" || t.k === "num") {
      while (nextPast < pastEnds.length && pastEnds[nextPast]! <= t.s) lastPastEnd = pastEnds[nextPast++]!;
      if (lastPastEnd <= clauseStart) return false;
    }
  }
  return true;
}

// How (怎么, 如何, 怎样, 咋), maybe for whom, then an ordering verb: 怎么帮他们报单, 如何下单, 咋接龙.
const HOW_TO_RE =
  /(?:怎么|怎样|如何|咋)(?:样)?(?:才|才能|能|可以|去)?(?:帮|给|替|代)?(?:[他她我你]们?|老人|家里人)?(?:报单|报名|下单|订|报|接龙|登记|买|预订|团购)/;

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
