// "Apply" of load → decide → apply: the decision's writes in the message's transaction,
// its messages and events gathered as effects (said after the commit), its later work
// scheduled. No rule is decided here.
// The statements of its parts are next to it: ./order-create.ts (a new order),
// ./refusal-throttle.ts (a refusal said once per window), ./digest-desk.ts (acknowledgements
// kept for a digest), ./complaint-forward.ts (a price complaint passed to the officials).
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/sql";
import type { Decision, Snapshot } from "../flows/decide";
import { toJson } from "../flows/json-columns";
import { batchUpdateJob, cutoffNowJob } from "./batches";
import { ensureHousehold } from "./context";
import type { Effects } from "./effects";
import { forwardComplaint } from "./complaint-forward";
import { DigestDesk } from "./digest-desk";
import { createOrder } from "./order-create";
import { refusalMaySpeak } from "./refusal-throttle";

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
    fx.say(
      { platform: s.group.platform, chatId: s.group.chatId, account: s.group.account },
      carried ? `${m.text}\n\n${carried}` : m.text,
    );
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
