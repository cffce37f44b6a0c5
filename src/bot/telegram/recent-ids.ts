/**
 * The last `capacity` ids seen, oldest forgotten first. Telegram may hand an update over
 * twice (a webhook retry, a poll that raced a restart); remembering a few thousand
 * update ids is enough to drop those, and the flows dedupe by message id as well.
 */
export class RecentIds<T> {
  private readonly seen = new Set<T>();
  constructor(private readonly capacity = 5000) {}

  has(id: T): boolean {
    return this.seen.has(id);
  }

  add(id: T): void {
    this.seen.delete(id);
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
  }

  delete(id: T): void {
    this.seen.delete(id);
  }

  get size(): number {
    return this.seen.size;
  }
}
