/**
 * WeChat quoted replies: 「name：quoted text」, a line of - - - -, then the reply. The reply is
 * what the sender says; the quote is someone else's words (./cleanup.ts blanks it before the
 * message is read). One reading takes the quote into account: a "me too" reply (我家也要一份,
 * 同上, +1, 我们家也一样, same for me) to a quoted order orders the quoted goods for the replier's
 * household — with the reply's own count when it gives one.
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

// Cues of "the same for me". 也 after 不/没/别 is no cue (我家也不要).
const ME_TOO_RE =
  /同上|同样|[+＋加]\s*[1一](?![0-9])(?!\s*[袋盒箱桶瓶包提罐份个])|(?<![不没别])也(?:要|来|订|想要|一样|是|同样|报)|一样|同款|照(?:这|样|着)|跟(?:一份|上|一个)|me\s*too|same\s+(?:for|here|as|please|again)|^\W*same\W*$|ditto/;
const NOT_ME_TOO_RE = /[?？]|吗|不要|不用|不订|别/;

/** The reply (quote blanked) says "me too", and names no goods of its own. */
export function isMeToo(reply: string, own: Bound): boolean {
  if (own.knownGoods > 0 || own.unknownGoods > 0 || own.medicines.length > 0) return false;
  return ME_TOO_RE.test(reply) && !NOT_ME_TOO_RE.test(reply);
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
  if (counts.length === 1) {
    const q = counts[0]!;
    const fits = items.length === 1 ? items : items.filter((i) => index.bySku.get(i.sku)?.unit === q.unit);
    if (fits.length === 1) fits[0]!.qty = q.v;
  }
  return { items, rejected: seg.bound.rejected.map((r) => ({ ...r })) };
}
