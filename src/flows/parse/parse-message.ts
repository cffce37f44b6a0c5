/** One chat message → what it asks of the bot (../shared/contracts/README.md, `bin/baogong parse`). */
import { findPersonalData } from "../../domain/personal-data";
import type { CatalogIndex } from "./catalog-index";
import { choiceLeftOpen, classify } from "./classify";
import { signalsOf } from "./signals";
import { foreignSpans } from "./cleanup";
import { pickHousehold, scanHouseholds } from "./household";
import { jielongHeaderEnd, parseJielong } from "./jielong";
import { priceComplaint } from "./complaint";
import { readMultiHousehold } from "./multi-household";
import { isMeToo, meTooOrder, quotedMessage, remarksOnOthers } from "./quoted";
import { forNameIn, mayNamePerson, nameFromSender } from "./names";
import { blankSpans, dropInvisible, isCjk, normalizeText } from "./normalize";
import { SYMPTOM_REMEDIES } from "./medicine-words";
import type { MedicineRequest, ParseInput, ParseResult, QuotedMessage } from "./schema";
import { readSegment } from "./segment";
import { isSystemLine } from "./system-lines";
import type { Tok } from "./tokens";

export function emptyResult(error?: string): ParseResult {
  const r: ParseResult = {
    kind: "none",
    household: null,
    name: null,
    phone: null,
    items: [],
    rejected: [],
    entries: [],
    medicines: [],
  };
  if (error !== undefined) r.error = error;
  return r;
}

interface SenderInfo {
  household: string | null;
  name: string | null;
  phone: string | null;
}

const NO_SENDER: SenderInfo = { household: null, name: null, phone: null };
// The same few hundred people post in a group all day: their display names are read once.
const senderCache = new Map<string, SenderInfo>();
const SENDER_CACHE_MAX = 4096;

function readSender(sender: string | null | undefined): SenderInfo {
  if (typeof sender !== "string" || sender.trim() === "") return NO_SENDER;
  const hit = senderCache.get(sender);
  if (hit) return hit;
  const info = readSenderUncached(sender);
  if (senderCache.size >= SENDER_CACHE_MAX) senderCache.clear();
  senderCache.set(sender, info);
  return info;
}

function readSenderUncached(sender: string): SenderInfo {
  const s = dropInvisible(sender.length > 200 ? sender.slice(0, 200) : sender);
  const { norm, low } = normalizeText(s);
  // Phone and ID-card numbers are neither the household nor part of the name (2-1-110 蒋 13987654321).
  const personal = findPersonalData(low, { insideIdentifiers: true });
  const spans = personal.map((p) => [p.start, p.end] as const);
  const masked = blankSpans(low, spans);
  const hh = pickHousehold(scanHouseholds(masked, true));
  const name = nameFromSender(blankSpans(norm, spans), hh?.start ?? 0, hh?.end ?? 0);
  return {
    household: hh?.household ?? null,
    name,
    phone: personal.find((p) => p.kind === "phone" && !p.insideIdentifier)?.digits ?? null,
  };
}

function languageOf(low: string): "zh" | "en" {
  let latin = 0;
  for (let i = 0; i < low.length; i++) {
    const c = low.charCodeAt(i);
    if (isCjk(c)) return "zh";
    if (c >= 0x61 && c <= 0x7a) latin++;
  }
  return latin >= 3 ? "en" : "zh";
}

