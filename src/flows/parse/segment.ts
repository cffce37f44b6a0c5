/**
 * The reading of one piece of text (a message, or one entry of a 接龙 list): phone and ID-card
 * numbers (set aside: never an address, a quantity, a name or goods), the household, a name,
 * then goods with their quantities. Kind decisions are made by the callers.
 */
import { findPersonalData, maskPersonalData, type PersonalDataSpan } from "../../domain/personal-data";
import { assemble } from "./assemble";
import { bind, type Bound } from "./attach";
import type { CatalogIndex } from "./catalog-index";
import { pickHousehold, scanHouseholds, scanLabelledHousehold, type HouseholdSpan } from "./household";
import { lex } from "./lexer";
import { nameAt, nameByLabel, nameNearHousehold, type NameSpan } from "./names";
import { blankSpans } from "./normalize";
import type { Tok } from "./tokens";
import { CJK_UNITS } from "./units";
import { wholeWords } from "./words";

const ALL = { insideIdentifiers: true } as const;

/** A unit glued after the number (…袋, …份) or a times sign before it (×…, x …). */
function inCountPosition(low: string, p: PersonalDataSpan): boolean {
  const unit = low[p.end];
  if (unit !== undefined && Object.hasOwn(CJK_UNITS, unit)) return true;
  let b = p.start - 1;
  while (b >= 0 && low[b] === " ") b--;
  return b >= 0 && TIMES.has(low[b]!);
}
const TIMES = new Set(Array.from("×*✖✕╳⨯x"));

export interface SegmentContext {
  readonly packageContext: boolean;
  readonly defaultSku: string | null;
  /** A 接龙 legend's labels (a → PKG50): a lone letter in an entry names that package. */
  readonly labels?: ReadonlyMap<string, string>;
}

export interface Segment {
  readonly household: HouseholdSpan | null;
  readonly name: NameSpan | null;
  readonly phone: string | null;
  readonly toks: readonly Tok[];
  readonly bound: Bound;
  /** Every household-like span in the text, in order (personal data set aside). */
  readonly households: readonly HouseholdSpan[];
  /** How many different households are written in full (two parts or more): several orders? */
  readonly fullHouseholds: number;
  /** The lower-cased text with households and personal data blanked (names kept). */
  readonly masked: string;
}

export function readSegment(text: string, low: string, index: CatalogIndex, ctx: SegmentContext): Segment {
  // Pieces of the text are quoted back (names, refused goods), so even a number glued between
  // letters (x13812345678cans) is set aside: the piece quoted may lose the letters.
  const personal = findPersonalData(low, ALL);
  let masked = personal.length
    ? blankSpans(
        low,
        personal.map((p) => [p.start, p.end] as const),
      )
    : low;
  // What the result quotes is cut from this: personal data masked, same length.
  const norm = personal.length ? maskPersonalData(text, ALL) : text;
  const spans = scanHouseholds(masked);
  let household = pickHousehold(spans);
  const fullHouseholds = countFull(spans);
  if (spans.length)
    masked = blankSpans(
      masked,
      spans.map((h) => [h.start, h.end] as const),
    );
  if (!household || household.parts < 2) {
    // 楼号：5号楼 / 单元：2 / 房号：301 on lines of their own.
    const labelled = scanLabelledHousehold(low);
    if (labelled && (!household || labelled.span.parts > household.parts)) {
      household = labelled.span;
      masked = blankSpans(masked, labelled.spans);
    }
  }
  const addressFree = masked;
  let name: NameSpan | null = null;
  if (household) name = nameNearHousehold(norm, masked, household.start, household.end, index);
  else {
    // No address: a name may still open the message ("张三 100元套餐").
    let i = 0;
    while (i < norm.length && (masked.charCodeAt(i) === 0x20 || masked[i] === "\n")) i++;
    name = nameAt(norm, masked, i, index, true);
  }
  if (!name) name = nameByLabel(norm);
  if (name) masked = blankSpans(masked, [[name.start, name.end]]);
  // A number written where a count goes (大米110101199003071234袋, 鸡蛋×13812345678) is a count,
  // however absurd: it is read (and refused as one), and quoted masked.
  for (const p of personal)
    if (inCountPosition(low, p)) masked = masked.slice(0, p.start) + low.slice(p.start, p.end) + masked.slice(p.end);
  const assembled = assemble(
    wholeWords(lex(masked, index), masked, index),
    index,
    { packageContext: ctx.packageContext, labels: ctx.labels },
    norm,
  );
  const bound = bind(assembled, index, norm, { defaultSku: ctx.defaultSku });
  // Read on as bound (a drug word is a medicine, an old count is passed over).
  const toks = bound.toks;
  const phone = personal.find((p) => p.kind === "phone" && !p.insideIdentifier);
  return {
    household,
    name,
    phone: phone?.digits ?? null,
    toks,
    bound,
    masked: addressFree,
    households: spans,
    fullHouseholds,
  };
}

function countFull(spans: readonly HouseholdSpan[]): number {
  let first: string | null = null;
  for (const h of spans) {
    if (h.parts < 2) continue;
    if (first === null) first = h.household;
    else if (h.household !== first) return 2;
  }
  return first === null ? 0 : 1;
}
