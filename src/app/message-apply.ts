// "Apply" of load → decide → apply: the decision's writes in the message's transaction,
// its messages and events gathered as effects (said after the commit), its later work
// scheduled. No rule is decided here.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Sql } from "../db/sql";
import type { Decision, Snapshot } from "../flows/decide";
import { officialTexts, render, type Text } from "../texts";
import { officialsLanguage } from "./officials/common";
import { toJson } from "../flows/json-columns";
import { localDate } from "../domain/local-time";
import { batchUpdateJob, cutoffNowJob } from "./batches";
import { ackDigestJob, takeDigest } from "./digests";
import { digestDueAt } from "../domain/digest-slots";
import { ensureHousehold } from "./context";
import type { Effects } from "./effects";

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
    z.object({ key: z.string() }),
    `INSERT INTO "ReplyThrottle" ("key", "until") VALUES ($1, $2)
     ON CONFLICT ("key") DO UPDATE SET "until" = EXCLUDED."until" WHERE "ReplyThrottle"."until" <= $3
     RETURNING "key"`,
    key,
    new Date(o.now.getTime() + REFUSAL_QUIET_MS),
    o.now,
  );
  return fresh.length > 0;
}

export async function applyDecision(tx: Sql, s: Snapshot, d: Decision, fx: Effects): Promise<void> {
  const villageId = s.group.villageId;
  const ids = new Map<string, string>(); // household code → row id
  const household = async (code: string, name: string | null) => {
    let id = ids.get(code);
    if (!id) {
      id = (await ensureHousehold(tx, { villageId, code, gridId: s.group.gridId, name })).id;
      ids.set(code, id);
    }
    return id;
  };
  for (const o of d.creates) {
    const known = ids.get(o.household);
    const householdId = await createOrder(
      tx,
      { villageId, gridId: s.group.gridId, code: o.household, name: o.name, householdId: known ?? null },
      {
        id: o.id,
        chatGroupId: s.group.id,
        placedAt: o.placedAt,
        deliveryDate: o.deliveryDate,
        batchId: o.batchId,
        sourceMessage: o.sourceMessage,
        placedBy: s.sender.userId,
        proxyBy: o.proxy ? s.sender.userId : null,
        priority: o.priority,
        totalCents: o.totalCents,
        lines: o.lines,
      },
      s.message.handledAt,
    );
    ids.set(o.household, householdId);
  }
  const now = s.message.handledAt;
  for (const c of d.changes) {
    await tx.run(`DELETE FROM "OrderLine" WHERE "orderId" = $1`, c.orderId);
    // The new lines, and the order's total: one statement (the old lines are gone before it starts).
    await changed(
      tx.run(
        `WITH l AS (
           INSERT INTO "OrderLine" ("id", "orderId", "sku", "qty", "unitPriceCents")
           SELECT gen_random_uuid()::text, $1, x.sku, x.qty, x.price FROM unnest($2::text[], $3::int[], $4::int[]) AS x(sku, qty, price))
         UPDATE "Order" SET "totalCents" = $5::int, "updatedAt" = $6::timestamp(3) WHERE "id" = $1`,
        c.orderId,
        c.lines.map((l) => l.sku),
        c.lines.map((l) => l.qty),
        c.lines.map((l) => l.unitPriceCents),
        c.totalCents,
        now,
      ),
      `order ${c.orderId}`,
    );
  }
  for (const c of d.cancels)
    await changed(
      tx.run(
        `UPDATE "Order" SET "status" = 'cancelled', "batchId" = NULL, "updatedAt" = $2::timestamp(3) WHERE "id" = $1`,
        c.orderId,
        now,
      ),
      `order ${c.orderId}`,
    );
  for (const code of d.specialCare)
    await changed(
      tx.run(`UPDATE "Household" SET "specialCare" = true WHERE "villageId" = $1 AND "code" = $2`, villageId, code),
      `household ${code}`,
    );
  if (d.linkSender)
    await tx.run(
      `UPDATE "Member" SET "householdId" = $1 WHERE "id" = $2`,
      await household(d.linkSender, null),
      s.sender.memberId,
    );
  if (d.medicine) {
    const req = { id: randomUUID() };
    await tx.run(
      `INSERT INTO "MedicineRequest" ("id", "householdId", "chatGroupId", "requestedBy", "text", "items", "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::timestamp(3))`,
      req.id,
      await household(d.medicine.household, null),
      s.group.id,
      s.sender.userId,
      d.medicine.medicines.map((m) => m.name).join("、"),
      JSON.stringify(d.medicine.medicines),
      s.message.sentAt,
    );
    fx.event({
      type: "medicine.requested",
      chat: s.group.chatId,
      household: d.medicine.household,
      requestId: req.id,
      medicines: d.medicine.medicines,
    });
  }
  if (d.list) {
    const { title, lines } = d.list;
    await tx.run(
      `INSERT INTO "JielongList" ("chatGroupId", "title", "entries", "updatedAt") VALUES ($1, $2, $3::jsonb, $4::timestamp(3))
       ON CONFLICT ("chatGroupId", "title") DO UPDATE SET "entries" = EXCLUDED."entries", "updatedAt" = EXCLUDED."updatedAt"`,
      s.group.id,
      title,
      JSON.stringify(toJson(lines)),
      now,
    );
  }
  if (d.complaint) await forwardComplaint(tx, s, d.complaint, fx);
  for (const e of d.events) fx.event(e);
  const digest = new DigestDesk(tx, s, fx);
  for (const m of d.say) {
    // A leader or volunteer speaks for many households: their refusals are counted per household;
    // a resident's per reason, whatever household each message names (a flood varying the address).
    const perHousehold = s.sender.roles.has("leader") || s.sender.roles.has("volunteer");
    if (
      m.refusal &&
      !(await refusalMaySpeak(tx, {
        chatGroupId: s.group.id,
        memberId: s.sender.memberId,
        household: perHousehold ? m.refusal.household : null,
        reason: m.refusal.reason,
        now: s.message.handledAt,
      }))
    )
      continue;
    if (m.kind !== "answer" && m.line && (await digest.gathers(m.kind, m.line))) continue;
    const carried = m.kind === "answer" ? await digest.carried() : null;
    fx.say({ platform: s.group.platform, chatId: s.group.chatId }, carried ? `${m.text}\n\n${carried}` : m.text);
  }
  for (const j of d.jobs) {
    fx.schedule(
      j.kind === "batch-update"
        ? batchUpdateJob(j.batchId, s.message.handledAt)
        : cutoffNowJob(j.gridId, j.deliveryDate, s.message.handledAt),
    );
  }
}

