// Pressed buttons wait here until the core says what to show the presser. Telegram
// allows one answer per callback query, and the client shows a spinner until then,
// so an unanswered query is answered silently after `timeoutMs`.
export type AnswerCallback = (queryId: string, text: string | null, showAlert: boolean) => Promise<void>;

export interface PendingActions {
  /** Remember a callback query under the InboundMessage.messageId the core sees. */
  register(messageId: string, queryId: string): void;
  /** Answer it now; false when it was already answered (or never pending). */
  settle(messageId: string, text: string | null, showAlert: boolean): Promise<boolean>;
  /** Answer everything still waiting, silently (on stop). */
  flush(): Promise<void>;
  readonly size: number;
}

export function createPendingActions(opts: {
  answer: AnswerCallback;
  timeoutMs: number;
  log: (obj: object, msg: string) => void;
}): PendingActions {
  const pending = new Map<string, { queryId: string; timer: NodeJS.Timeout }>();

  async function settle(messageId: string, text: string | null, showAlert: boolean): Promise<boolean> {
    const p = pending.get(messageId);
    if (!p) return false;
    pending.delete(messageId);
    clearTimeout(p.timer);
    try {
      await opts.answer(p.queryId, text, showAlert);
      return true;
    } catch (err) {
      // Usually "query is too old": the presser's client has given up already.
      opts.log({ err: String(err), messageId }, "telegram: answerCallbackQuery failed");
      return false;
    }
  }

  return {
    register(messageId, queryId) {
      if (pending.has(messageId)) return; // a redelivery of the same press
      const timer = setTimeout(() => void settle(messageId, null, false), opts.timeoutMs);
      timer.unref();
      pending.set(messageId, { queryId, timer });
    },
    settle,
    async flush() {
      await Promise.all([...pending.keys()].map((id) => settle(id, null, false)));
    },
    get size() {
      return pending.size;
    },
  };
}
