/**
 * Pairing counts with goods (奶粉2罐, 2罐奶粉, 奶粉×2, 要100元的套餐，两份, 鸡蛋、大米各2袋). The result
 * is a plain value: for each goods token the index of its count, and which counts are taken.
 */
import type { CatalogIndex } from "./catalog-index";
import { canQty, leftQty, nextGoodsAfter, rightQty, unitScore } from "./attach-context";
import { isGoods, isKw, type Tok } from "./tokens";

export interface Pairing {
  /** For each token: the index of its count, or -1. */
  readonly qtyOf: number[];
  /** For each token: 1 when it is some goods' count. */
  readonly used: Uint8Array;
}

export function emptyPairing(n: number): Pairing {
  return { qtyOf: new Array<number>(n).fill(-1), used: new Uint8Array(n) };
}

function pair(p: Pairing, g: number, q: number): void {
  p.qtyOf[g] = q;
  p.used[q] = 1;
}

/**
 * The count right after goods is theirs when it fits them at least as well as the goods after it
 * (its unit, glued) — or is written ×N. 两袋盐一袋糖: goods with a free count glued before them,
 * and glued goods after the count with none of their own: the count after starts the next goods.
 */
function takesRight(
  toks: readonly Tok[],
  index: CatalogIndex,
  p: Pairing,
  g: number,
  r: { i: number; glued: boolean },
): boolean {
  const gt = toks[g]!;
  const q = toks[r.i]!;
  if (q.times) return true;
  const scoreThis = (r.glued ? 2 : 0) + unitScore(index, gt, q) + 1;
  const nx = nextGoodsAfter(toks, r.i);
  let scoreNext = -1;
  if (nx) {
    const nxHasOwn = rightQty(toks, nx.i) !== null;
    scoreNext = (nx.glued ? 2 : 0) + unitScore(index, toks[nx.i]!, q) + (nxHasOwn ? 0 : 1);
  }
  if (scoreThis < scoreNext) return false;
  if (nx?.glued && rightQty(toks, nx.i) === null && !gt.gap && g > 0) {
    const l = leftQty(toks, g);
    if (l === g - 1 && !p.used[l] && toks[l]!.k === "qty") return false;
  }
  return true;
}

/** Each goods' own count: the one after it (see takesRight), else a free one before it. */
export function pairAdjacentCounts(toks: readonly Tok[], index: CatalogIndex, p: Pairing): Pairing {
  for (let g = 0; g < toks.length; g++) {
    if (!isGoods(toks[g]!)) continue;
    const r = rightQty(toks, g);
    if (r && !p.used[r.i] && takesRight(toks, index, p, g, r)) {
      pair(p, g, r.i);
      continue;
    }
    const l = leftQty(toks, g);
    if (l >= 0 && !p.used[l]) pair(p, g, l);
  }
  return p;
}

/** 要100元的套餐，两份: a count set off by a comma after goods that have none. */
export function pairCountAfterComma(toks: readonly Tok[], p: Pairing): Pairing {
  for (let g = 0; g + 2 < toks.length; g++) {
    if (!isGoods(toks[g]!) || p.qtyOf[g]! >= 0) continue;
    const sep = toks[g + 1]!;
    const q = toks[g + 2]!;
    const after = toks[g + 3];
    if (sep.k !== "sep" || sep.word !== "hard" || p.used[g + 2] || !canQty(q) || q.k === "num") continue;
    if (after && !(after.k === "sep" || after.gap)) continue;
    pair(p, g, g + 2);
  }
  return p;
}

/** 各: 鸡蛋、大米各2袋 gives every goods of the clause before it the same count. */
export function pairEachCount(toks: readonly Tok[], p: Pairing): Pairing {
  for (let q = 1; q < toks.length; q++) {
    if (!canQty(toks[q]) || !isKw(toks[q - 1], "each")) continue;
    for (let g = q - 1; g >= 0; g--) {
      const gt = toks[g]!;
      if (gt.k === "sep" && gt.word !== "soft") break;
      if (isGoods(gt) && p.qtyOf[g]! < 0) p.qtyOf[g] = q;
    }
    p.used[q] = 1;
  }
  return p;
}
