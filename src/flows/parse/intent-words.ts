/**
 * Words that tell what a message wants, by tag. Data: extend the lists, not the code. The lists
 * are kept by family: a change to the order (./intent-change-words.ts), a question about one's own
 * order (./intent-status-words.ts), asking for goods and the small words of an order
 * (./intent-ask-words.ts), talk that asks for nothing (./intent-talk-words.ts), and words that
 * carry nothing (./intent-fill-words.ts).
 * Longer entries win over shorter ones where they overlap (取消订单 over 订单).
 */
export type IntentTag =
  | "amend" // 改成 …: the message changes an order (the goods named get these counts)
  | "add" // 再加, 追加, 多要: the goods named are added to the open order
  | "cancel"
  | "statusStrong" // asks about one's own order by itself (订单查询)
  | "statusWeak" // asks about delivery; about one's own order only with a household or 我家
  | "changeAsked" // 改好了吗, 撤销成功了吗, 生效了没: asks whether a change went through (as statusWeak; changes nothing)
  | "self" // 我家, my: the speaker's own household
  | "verb" // order intent: 要, 订, 下单 …
  | "request" // 需要, 帮买 …: asking for something (medicine)
  | "q" // question words
  | "describe" // talks about goods (包含, 价格, 通知) rather than asks for them
  | "each" // 各: a quantity for every item before it
  | "bridge" // may stand between an item and its quantity (鸡蛋要2盒, 共)
  | "sep" // joins items: 和, 加, 还有
  | "de" // 的
  | "thanks"
  | "neg" // 不要鸡蛋: the goods after it are not wanted
  | "complaint" // 鸡蛋少了一盒, 送错了: about a delivery, not a new request
  | "have" // 家里还有, 够吃: says what the household has, not what it wants
  | "done" // 已送达, 已登记: reports something done (a leader's log), not a request
  | "others" // 谁家要, 有人要: talks to the other members, not to the bot
  | "check" // 查一下, 帮我查: asks to look something up (an order, with 订单 / a household / 我家)
  | "orderNoun" // 订单: the order itself
  | "medAsk" // 买药, 配药: the goods asked for are medicines
  | "symptom" // 发烧, 头疼, 拉肚子: with a request, asks for medicine (./medicine-words.ts)
  | "where" // 哪里能买: asks where to buy (of the neighbours, unless the household is given)
  | "keep" // 牛奶不变: the goods before it stay as they were (not part of the change)
  | "same" // 一样, 同样: 两份一样的小套餐, the count still belongs to the goods after it
  | "restate" // 就是, 也就是: the goods after it name again the goods before it
  | "example" // 例如, 比如: a sample of the format, not a request
  | "priceTalk" // 卖到, 涨到, 太贵: talks about what goods cost (a price complaint), not asks for them
  | "alt" // 还是, 或者: a choice between the goods on either side, not yet made
  | "praise" // 很好, 不错, 推荐: says goods were good (with goods placed in the past: talk, not an order)
  | "oops" // 报少了, 报错了: the sender corrects their own earlier report (not a delivery complaint)
  | "fill"; // carries nothing

import { CHANGE_INTENT_WORDS } from "./intent-change-words";
import { STATUS_INTENT_WORDS } from "./intent-status-words";
import { ASK_INTENT_WORDS } from "./intent-ask-words";
import { TALK_INTENT_WORDS } from "./intent-talk-words";
import { FILL_WORDS } from "./intent-fill-words";

/** Every tag's words, in this order (a word listed under two tags takes the later one). */
export const INTENT_WORDS: Readonly<Record<IntentTag, readonly string[]>> = {
  amend: CHANGE_INTENT_WORDS.amend,
  add: CHANGE_INTENT_WORDS.add,
  cancel: CHANGE_INTENT_WORDS.cancel,
  statusStrong: STATUS_INTENT_WORDS.statusStrong,
  statusWeak: STATUS_INTENT_WORDS.statusWeak,
  changeAsked: STATUS_INTENT_WORDS.changeAsked,
  self: ASK_INTENT_WORDS.self,
  verb: ASK_INTENT_WORDS.verb,
  request: ASK_INTENT_WORDS.request,
  q: ASK_INTENT_WORDS.q,
  describe: TALK_INTENT_WORDS.describe,
  each: ASK_INTENT_WORDS.each,
  have: TALK_INTENT_WORDS.have,
  done: TALK_INTENT_WORDS.done,
  others: TALK_INTENT_WORDS.others,
  check: STATUS_INTENT_WORDS.check,
  orderNoun: STATUS_INTENT_WORDS.orderNoun,
  symptom: ASK_INTENT_WORDS.symptom,
  medAsk: ASK_INTENT_WORDS.medAsk,
  bridge: ASK_INTENT_WORDS.bridge,
  sep: ASK_INTENT_WORDS.sep,
  de: ASK_INTENT_WORDS.de,
  priceTalk: TALK_INTENT_WORDS.priceTalk,
  alt: ASK_INTENT_WORDS.alt,
  praise: TALK_INTENT_WORDS.praise,
  oops: CHANGE_INTENT_WORDS.oops,
  complaint: TALK_INTENT_WORDS.complaint,
  neg: CHANGE_INTENT_WORDS.neg,
  thanks: TALK_INTENT_WORDS.thanks,
  where: ASK_INTENT_WORDS.where,
  keep: CHANGE_INTENT_WORDS.keep,
  same: ASK_INTENT_WORDS.same,
  restate: ASK_INTENT_WORDS.restate,
  example: ASK_INTENT_WORDS.example,
  fill: FILL_WORDS,
};