/** Throws unless `count` rows changed (the row was there: it is locked, or the decision was made on a wrong snapshot). */
async function changed(count: Promise<number>, what: string): Promise<void> {
  if ((await count) === 0) throw new Error(`${what} not found`);
}

type NewOrder = {
  id: string;
  chatGroupId: string;
  placedAt: Date;
  deliveryDate: string;
  batchId: string | null;
  sourceMessage: string | null;
  placedBy: string;
  proxyBy: string | null;
  priority: boolean;
  totalCents: number;
  lines: ReadonlyArray<{ sku: string; qty: number; unitPriceCents: number }>;
};

/**
 * An order with its lines, and its household created if new (as ensureHousehold does) —
 * one statement; returns the household's id.
 */
async function createOrder(
  tx: Sql,
  h: { villageId: string; gridId: string | null; code: string; name: string | null; householdId: string | null },
  o: NewOrder,
  now: Date,
): Promise<string> {
  const rows = await tx.rows(
    z.object({ householdId: z.string() }),
    `WITH n AS (
       INSERT INTO "Household" ("id", "villageId", "gridId", "code", "name") SELECT $1, $2, $3, $4, $5 WHERE $20::text IS NULL
       ON CONFLICT ("villageId", "code") DO UPDATE SET "code" = EXCLUDED."code" RETURNING "id"),
     h AS (SELECT $20::text AS "id" WHERE $20::text IS NOT NULL UNION ALL SELECT "id" FROM n),
     o AS (
       INSERT INTO "Order" ("id", "householdId", "gridId", "chatGroupId", "placedAt", "deliveryDate", "batchId", "sourceMessage", "placedBy", "proxyBy", "priority", "totalCents", "updatedAt")
       SELECT $6, h."id", $3, $7, $8::timestamp(3), $9, $10, $11, $12, $13, $14::boolean, $15::int, $16::timestamp(3) FROM h
       RETURNING "id", "householdId"),
     l AS (
       INSERT INTO "OrderLine" ("id", "orderId", "sku", "qty", "unitPriceCents")
       SELECT gen_random_uuid()::text, o."id", x.sku, x.qty, x.price FROM o, unnest($17::text[], $18::int[], $19::int[]) AS x(sku, qty, price))
     SELECT "householdId" FROM o`,
    randomUUID(),
    h.villageId,
    h.gridId,
    h.code,
    h.name,
    o.id,
    o.chatGroupId,
    o.placedAt,
    o.deliveryDate,
    o.batchId,
    o.sourceMessage,
    o.placedBy,
    o.proxyBy,
    o.priority,
    o.totalCents,
    now,
    o.lines.map((l) => l.sku),
    o.lines.map((l) => l.qty),
    o.lines.map((l) => l.unitPriceCents),
    h.householdId,
  );
  return rows[0]!.householdId;
}

