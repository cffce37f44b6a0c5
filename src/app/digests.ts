// Acknowledgement digests (see DigestDesk in ./message-apply.ts): the `ack-digest` job
// posts a group's waiting acknowledgements and refusals as one message — a running list
// like a 接龙 the bot keeps — in the group's language, in the `digest` lane.
import { localParts } from "../domain/local-time";
import type { JobRequest } from "../jobs/definitions";
import { lockExclusive } from "../db/locks";
import { render, residentTexts, villageLanguage, type Text } from "../texts";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";

/** The digest of a group, due at `due` (a minute's acknowledgements share one job). */
export function ackDigestJob(chatGroupId: string, due: Date): JobRequest {
  return { name: "ack-digest", payload: { chatGroupId }, runAt: due, key: `ack-digest:${chatGroupId}:${Math.floor(due.getTime() / 60_000)}` };
}

const hhmm = (d: Date, tz: string) => {
  const p = localParts(d, tz);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
};

/** Posts the group's waiting acknowledgements, if any; once (the lines are marked posted in the same transaction). */
export async function postAckDigest(deps: AppDeps, chatGroupId: string): Promise<number> {
  const now = deps.clock.now();
  const fx = new Effects();
  const n = await deps.db.$transaction(async (tx) => {
    await lockExclusive(tx, `digest:${chatGroupId}`);
    const pending = await tx.pendingAck.findMany({ where: { chatGroupId, postedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    if (pending.length === 0) return 0;
    const group = await tx.chatGroup.findUniqueOrThrow({ where: { id: chatGroupId }, include: { village: true } });
    const tz = group.village?.timezone ?? deps.timezone;
    const lines = (kind: string) => pending.filter((p) => p.kind === kind).map((p) => p.line as unknown as Text);
    const text = render(residentTexts.digest({ asOf: hhmm(now, tz), acks: lines("ack"), refusals: lines("refusal") }), villageLanguage(group.village));
    fx.say(group, text, [], `digest:${chatGroupId}:${pending[0]!.id}`, { lane: "digest" });
    fx.event({ type: "ack.digest", chat: group.chatId, acks: lines("ack").length, refusals: lines("refusal").length });
    await tx.pendingAck.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { postedAt: now } });
    await tx.chatGroup.update({ where: { id: chatGroupId }, data: { ackSentAt: now } });
    await fx.record(tx, now);
    return pending.length;
  }, { timeout: 30_000, maxWait: 30_000 });
  await runEffects(deps, fx);
  return n;
}

/** Digests whose job was lost (a Redis that kept nothing): groups with lines waiting longer than `olderThanMs`. */
export async function postOverdueDigests(deps: AppDeps, olderThanMs: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const groups = await deps.db.pendingAck.groupBy({ by: ["chatGroupId"], where: { postedAt: null, createdAt: { lt: cutoff } } });
  for (const g of groups) await postAckDigest(deps, g.chatGroupId);
  return groups.length;
}
