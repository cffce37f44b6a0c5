/** Word lists built from parts (./intent-change-words.ts, ./intent-status-words.ts). */

/** Every head followed by every tail (改 + 好了吗 → 改好了吗). */
export function combos(heads: readonly string[], tails: readonly string[]): string[] {
  return heads.flatMap((h) => tails.map((t) => h + t));
}
