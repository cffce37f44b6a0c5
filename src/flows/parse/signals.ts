/**
 * What a message's tokens signal about its intent (signalsOf): the counts of each intent word,
 * whether it asks, what else it says, and the few patterns of the text that classify.ts weighs
 * (an add word opening it or a later clause, a how-to question, praise only, a choice left to others).
 */
import type { IntentTag } from "./intent-words";
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
