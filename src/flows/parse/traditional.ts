/**
 * Traditional → simplified, character by character, from OpenCC's own tables (opencc-js):
 * Hong Kong and Taiwan variants to OpenCC's standard form (裡 → 裏), then traditional to
 * simplified (裏 → 里). Only the character tables are used, not OpenCC's phrase tables: every
 * character maps to one character, so positions in the converted text are positions in the
 * original (the parser cuts names and refusals from the original by those positions). The
 * phrase tables (a megabyte) would only choose between readings that make no difference to the
 * words the bot reads (乾 → 干 either way for 乾货). Loaded once; a few milliseconds.
 */
import HK_VARIANTS_REV from "opencc-js/dict/HKVariantsRev";
import TS_CHARACTERS from "opencc-js/dict/TSCharacters";
import TW_VARIANTS_REV from "opencc-js/dict/TWVariantsRev";

/** "key value [value…]|…": the first value is OpenCC's default. */
function pairs(dict: string, into: Map<number, number>): void {
  for (const entry of dict.split("|")) {
    const sp = entry.indexOf(" ");
    if (sp !== 1) continue; // keys outside the BMP (surrogate pairs) are not one code unit
    const to = entry.slice(sp + 1).split(" ")[0] ?? "";
    if (to.length !== 1) continue;
    into.set(entry.charCodeAt(0), to.charCodeAt(0));
  }
}

/** Code unit → its simplified code unit, for every traditional character OpenCC knows. */
export function traditionalPairs(): Map<number, number> {
  const variants = new Map<number, number>();
  pairs(TW_VARIANTS_REV, variants);
  pairs(HK_VARIANTS_REV, variants);
  const ts = new Map<number, number>();
  pairs(TS_CHARACTERS, ts);
  const out = new Map<number, number>();
  for (const [k, v] of ts) out.set(k, v);
  // A regional variant maps only when it is not itself a simplified character (TW's 么 → 幺 would
  // break 什么; 裡 → 裏 → 里 is kept).
  const simplified = new Set(ts.values());
  for (const [k, v] of variants) {
    const simp = ts.get(v) ?? v;
    if (simp !== k && !simplified.has(k) && !out.has(k)) out.set(k, simp);
  }
  return out;
}