function parseUnsafe(input: ParseInput, index: CatalogIndex): ParseResult {
  const text = typeof input.text === "string" ? dropInvisible(input.text) : "";
  const sender = readSender(input.sender);
  const { norm, low: rawLow } = normalizeText(text);
  const foreign = foreignSpans(rawLow);
  const low = foreign.length ? blankSpans(rawLow, foreign) : rawLow;
  const lang = languageOf(low);
  // "3-2-501 张姐"撤回了一条消息: the platform's own line, whatever the names it quotes hold.
  if (isSystemLine(low)) return { ...emptyResult(), lang };

  const headerEnd = jielongHeaderEnd(low);
  if (headerEnd >= 0) {
    // A list just opened (title and example, no entries yet) is still a 接龙, not an order.
    const list = parseJielong(norm, low, headerEnd, index);
    return {
      ...emptyResult(),
      kind: "jielong",
      household: sender.household,
      name: sender.name,
      phone: sender.phone,
      entries: list.entries,
      lang,
      householdSource: sender.household ? "sender" : null,
      title: list.title,
    };
  }

  const seg = readSegment(norm, low, index, { packageContext: false, defaultSku: null });
  const signals = signalsOf(seg.toks, low, seg.masked);
  const householdInText = seg.household !== null;
  const household = seg.household?.household ?? sender.household;
  const householdIsSample = householdInText && signals.tags.example > 0 && sampleBefore(seg.toks, seg.household!.start);
  const named = mayNamePerson(seg.masked) ? forNameIn(seg.masked) : null;
  const forName = named !== null && named !== sender.name ? named : null;
  const complaint = signals.tags.priceTalk > 0 ? priceComplaint(seg.toks, seg.masked, norm, index) : null;
  const read = classify({
    signals,
    bound: seg.bound,
    householdInText,
    householdKnown: household !== null,
    householdIsSample,
    namedPerson: forName !== null,
    priceSeen: complaint !== null,
  });
  const quoted = foreign.length ? quotedMessage(norm) : null;
  // 「张姐：3-2-501 大套餐1份」 - - - 你家也订这个啊 哈哈: a remark on the quote, not an order.
  const kind = quoted && read === "order" && !householdInText && remarksOnOthers(low, quoted) ? "none" : read;
  if (kind === "order" && seg.fullHouseholds >= 2) {
    // 5-2-301 大套餐一份；5-2-302 小套餐两份: one entry per household.
    const multi = readMultiHousehold(norm, low, seg, index);
    if (multi?.kind === "entries")
      return withQuote(quoted, {
        ...emptyResult(),
        kind: "order",
        phone: seg.phone ?? sender.phone,
        entries: multi.entries,
        lang,
        householdSource: null,
      });
    if (multi?.kind === "unclear") return withQuote(quoted, { ...emptyResult(), lang, unclear: true });
    if (multi?.kind === "one") {
      const one = readSegment(norm.slice(multi.household.start), low.slice(multi.household.start), index, {
        packageContext: false,
        defaultSku: null,
      });
      return withQuote(quoted, {
        ...emptyResult(),
        kind: "order",
        household: multi.household.household,
        name: one.name?.name ?? null,
        phone: seg.phone ?? sender.phone,
        items: seg.bound.items,
        rejected: seg.bound.rejected,
        medicines: seg.bound.medicines,
        lang,
        householdSource: "text",
      });
    }
  }
  // 3-2-501 大套餐还是中套餐 一份: a household and goods, but which goods is left open.
  if (kind === "order" && signals.tags.alt > 0 && choiceLeftOpen(seg.toks))
    return withQuote(quoted, { ...emptyResult(), household, lang, unclear: true });
  if (quoted && (kind === "none" || kind === "order") && isMeToo(low, seg.bound, quoted)) {
    // 「3-2-501 张三：100元套餐1份」 - - - 我家也要一份: the quoted goods, for the replier.
    const same = meTooOrder(quoted, seg.bound, index);
    if (same)
      return {
        ...emptyResult(),
        kind: "order",
        household,
        name: seg.name?.name ?? (householdInText ? null : sender.name),
        phone: seg.phone ?? sender.phone,
        items: same.items,
        rejected: same.rejected,
        lang,
        householdSource: seg.household ? "text" : sender.household ? "sender" : null,
        quoted,
      };
  }
  const result: ParseResult = {
    kind,
    household,
    name: seg.name?.name ?? (householdInText ? null : sender.name),
    phone: seg.phone ?? sender.phone,
    items: kind === "order" || kind === "amend" ? seg.bound.items : [],
    rejected:
      kind === "amend" && seg.bound.items.length === 0 && seg.bound.rejected.length === 0
        ? seg.bound.looseRefused // 改成负一份: the change asked for is no count
        : kind === "order" || kind === "amend"
          ? seg.bound.rejected
          : [],
    entries: [],
    medicines:
      kind === "medicine" && seg.bound.unknownAsked.length
        ? [...seg.bound.medicines, ...seg.bound.unknownAsked]
        : kind === "medicine" || kind === "order"
          ? seg.bound.medicines
          : [],
    lang,
    householdSource: seg.household ? "text" : sender.household ? "sender" : null,
  };
  // 拉肚子了 帮忙买点止泻的: no medicine named; the remedy for the symptom said.
  if (kind === "medicine" && result.medicines.length === 0) result.medicines = remediesFor(seg.toks, low);
  if (quoted) result.quoted = quoted;
  // 大米涨到80一袋 有人管吗: a price seen, for the officials (no name or phone in it).
  if (kind === "none" && complaint) result.complaint = complaint;
  // 李爷爷那份换成小套餐: someone else's order, found by the app by name — never the sender's.
  if (kind === "amend" || kind === "cancel" || kind === "status") {
    if (forName !== null) {
      result.forName = forName;
      if (!householdInText) {
        result.household = null;
        result.householdSource = null;
      }
    }
  }
  // 鸡蛋不要了 / 把鸡蛋换成牛奶: the goods taken out of the order.
  if ((kind === "cancel" || kind === "amend") && seg.bound.removed.length) result.removed = seg.bound.removed;
  if (kind === "amend")
    result.mode =
      (seg.bound.addOpens || signals.leadingAdd || signals.clauseAdd) && signals.tags.amend === 0 ? "add" : "set";
  return result;
}

function withQuote(quoted: QuotedMessage | null, r: ParseResult): ParseResult {
  return quoted ? { ...r, quoted } : r;
}

/** The kinds of medicine for the symptoms said (发烧 → 退烧药), once each. */
function remediesFor(toks: readonly Tok[], low: string): MedicineRequest[] {
  const out: MedicineRequest[] = [];
  for (const t of toks) {
    if (t.k !== "kw" || t.word !== "symptom") continue;
    const name = SYMPTOM_REMEDIES[low.slice(t.s, t.e)];
    if (name && !out.some((m) => m.name === name)) out.push({ name, qty: null });
  }
  return out;
}

/** An example marker (例如, 比如, 例：) before `pos`. */
function sampleBefore(toks: readonly Tok[], pos: number): boolean {
  for (const t of toks) {
    if (t.s >= pos) return false;
    if (t.k === "kw" && t.word === "example") return true;
  }
  return false;
}

/** Reads one message. Never throws: anything unexpected yields `kind: "none"` with an error. */
export function parseMessage(input: ParseInput, index: CatalogIndex): ParseResult {
  try {
    return parseUnsafe(input, index);
  } catch (e) {
    return emptyResult(`internal: ${e instanceof Error ? e.message : String(e)}`);
  }
}