/**
 * Acknowledgement digests: in a group whose acknowledgements come faster than every
 * `digestMinutes`, an acknowledgement or refusal is not said on its own but kept as a line
 * of the group's next digest, posted on the group's own slot every `digestMinutes` (see
 * digestDueAt: the town's groups spread over the period; the `ack-digest` job; the sweep
 * posts one whose job was lost). The first in a quiet group is said at once.
 */
class DigestDesk {
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
    if (!this.state) {
      // Locks the group's row: its messages take turns deciding (in any process).
      const rows = await this.tx.rows(
        z.object({ ackSentAt: z.date().nullable(), pending: z.boolean() }),
        `SELECT "ackSentAt", EXISTS (SELECT 1 FROM "PendingAck" p WHERE p."chatGroupId" = g."id" AND p."postedAt" IS NULL) AS "pending" FROM "ChatGroup" g WHERE g."id" = $1 FOR UPDATE`,
        this.s.group.id,
      );
      this.state = { ackSentAt: rows[0]?.ackSentAt ?? null, pending: rows[0]?.pending ?? false };
    }
    const quiet =
      !this.state.pending && (!this.state.ackSentAt || now.getTime() - this.state.ackSentAt.getTime() >= everyMs);
    if (quiet) {
      this.state.ackSentAt = now;
      await this.tx.run(`UPDATE "ChatGroup" SET "ackSentAt" = $1::timestamp(3) WHERE "id" = $2`, now, this.s.group.id);
      return false;
    }
    await this.tx.run(
      `INSERT INTO "PendingAck" ("id", "chatGroupId", "kind", "line", "createdAt") VALUES ($1, $2, $3, $4::jsonb, $5::timestamp(3))`,
      randomUUID(),
      this.s.group.id,
      kind,
      JSON.stringify(line),
      now,
    );
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

/**
 * A resident's price complaint (鸡蛋一盒卖到30块): kept as a residents' price report, and
 * passed to the officials' chat once per group, goods and day — goods, price and group,
 * never the resident's name or phone.
 */
async function forwardComplaint(
  tx: Sql,
  s: Snapshot,
  c: NonNullable<Decision["complaint"]>,
  fx: Effects,
): Promise<void> {
  const day = localDate(s.message.sentAt, s.rules.timezone);
  // The report, and the alert once per group, goods and day: one statement.
  const [first] = await tx.rows(
    z.object({ first: z.boolean() }),
    `WITH p AS (
       INSERT INTO "PriceComplaint" ("id", "chatGroupId", "villageId", "gridId", "goods", "sku", "price", "unit", "at", "day")
       VALUES ($1, $2, $3, $4, $5, $6, $7::float8, $8, $9::timestamp(3), $10)),
     a AS (
       INSERT INTO "OfficialAlert" ("key", "kind", "sku", "day", "value", "data", "at")
       VALUES ($11, 'complaint', $12, $10, $7::float8, $13::jsonb, $9::timestamp(3))
       ON CONFLICT ("key") DO NOTHING RETURNING "key")
     SELECT EXISTS (SELECT 1 FROM a) AS "first"`,
    randomUUID(),
    s.group.id,
    s.group.villageId,
    s.group.gridId,
    c.goods,
    c.sku,
    c.price,
    c.unit,
    s.message.sentAt,
    day,
    `complaint:${s.group.id}:${c.sku ?? c.goods}:${day}`,
    c.sku ?? c.goods,
    JSON.stringify({ goods: c.goods, unit: c.unit, chat: s.group.chatId }),
  );
  if (!first?.first) return;
  const where = [s.group.villageName, s.group.gridCode ? `${s.group.gridCode}号网格` : null].filter(Boolean).join(" ");
  const lang = await officialsLanguage(tx);
  for (const chat of await tx.rows(
    z.object({ platform: z.string(), chatId: z.string() }),
    `SELECT "platform", "chatId" FROM "ChatGroup" WHERE "isOfficials" AND "active"`,
  )) {
    fx.say(
      chat,
      render(
        officialTexts.residentComplaint({
          goods: c.goods,
          price: c.price,
          unit: c.unit,
          where: where || s.group.chatId,
        }),
        lang,
      ),
      [],
      `complaint:${s.group.id}:${c.sku ?? c.goods}:${day}:${chat.chatId}`,
    );
  }
}
