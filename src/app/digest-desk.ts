// The acknowledgement digests of a message's apply (src/app/message-apply.ts): whether an
// acknowledgement or refusal is said now or kept for the group's next digest, and the waiting
// digest carried on an answer. The digest itself is taken and posted by ./digests.ts.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Sql } from "../db/sql";
import type { Snapshot } from "../flows/decide";
import type { Text } from "../texts";
import { ackDigestJob, takeDigest } from "./digests";
import { digestDueAt } from "../domain/digest-slots";
import type { Effects } from "./effects";

// A row's shape (made once: zod compiles a schema on its first use).
const GatherRowSchema = z.object({ ackSentAt: z.date().nullable(), pending: z.boolean(), quiet: z.boolean() });

/**
 * Acknowledgement digests: in a group whose acknowledgements come faster than every
 * `digestMinutes`, an acknowledgement or refusal is not said on its own but kept as a line
 * of the group's next digest, posted on the group's own slot every `digestMinutes` (see
 * digestDueAt: the town's groups spread over the period; the `ack-digest` job; the sweep
 * posts one whose job was lost). The first in a quiet group is said at once.
 */
export class DigestDesk {
  private state: { ackSentAt: Date | null; pending: boolean } | null = null;
  constructor(
    private readonly tx: Sql,
    private readonly s: Snapshot,
    private readonly fx: Effects,
  ) {}

  /** True when the line was kept for the digest; false: say it now (and the group counts as just answered). */
  async gathers(kind: "ack" | "refusal", line: Text): Promise<boolean> {
    const everyMs = this.s.group.digestMinutes * 60_000;
    if (everyMs <= 0) return false;
    const now = this.s.message.handledAt;
    const groupId = this.s.group.id;
    let quiet: boolean;
    if (!this.state) {
      // One statement: lock the group's row (its messages take turns deciding, in any process),
      // read whether it is quiet, and either note it answered now or keep the line.
      const r = (await this.tx.one(
        GatherRowSchema,
        `WITH g AS (
           SELECT g."ackSentAt", EXISTS (SELECT 1 FROM "PendingAck" p WHERE p."chatGroupId" = g."id" AND p."postedAt" IS NULL) AS "pending"
             FROM "ChatGroup" g WHERE g."id" = $1 FOR UPDATE),
         q AS (
           SELECT "ackSentAt", "pending",
                  NOT "pending" AND ("ackSentAt" IS NULL OR "ackSentAt" <= $2::timestamp(3) - $3::int * interval '1 millisecond') AS "quiet"
             FROM g),
         u AS (UPDATE "ChatGroup" SET "ackSentAt" = $2::timestamp(3) WHERE "id" = $1 AND (SELECT "quiet" FROM q)),
         i AS (
           INSERT INTO "PendingAck" ("id", "chatGroupId", "kind", "line", "createdAt")
           SELECT $4, $1, $5, $6::jsonb, $2::timestamp(3) FROM q WHERE NOT q."quiet")
         SELECT "ackSentAt", "pending", "quiet" FROM q`,
        groupId,
        now,
        everyMs,
        randomUUID(),
        kind,
        JSON.stringify(line),
      )) ?? { ackSentAt: null, pending: false, quiet: true }; // no such group: nothing to keep
      this.state = { ackSentAt: r.ackSentAt, pending: r.pending };
      quiet = r.quiet;
    } else {
      quiet =
        !this.state.pending && (!this.state.ackSentAt || now.getTime() - this.state.ackSentAt.getTime() >= everyMs);
      if (quiet)
        await this.tx.run(`UPDATE "ChatGroup" SET "ackSentAt" = $1::timestamp(3) WHERE "id" = $2`, now, groupId);
      else
        await this.tx.run(
          `INSERT INTO "PendingAck" ("id", "chatGroupId", "kind", "line", "createdAt") VALUES ($1, $2, $3, $4::jsonb, $5::timestamp(3))`,
          randomUUID(),
          groupId,
          kind,
          JSON.stringify(line),
          now,
        );
    }
    if (quiet) {
      this.state.ackSentAt = now;
      return false;
    }
    this.state.pending = true;
    const due = new Date(
      digestDueAt({
        groupKey: `${this.s.group.platform}:${this.s.group.chatId}`,
        now: now.getTime(),
        lastSaidAt: this.state.ackSentAt?.getTime() ?? null,
        everyMs,
      }),
    );
    this.fx.schedule(ackDigestJob(this.s.group.id, due));
    return true;
  }

  /**
   * The waiting digest, taken to ride on an answer said now (null when digests are off or
   * nothing waits); its lines count as posted, and the group as just answered.
   */
  async carried(): Promise<string | null> {
    if (this.s.group.digestMinutes <= 0) return null;
    const now = this.s.message.handledAt;
    const d = await takeDigest(this.tx, {
      chatGroupId: this.s.group.id,
      now,
      timezone: this.s.rules.timezone,
      language: this.s.group.language,
    });
    if (!d) return null;
    this.state = { ackSentAt: now, pending: false };
    this.fx.event({ type: "ack.digest", chat: this.s.group.chatId, acks: d.acks, refusals: d.refusals });
    return d.text;
  }
}
