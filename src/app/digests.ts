// Acknowledgement digests (see DigestDesk in ./digest-desk.ts): the `ack-digest` job
// posts a group's waiting acknowledgements and refusals as one message — a running list
// like a 接龙 the bot keeps — in the group's language, in the `digest` lane. An answer said
// at once (a status question) carries the waiting list with it, which saves the group a
// message and answers those households sooner.
import { readAckLine } from "../flows/json-columns";
import { localParts } from "../domain/local-time";
import type { JobRequest } from "./job-port";
import { render, residentTexts, villageLanguage, type Language } from "../texts";
import { z } from "zod";
import { asSql, type Sql } from "../db/sql";
import type { DbOrTx } from "./context";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";

// Row shapes (made once: zod compiles a schema on its first use).
const PendingAckRowSchema = z.object({ id: z.string(), kind: z.string(), line: z.unknown() });

/** The digest of a group, due at `due` (a minute's acknowledgements share one job). */
export function ackDigestJob(chatGroupId: string, due: Date): JobRequest {
  return {
    name: "ack-digest",
    payload: { chatGroupId },
    runAt: due,
    key: `ack-digest:${chatGroupId}:${Math.floor(due.getTime() / 60_000)}`,
  };
}

const hhmm = (d: Date, tz: string) => {
  const p = localParts(d, tz);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
};

/**
 * Takes the group's waiting acknowledgement and refusal lines, marks them posted at `now`
 * and returns the digest's text in the group's language — or null when none wait. Holds
 * the group's row lock (`SELECT … FOR UPDATE` on ChatGroup, the same lock a message's apply
 * takes before gathering a line), so a line is posted by exactly one message: the digest
 * job's, or an answer said at once that carries the list with it. Call inside `tx`.
 */
export async function takeDigest(
  db: DbOrTx | Sql,
  o: { chatGroupId: string; now: Date; timezone: string; language: Language },
): Promise<{ text: string; acks: number; refusals: number; firstLineId: string } | null> {
  const tx = asSql(db);
  await tx.run(`SELECT 1 FROM "ChatGroup" WHERE "id" = $1 FOR UPDATE`, o.chatGroupId);
  const pending = await tx.rows(
    PendingAckRowSchema,
    `SELECT "id", "kind", "line" FROM "PendingAck" WHERE "chatGroupId" = $1 AND "postedAt" IS NULL ORDER BY "createdAt", "id"`,
    o.chatGroupId,
  );
  if (pending.length === 0) return null;
  const lines = (kind: string) => pending.filter((p) => p.kind === kind).map((p) => readAckLine(p.line));
  const acks = lines("ack");
  const refusals = lines("refusal");
  const text = render(residentTexts.digest({ asOf: hhmm(o.now, o.timezone), acks, refusals }), o.language);
  await tx.run(
    `WITH p AS (UPDATE "PendingAck" SET "postedAt" = $1::timestamp(3) WHERE "id" = ANY($2::text[]))
     UPDATE "ChatGroup" SET "ackSentAt" = $1::timestamp(3) WHERE "id" = $3`,
    o.now,
    pending.map((p) => p.id),
    o.chatGroupId,
  );
  return { text, acks: acks.length, refusals: refusals.length, firstLineId: pending[0]!.id };
}

/** Posts the group's waiting acknowledgements, if any; once (the lines are marked posted in the same transaction). Returns how many lines. */
export async function postAckDigest(deps: AppDeps, chatGroupId: string): Promise<number> {
  const now = deps.clock.now();
  const fx = new Effects();
  const n = await deps.db.$transaction(
    async (tx) => {
      const group = await tx.chatGroup.findUniqueOrThrow({ where: { id: chatGroupId }, include: { village: true } });
      const d = await takeDigest(tx, {
        chatGroupId,
        now,
        timezone: group.village?.timezone ?? deps.timezone,
        language: villageLanguage(group.village),
      });
      if (!d) return 0;
      fx.say(group, d.text, [], `digest:${chatGroupId}:${d.firstLineId}`, { lane: "digest" });
      fx.event({ type: "ack.digest", chat: group.chatId, acks: d.acks, refusals: d.refusals });
      await fx.record(tx, now);
      return d.acks + d.refusals;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  await runEffects(deps, fx);
  return n;
}

/** Digests whose job was lost (a Redis that kept nothing): groups with lines waiting longer than `olderThanMs`. */
export async function postOverdueDigests(deps: AppDeps, olderThanMs: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  const groups = await deps.db.pendingAck.groupBy({
    by: ["chatGroupId"],
    where: { postedAt: null, createdAt: { lt: cutoff } },
  });
  for (const g of groups) await postAckDigest(deps, g.chatGroupId);
  return groups.length;
}
