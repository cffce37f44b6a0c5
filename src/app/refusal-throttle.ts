// The refusal throttle of a message's apply (src/app/message-apply.ts): the same refusal to
// the same member about the same household is said once per window, kept in "ReplyThrottle".
import { z } from "zod";
import type { Sql } from "../db/sql";

// A row's shape (made once: zod compiles a schema on its first use).
const KeyRowSchema = z.object({ key: z.string() });

/** How long a refusal for one reason is not repeated to the same member about the same household. */
export const REFUSAL_QUIET_MS = 10 * 60_000;

/**
 * Whether a refusal may be said now: false when the same one (chat, member, household,
 * reason) was said within REFUSAL_QUIET_MS — a member sending the same message 1,000 times
 * gets one answer, and the group's sending budget goes to everyone else. One statement.
 */
export async function refusalMaySpeak(
  tx: Sql,
  o: { chatGroupId: string; memberId: string; household: string | null; reason: string; now: Date },
): Promise<boolean> {
  const key = `${o.chatGroupId}:${o.memberId}:${o.household ?? "-"}:${o.reason}`;
  const fresh = await tx.rows(
    KeyRowSchema,
    `INSERT INTO "ReplyThrottle" ("key", "until") VALUES ($1, $2)
     ON CONFLICT ("key") DO UPDATE SET "until" = EXCLUDED."until" WHERE "ReplyThrottle"."until" <= $3
     RETURNING "key"`,
    key,
    new Date(o.now.getTime() + REFUSAL_QUIET_MS),
    o.now,
  );
  return fresh.length > 0;
}
