/**
 * WeChat quoted replies: 「name：quoted text」, a line of - - - -, then the reply. The reply is
 * what the sender says; the quote is someone else's words (./cleanup.ts blanks it before the
 * message is read). One reading takes the quote into account: a "me too" reply (我家也要一份,
 * 同上, +1, 我们家也一样, same for me) to a quoted order orders the quoted goods for the replier's
 * household — with the reply's own count when it gives one. Remarking that someone else ordered
 * (你家也订这个啊, 张姐家也要了) is no "me too".
 */
import { maskPersonalData } from "../../domain/personal-data";
import type { Bound } from "./attach";
import type { CatalogIndex } from "./catalog-index";
import { isAllowedQuantity } from "./quantity";
import type { ParsedItem, QuotedMessage, RejectedItem } from "./schema";
import { readSegment } from "./segment";

const QUOTE_RE = /「([^」]*)」?/;
const NAME_SEP_RE = /[:：]/;

/** The quoted message of a WeChat quoted reply in `norm` (normalised text), or null. */
export function quotedMessage(norm: string): QuotedMessage | null {
  if (norm.indexOf("「") < 0) return null;
  const m = QUOTE_RE.exec(norm);
  if (!m) return null;
  const body = m[1]!;
  const sep = NAME_SEP_RE.exec(body);
  // A name is short; a colon further in belongs to the text (「通知：明天10:30截单」 has no name then).
  const named = sep !== null && sep.index <= 24;
  const name = named ? body.slice(0, sep.index).trim() : "";
  const text = (named ? body.slice(sep.index + 1) : body).trim();
  const mask = (s: string): string => maskPersonalData(s, { insideIdentifiers: true });
  return { name: name ? mask(name) : null, text: mask(text) };
}

// Cues of "the same for me". "Also" is 也 or 亦, and 都 after the replier (我都要, 我们都要, 俺家都来
// 一份: Cantonese and colloquial "me too"), before an ordering word (要, 来, 订, 整, 搞 …). 也 after
// 不/没/别 is no cue (我家也不要). 算我一个 / 加我家一份: count me in.
const ALSO_WANTS = "(?:要|来|订|想要|一样|是|同样|报|整|搞|弄|买|下单|参加|报名|跟)";
const ME_TOO_RE = new RegExp(
  [
    "同上",
    "[同跟和照]楼上",
    "楼上[+＋]",
    "同样",
    "[+＋加]\\s*[1一](?![0-9])(?!\\s*[袋盒箱桶瓶包提罐份个])",
    `(?<![不没别])[也亦]${ALSO_WANTS}`,
    `(?<=[我俺咱][们]?(?:家|屋企)?\\s*)都${ALSO_WANTS}`,
    "[算加带]上?[我俺咱][们]?(?:家|屋企)?\\s*[一1](?:个|份)",
    "一样",
    "同款",
    "照(?:这|样|着)",
    "跟(?:一份|上|一个)",
    "me\\s*too",
    "same\\s+(?:for|here|as|please|again)",
    "^\\W*same\\W*$",
    "ditto",
  ].join("|"),
  "g",
);
const NOT_ME_TOO_RE = /[?？]|吗|不要|不用|不订|别/;

// Someone other than the replier as who does it (你家也订这个啊, 他们也要, 张姐家也订了): a remark
// about them. A person compared with (跟你家一样, 和张姐一样) or ordered for (帮她也订一份) is no subject.
const OTHER_PERSON_RE = /你|您|他|她|人家|别人|大家|邻居/;
const FIRST_PERSON_RE = /[我俺咱]/;
const NOT_SUBJECT_RE = /[跟和同像与比照帮给替代为]/;
// Someone's household by name (张姐家, 老王家): not the replier's own (我家, 我们家, 咱家, 自家).
const NAMED_HOUSEHOLD_RE = /([^\s我俺咱们自己全])家\s*$/;
const CLAUSE_END = new Set(Array.from("，,。.!！；;\n~"));
// Ordering words a remark may be about (您也订大套餐啊).
const ORDER_CUE_RE = /(?:也|都|还)?(?:要|订|买|来|报)/g;

