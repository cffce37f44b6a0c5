/**
 * Passes that retag tokens before counts are paired with goods. Each returns a new array and never
 * changes a token it was given (a retagged token is a new one).
 */
import { canQty, isDrugWord } from "./attach-context";
import { copyTok, isCount, isKw, retagged, type Tok } from "./tokens";

/** Units that weigh or measure one piece rather than count pieces. */
const WEIGHT_UNITS = new Set(["斤", "克", "升"]);

/** Unknown words that read as drug names (…片, …胶囊) are medicines. */
export function markDrugWords(toks: readonly Tok[]): Tok[] {
  return toks.map((t) => (t.k === "word" && t.e - t.s >= 2 && isDrugWord(t.word) ? asMedicine(t) : t));
}

function asMedicine(t: Tok): Tok {
  const x = copyTok(t);
  x.k = "med";
  x.generic = false;
  return x;
}

/** 鸡蛋由2盒改成4盒 / 2盒改为4盒: the count before 改成 is the old one, passed over. */
export function markOldCounts(toks: readonly Tok[]): Tok[] {
  return toks.map((t, i) =>
    isCount(t) && isKw(toks[i + 1], "amend") && canQty(toks[i + 2]) ? retagged(t, "notgoods", "was") : t,
  );
}

/** 大米10kg一袋 / 一袋10斤的米: a weight beside a count is the size of one piece. Left to right. */
export function markPieceSizes(toks: readonly Tok[]): Tok[] {
  const out = toks.slice();
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i]!;
    const b = out[i + 1]!;
    if (a.k !== "qty" || b.k !== "qty" || a.times || b.times || b.gap) continue;
    const wa = WEIGHT_UNITS.has(a.unit);
    const wb = WEIGHT_UNITS.has(b.unit);
    if (wa === wb) continue;
    if (wa) out[i] = retagged(a, "notgoods", "spec");
    else out[i + 1] = retagged(b, "notgoods", "spec");
  }
  return out;
}
