/** A character trie for longest-match lookup of many words at once (aliases, refused goods, intents). */
import { isDigit, isLowerLatin } from "./normalize";

interface Node<T> {
  next: Map<number, Node<T>> | null;
  value: T | null;
}

export interface TrieMatch<T> {
  readonly value: T;
  readonly end: number;
}

const SPACE = 0x20;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export class Trie<T> {
  private readonly root: Node<T> = { next: null, value: null };
  private readonly first = new Uint8Array(65536);
  /** The root's children by character code: most lookups stop at the first character. */
  private readonly rootChildren: (Node<T> | undefined)[] = new Array<Node<T> | undefined>(65536).fill(undefined);

  /** Adds `key` (already normalised); a later value for the same key replaces the earlier one. */
  set(key: string, value: T): void {
    const k = key.trim().replace(/\s+/g, " ");
    if (!k) return;
    let node = this.root;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (!node.next) node.next = new Map();
      let child = node.next.get(c);
      if (!child) {
        child = { next: null, value: null };
        node.next.set(c, child);
      }
      node = child;
    }
    node.value = value;
    const c0 = k.charCodeAt(0);
    this.first[c0] = 1;
    this.rootChildren[c0] = this.root.next!.get(c0);
  }

  /** True when some key starts with this character (a cheap pre-check). */
  startsWith(c: number): boolean {
    return this.first[c] === 1;
  }

  /**
   * Longest key matching `s` at `i`. Keys that begin or end with a Latin letter or a digit must
   * sit on a word boundary; a Latin key may take a plural -s/-es; a space in a key matches any
   * run of spaces. `plural` says which values may take the plural ending.
   */
  match(s: string, i: number, plural?: (v: T) => boolean): TrieMatch<T> | null {
    const c0 = s.charCodeAt(i);
    if (this.first[c0] !== 1) return null;
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    if (isLowerLatin(c0) && isLowerLatin(prev)) return null;
    if (isDigit(c0) && isDigit(prev)) return null;
    let node: Node<T> | undefined = this.rootChildren[c0];
    let j = i + 1;
    // The longest so far, as two locals: one result object per match, not one per prefix.
    let bestValue: T | null = null;
    let bestEnd = -1;
    if (node && node.value !== null) {
      const end = this.boundaryEnd(s, j, node.value, plural);
      if (end >= 0) {
        bestValue = node.value;
        bestEnd = end;
      }
    }
    const n = s.length;
    while (node?.next && j < n) {
      let c = s.charCodeAt(j);
      let adv = 1;
      if (isWs(c)) {
        c = SPACE;
        while (j + adv < n && isWs(s.charCodeAt(j + adv))) adv++;
      }
      node = node.next.get(c);
      if (!node) break;
      j += adv;
      if (node.value !== null) {
        const end = this.boundaryEnd(s, j, node.value, plural);
        if (end >= 0) {
          bestValue = node.value;
          bestEnd = end;
        }
      }
    }
    return bestValue === null ? null : { value: bestValue, end: bestEnd };
  }

  private boundaryEnd(s: string, j: number, v: T, plural?: (v: T) => boolean): number {
    const last = s.charCodeAt(j - 1);
    if (last === SPACE) return -1;
    const next = j < s.length ? s.charCodeAt(j) : 0;
    if (isLowerLatin(last)) {
      if (!isLowerLatin(next)) return j;
      if (plural?.(v)) {
        if (next === 0x73 && !isLowerLatin(s.charCodeAt(j + 1))) return j + 1; // -s
        if (next === 0x65 && s.charCodeAt(j + 1) === 0x73 && !isLowerLatin(s.charCodeAt(j + 2))) return j + 2; // -es
      }
      return -1;
    }
    if (isDigit(last) && isDigit(next)) return -1;
    return j;
  }
}