/**
 * The clause before the cue at `at` names someone else as who does it, and not the replier: a
 * pronoun, someone's household, or the quoted sender by name (张姐也订大套餐了呀 under 「张姐：…」).
 */
function aboutSomeoneElse(reply: string, at: number, quotedNames: readonly string[]): boolean {
  let a = at;
  while (a > 0 && !CLAUSE_END.has(reply[a - 1]!)) a--;
  const before = reply.slice(a, at);
  if (FIRST_PERSON_RE.test(before) || NOT_SUBJECT_RE.test(before)) return false;
  return OTHER_PERSON_RE.test(before) || NAMED_HOUSEHOLD_RE.test(before) || quotedNames.some((n) => before.includes(n));
}

/** Whether some match of `re` in `reply` is said of the replier (or of nobody), and whether some is said of someone else. */
function subjects(reply: string, re: RegExp, quotedNames: readonly string[]): { own: boolean; others: boolean } {
  let own = false;
  let others = false;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(reply)) !== null) {
    if (aboutSomeoneElse(reply, m.index, quotedNames)) others = true;
    else own = true;
  }
  return { own, others };
}

/** The person part of the quoted sender's name (3-2-501 张姐 → 张姐), lower-cased, for finding it in the reply. */
function personNames(quoted: QuotedMessage | null): string[] {
  if (!quoted?.name) return [];
  return quoted.name
    .toLowerCase()
    .split(/[\s0-9*\-#/_.,，:：()（）]+|[栋幢单元号室楼弄组]/)
    .filter((w) => w.length >= 2 && w.length <= 6);
}

/** The reply (quote blanked) says "me too", and names no goods of its own. */
export function isMeToo(reply: string, own: Bound, quoted: QuotedMessage | null = null): boolean {
  if (own.knownGoods > 0 || own.unknownGoods > 0 || own.medicines.length > 0) return false;
  if (NOT_ME_TOO_RE.test(reply)) return false;
  return subjects(reply, ME_TOO_RE, personNames(quoted)).own;
}

/**
 * The reply talks about someone else ordering (你家也订这个啊 哈哈, 您也订大套餐啊, 张姐家也要了) and
 * never of the replier ordering: chatter about the quote, whatever goods it names.
 */
export function remarksOnOthers(reply: string, quoted: QuotedMessage | null = null): boolean {
  const names = personNames(quoted);
  const cue = subjects(reply, ME_TOO_RE, names);
  const verb = subjects(reply, ORDER_CUE_RE, names);
  return (cue.others || verb.others) && !cue.own && !verb.own;
}

export interface MeTooOrder {
  readonly items: ParsedItem[];
  readonly rejected: RejectedItem[];
}

/**
 * The quoted goods, ordered again: with the reply's own count where it gives one that fits (a
 * single kind of goods, or the one kind counted in that unit), else the quoted counts. Null when
 * the quote orders nothing.
 */
export function meTooOrder(quoted: QuotedMessage, reply: Bound, index: CatalogIndex): MeTooOrder | null {
  const low = quoted.text.toLowerCase();
  const seg = readSegment(quoted.text, low, index, { packageContext: false, defaultSku: null });
  const items = seg.bound.items.map((i) => ({ ...i }));
  if (items.length === 0) return null;
  const counts = reply.looseQty.filter((q) => q.int && !q.neg && isAllowedQuantity(q.v));
  const portions =
    counts.length === 1 && counts[0]!.unit === "份" && items.every((i) => index.bySku.get(i.sku)?.unit !== "份");
  if (portions) {
    // 「鸡蛋2盒」 - - - 我也来一份: 份 counts orders like the quoted one, not the goods in their own unit.
    const n = counts[0]!.v;
    for (const i of items) i.qty *= n;
    if (items.every((i) => isAllowedQuantity(i.qty)))
      return { items, rejected: seg.bound.rejected.map((r) => ({ ...r })) };
    for (const i of items) i.qty /= n;
  } else if (counts.length === 1) {
    const q = counts[0]!;
    const fits = items.length === 1 ? items : items.filter((i) => index.bySku.get(i.sku)?.unit === q.unit);
    if (fits.length === 1) fits[0]!.qty = q.v;
  }
  return { items, rejected: seg.bound.rejected.map((r) => ({ ...r })) };
}
