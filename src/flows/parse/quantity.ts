/**
 * MAX_QTY is the most of one item a household may ask for in one message: 99 packages, cans,
 * bags … A quantity is a whole count from 1 to MAX_QTY. Anything else — 0, a negative (负一份,
 * -1份), a fraction (半份, 1.5盒, 1/2袋, 一袋半), scientific notation (1e308), a huge numeral
 * (一亿袋, 1万袋) or a count past MAX_QTY — is refused as BAD_QUANTITY with the goods it was
 * written against: never rounded, never read as 1, never dropped. Half a package is not a
 * package (the catalog sells whole ones), so 半份 is refused too rather than rounded up: the
 * resident is told and decides. Per-sku limits set by officials (`/limit PKG100 2`, OVER_LIMIT)
 * are a rule applied later, and are at most this. Texts that explain a refusal should read this
 * constant rather than repeat the figure.
 */
export const MAX_QTY = 99;

/** A whole count from 1 to MAX_QTY. */
export function isAllowedQuantity(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_QTY;
}
