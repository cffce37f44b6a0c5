// Effects gathered while a transaction runs, carried out only after it commits:
// nothing is said about an order that was not stored.
import type { OutboundMessageInput } from "../domain/messages";
import type { JobRequest } from "../jobs/definitions";
import type { AppDeps, DomainEvent } from "./deps";

export class Effects {
  readonly messages: Array<{ msg: OutboundMessageInput; key?: string }> = [];
  readonly events: DomainEvent[] = [];
  readonly jobs: JobRequest[] = [];

  /** `key` makes the message idempotent (a job retried after a crash sends it once). */
  say(chat: { platform: string; chatId: string }, text: string, buttons: Array<{ text: string; data: string }> = [], key?: string): void {
    const msg = { platform: chat.platform as OutboundMessageInput["platform"], chatId: chat.chatId, text, buttons };
    this.messages.push(key ? { msg, key } : { msg });
  }
  event(e: DomainEvent): void {
    this.events.push(e);
  }
  schedule(j: JobRequest): void {
    this.jobs.push(j);
  }
}

export async function runEffects(deps: AppDeps, fx: Effects): Promise<void> {
  for (const e of fx.events) deps.events.emit(e);
  for (const m of fx.messages) await deps.outbox.send(m.msg, m.key ? { key: m.key } : undefined);
  for (const j of fx.jobs) await deps.scheduler.schedule(j);
}
