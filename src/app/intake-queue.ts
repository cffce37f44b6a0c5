// The order in which waiting inbound messages are handled. Pure data structure, no I/O.
//
// - One chat's messages are handled one at a time, in arrival order — except that a
//   member flooding the chat (more than `floodAt` messages waiting) is served only when
//   nobody else in that chat is waiting: a flood never delays the others' answers.
// - Chats with work take turns (round robin), so a busy chat does not starve a quiet one.

export interface Waiting<T> {
  /** Arrival number: the order messages came in. */
  seq: number;
  chatKey: string;
  senderKey: string;
  item: T;
}

class ChatLine<T> {
  readonly bySender = new Map<string, Array<Waiting<T>>>();
  size = 0;
  busy = false;

  push(w: Waiting<T>): void {
    const l = this.bySender.get(w.senderKey);
    if (l) l.push(w);
    else this.bySender.set(w.senderKey, [w]);
    this.size++;
  }

  /** The earliest head among senders not flooding; else the earliest head of all. */
  peek(floodAt: number): Waiting<T> | null {
    let calm: Waiting<T> | null = null;
    let any: Waiting<T> | null = null;
    for (const l of this.bySender.values()) {
      const head = l[0]!;
      if (!any || head.seq < any.seq) any = head;
      if (l.length <= floodAt && (!calm || head.seq < calm.seq)) calm = head;
    }
    return calm ?? any;
  }

  take(w: Waiting<T>): void {
    const l = this.bySender.get(w.senderKey)!;
    l.shift();
    if (l.length === 0) this.bySender.delete(w.senderKey);
    this.size--;
  }

  oldest(): Waiting<T> | null {
    let o: Waiting<T> | null = null;
    for (const l of this.bySender.values()) if (!o || l[0]!.seq < o.seq) o = l[0]!;
    return o;
  }
}

export class IntakeQueue<T> {
  private readonly chats = new Map<string, ChatLine<T>>();
  /** Chats with a message waiting and none being handled, in turn order. */
  private readonly ready: string[] = [];
  private seq = 0;

  /** @param floodAt a member with more than this many messages waiting in a chat is flooding it */
  constructor(private readonly floodAt = 5) {}

  push(chatKey: string, senderKey: string, item: T): Waiting<T> {
    const w: Waiting<T> = { seq: ++this.seq, chatKey, senderKey, item };
    let line = this.chats.get(chatKey);
    if (!line) {
      line = new ChatLine<T>();
      this.chats.set(chatKey, line);
    }
    line.push(w);
    if (!line.busy && line.size === 1) this.ready.push(chatKey);
    return w;
  }

  /** The next message to handle (its chat is then busy until `done`), or null. */
  next(): Waiting<T> | null {
    const chatKey = this.ready.shift();
    if (chatKey === undefined) return null;
    const line = this.chats.get(chatKey)!;
    const w = line.peek(this.floodAt)!;
    line.take(w);
    line.busy = true;
    return w;
  }

  /** The chat's message is handled: its next one takes its turn behind the other chats. */
  done(w: Waiting<T>): void {
    const line = this.chats.get(w.chatKey);
    if (!line) return;
    line.busy = false;
    if (line.size > 0) this.ready.push(w.chatKey);
    else this.chats.delete(w.chatKey);
  }

  /** Puts a message back at the head of its chat (handling failed; it is tried again later), keeping the chat busy. */
  putBack(w: Waiting<T>): void {
    const line = this.chats.get(w.chatKey)!;
    const l = line.bySender.get(w.senderKey);
    if (l) l.unshift(w);
    else line.bySender.set(w.senderKey, [w]);
    line.size++;
  }

  /** Makes a chat whose message was put back take its turn again. */
  resume(chatKey: string): void {
    const line = this.chats.get(chatKey);
    if (!line) return;
    line.busy = false;
    if (line.size > 0 && !this.ready.includes(chatKey)) this.ready.push(chatKey);
  }

  /** Messages waiting (not counting those being handled). */
  get size(): number {
    let n = 0;
    for (const l of this.chats.values()) n += l.size;
    return n;
  }

  /** Every waiting message of every chat, oldest first per chat (for notices and shutdown). */
  waitingByChat(): Map<string, Array<Waiting<T>>> {
    const out = new Map<string, Array<Waiting<T>>>();
    for (const [k, line] of this.chats) {
      const all = [...line.bySender.values()].flat().sort((a, b) => a.seq - b.seq);
      if (all.length) out.set(k, all);
    }
    return out;
  }

  oldest(chatKey: string): Waiting<T> | null {
    return this.chats.get(chatKey)?.oldest() ?? null;
  }
}
