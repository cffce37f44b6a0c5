/**
 * A bounded set of recently seen platform message ids. WeChat puppets may deliver a
 * message twice (reconnects, history sync); the oldest ids are forgotten first so
 * memory stays flat on a bot that runs for weeks.
 */
export interface RecentIds {
  /** Records the id; false when it was already there. */
  add(id: string): boolean;
  delete(id: string): void;
  readonly size: number;
}

export function recentIds(capacity = 5000): RecentIds {
  const seen = new Set<string>();
  return {
    add(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) {
        const oldest = seen.values().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      return true;
    },
    delete(id) {
      seen.delete(id);
    },
    get size() {
      return seen.size;
    },
  };
}
