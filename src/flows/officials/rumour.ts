// Rumour watch: the keywords of a registered rumour, matched against what
// residents post. A keyword `a+b` needs both words; any keyword of a rumour matches it.
import { toSimplified } from "../parse/normalize";
import { normalizeName } from "./commodities";

/** Traditional characters read as simplified ones on both sides: 斷糧 matches a watch on 断粮. */
const norm = (s: string) => normalizeName(toSimplified(s));

export interface RumourWatchView {
  id: string;
  keywords: readonly string[];
}

function hits(text: string, keyword: string): boolean {
  const parts = keyword.split("+").map(norm).filter(Boolean);
  return parts.length > 0 && parts.every((p) => text.includes(p));
}

/** The first watch (in the order given) whose keyword the message contains, with that keyword. */
export function matchRumour<W extends RumourWatchView>(
  text: string,
  watches: readonly W[],
): { watch: W; keyword: string } | null {
  const t = norm(text);
  if (!t) return null;
  for (const w of watches) {
    const k = w.keywords.find((kw) => hits(t, kw));
    if (k) return { watch: w, keyword: k };
  }
  return null;
}
