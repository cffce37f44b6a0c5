// Commands: the leader's confirmation and payments, officials' rationing, binding a group.
// A command is claimed by its platform message id in the transaction that acts on it,
// like an order: delivered twice (a restart, a redelivered update), it acts once.
import { randomInt } from "node:crypto";
import { readMedicineItems } from "../flows/json-columns";
import type { InboundMessage } from "../domain/messages";
import type { Command } from "../flows/commands";
import {
  batchTexts,
  commandTexts,
  HELP_OFFICIALS,
  lines,
  officialTexts,
  render,
  residentTexts as texts,
  villageLanguage,
  BIND_CODE_TTL_MS,
  type Language,
  type Text,
} from "../texts";
import { confirmBatch, markDelivered, markPaid } from "./batch-leader";
import { MAX_QTY } from "../flows/parse";
import { loadRules, loadSender, type DbOrTx, type GroupCtx, type SenderCtx } from "./context";
import type { AppDeps } from "./deps";
import { Effects, replyChat, runEffects } from "./effects";
import { claimMessage, messageKey } from "./inbound-claim";
import { handleOfficialCommand } from "./officials";
import { officialsLanguage } from "./officials/common";
import { dashboardCommand } from "../web/chat-command";

interface CommandCtx {
  tx: DbOrTx;
  deps: AppDeps;
  msg: InboundMessage;
  group: GroupCtx & { active: boolean };
  sender: SenderCtx;
  fx: Effects;
  chat: { platform: string; chatId: string };
  /** Says something in the command's chat, in its language. */
  say(t: Text): void;
  lang: Language;
  /** Platform calls to make after the transaction commits (answering a pressed button). */
  after: Array<() => Promise<void>>;
}

export async function handleCommand(
  deps: AppDeps,
  msg: InboundMessage,
  group: (GroupCtx & { active: boolean }) | null,
  cmd: Command,
): Promise<void> {
  if ((cmd.name === "official" || cmd.name === "dashboard") && group?.active) {
    // These claim their messages in their own transactions (src/app/officials, src/web/chat-command.ts).
    const fx = new Effects();
    const sender = await loadSender(deps.db, msg.platform, msg.senderId, msg.senderName, group);
    if (cmd.name === "official") await handleOfficialCommand(deps, msg, group, sender, cmd.verb, cmd.args, fx);
    else await dashboardCommand(deps, msg, group, sender, cmd.code, fx);
    await runEffects(deps, fx);
    return;
  }
  const fx = new Effects();
  const after: Array<() => Promise<void>> = [];
  const now = deps.clock.now();
  const fresh = await deps.db.$transaction(
    async (tx) => {
      if (!(await claimMessage(tx, msg, `command:${cmd.name}`))) return false;
      const chat = replyChat(msg);
      if (!group?.active) {
        if (cmd.name === "bind") await bind(tx, deps, msg, cmd, fx);
      } else {
        const sender = await loadSender(tx, msg.platform, msg.senderId, msg.senderName, group);
        const lang = group.isOfficials ? await officialsLanguage(tx) : group.language;
        await run(
          { tx, deps, msg, group, sender, fx, chat, after, lang, say: (t) => fx.say(chat, render(t, lang)) },
          cmd,
        );
      }
      fx.keyBy(messageKey(msg)); // replies keyed by the message: said once
      await fx.record(tx, now);
      return true;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!fresh) {
    deps.log.debug({ key: messageKey(msg) }, "duplicate command ignored");
    return;
  }
  for (const a of after) await a();
  await runEffects(deps, fx);
}

function deny(c: CommandCtx, reason: "NOT_LEADER" | "NOT_OFFICIAL", command: string): void {
  c.fx.event({ type: "denied", chat: c.msg.chatId, from: c.msg.senderId, reason, command });
  c.say(texts.denied(reason));
}

const leads = (s: SenderCtx) => s.roles.has("leader") || s.roles.has("volunteer");

async function run(c: CommandCtx, cmd: Command): Promise<void> {
  const { tx, deps, msg, group, sender, fx } = c;
  const rules = { intervalDays: (await loadRules(tx, group.villageId, deps.timezone)).intervalDays };
  switch (cmd.name) {
    case "help":
      c.say(group.isOfficials ? lines(commandTexts.help(rules), HELP_OFFICIALS) : commandTexts.help(rules));
      return;
    case "bad":
      c.say(commandTexts.usage(cmd.usage));
      return;
    case "official":
      return; // handled before the transaction (as is "dashboard")
    case "confirm": {
      if (!group.gridId) return;
      const pressed = msg.action !== null;
      if (!sender.roles.has("leader")) {
        // A pressed button answers the presser alone; the group is not told.
        fx.event({ type: "denied", chat: msg.chatId, from: msg.senderId, reason: "NOT_LEADER", command: cmd.name });
        if (pressed)
          c.after.push(
            () =>
              deps.buttons?.answer(msg.platform, msg.messageId, render(texts.denied("NOT_LEADER"), c.lang), true) ??
              Promise.resolve(),
          );
        else c.say(texts.denied("NOT_LEADER"));
        return;
      }
      const r = await confirmBatch(tx, deps, fx, {
        gridId: group.gridId,
        by: msg.senderId,
        batchId: cmd.batchId,
        sentAt: msg.at,
      });
      const reply = r.ok ? null : r.reason === "NO_BATCH" ? batchTexts.noBatch() : batchTexts.alreadyConfirmed();
      if (pressed)
        c.after.push(
          () =>
            deps.buttons?.answer(
              msg.platform,
              msg.messageId,
              reply ? render(reply, c.lang) : "已确认 / Confirmed",
              false,
            ) ?? Promise.resolve(),
        );
      else if (reply) c.say(reply);
      return;
    }
    case "delivered": {
      if (!group.gridId) return;
      if (!leads(sender)) return deny(c, "NOT_LEADER", cmd.name);
      const r = await markDelivered(tx, {
        gridId: group.gridId,
        by: msg.senderId,
        sentAt: msg.at,
        now: deps.clock.now(),
        timezone: deps.timezone,
      });
      if (!r.ok) c.say(commandTexts.noDeliverableBatch());
      else {
        fx.event({ type: "batch.delivered", chat: msg.chatId, batchId: r.batchId, orders: r.orders, by: msg.senderId });
        c.say(commandTexts.delivered(r.orders));
      }
      return;
    }
    case "medicines": {
      if (!group.gridId) return;
      if (!leads(sender)) return deny(c, "NOT_LEADER", cmd.name);
      c.say(commandTexts.medicineList(await openMedicineRequests(tx, group.gridId)));
      return;
    }
    case "medicineDone": {
      if (!group.gridId) return;
      if (!leads(sender)) return deny(c, "NOT_LEADER", cmd.name);
      if (!cmd.household) return void c.say(commandTexts.usage("/bought 3-2-501"));
      const hh = await tx.household.findFirst({ where: { code: cmd.household, gridId: group.gridId } });
      const r = hh
        ? await tx.medicineRequest.updateMany({
            where: { householdId: hh.id, status: "open" },
            data: { status: "bought" },
          })
        : { count: 0 };
      fx.event({
        type: "medicine.bought",
        chat: msg.chatId,
        household: cmd.household,
        requests: r.count,
        by: msg.senderId,
      });
      c.say(commandTexts.medicineBought(cmd.household, r.count));
      return;
    }
    case "paid": {
      if (!group.gridId) return;
      if (!leads(sender)) return deny(c, "NOT_LEADER", cmd.name);
      if (!cmd.household) return void c.say(commandTexts.usage("/paid 3-2-501"));
      const r = await markPaid(tx, {
        gridId: group.gridId,
        household: cmd.household,
        by: msg.senderId,
        at: deps.clock.now(),
      });
      if (!r.ok) c.say(texts.noOpenOrder(cmd.household));
      else {
        fx.event({
          type: "order.paid",
          chat: msg.chatId,
          household: cmd.household,
          by: msg.senderId,
          unpaid: r.unpaid,
        });
        c.say(batchTexts.paid({ household: cmd.household, unpaid: r.unpaid }));
      }
      return;
    }
    case "limit": {
      if (!sender.roles.has("official")) return deny(c, "NOT_OFFICIAL", cmd.name);
      // Rationing is set where only officials read: never from a residents' group.
      if (!group.isOfficials) return void c.say(officialTexts.wrongChat());
      // A sku, or a name the catalog knows (/limit 100元套餐 2); at least 1 and at most the largest quantity.
      const sku = deps.catalog.get(cmd.sku)
        ? cmd.sku
        : deps.catalog.all().find((i) => i.name === cmd.rawSku || i.aliases.includes(cmd.rawSku))?.sku;
      if (!sku) return void c.say(commandTexts.unknownSku(cmd.rawSku));
      if (cmd.max !== null && (cmd.max < 1 || cmd.max > MAX_QTY)) return void c.say(commandTexts.badLimit(MAX_QTY));
      let villageId = "*";
      if (cmd.village) {
        const v = await tx.village.findUnique({ where: { name: cmd.village } });
        if (!v) return void c.say(officialTexts.unknownVillage(cmd.village, undefined));
        villageId = v.id;
      }
      if (cmd.max === null) await tx.limit.deleteMany({ where: { villageId, sku } });
      else
        await tx.limit.upsert({
          where: { villageId_sku: { villageId, sku } },
          create: { villageId, sku, maxQty: cmd.max },
          update: { maxQty: cmd.max },
        });
      await tx.auditLog.create({
        data: {
          at: deps.clock.now(),
          actor: msg.senderId,
          action: "limit",
          subject: sku,
          data: { villageId, max: cmd.max },
        },
      });
      fx.event({ type: "limit.changed", chat: msg.chatId, sku, max: cmd.max, scope: villageId });
      c.say(commandTexts.limit(sku, cmd.max, cmd.village));
      return;
    }
    case "dashboard":
      return; // handled before the transaction
    case "bind":
      c.say(commandTexts.alreadyBound());
      return;
    case "bindcode": {
      if (!sender.roles.has("official")) return deny(c, "NOT_OFFICIAL", cmd.name);
      // A live bind code is never shown where residents can read it.
      if (!group.isOfficials) return void c.say(officialTexts.wrongChat());
      const grid = await findGrid(tx, cmd.village, cmd.grid);
      if (!grid) return void c.say(commandTexts.noSuchGrid(cmd.village, cmd.grid));
      const code = await issueBindCode(tx, grid.id, msg.senderId, deps.clock.now());
      c.say(commandTexts.bindCode(cmd.village, cmd.grid, code));
      return;
    }
  }
}

/** The grid's open medicine requests, oldest first: the volunteers' shopping list. */
async function openMedicineRequests(db: DbOrTx, gridId: string) {
  const rows = await db.medicineRequest.findMany({
    where: { status: "open", chatGroupId: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const households = new Map(
    (
      await db.household.findMany({
        where: { gridId, id: { in: rows.flatMap((r) => (r.householdId ? [r.householdId] : [])) } },
      })
    ).map((h) => [h.id, h]),
  );
  return rows
    .filter((r) => r.householdId && households.has(r.householdId))
    .map((r) => ({ household: households.get(r.householdId!)!.code, medicines: readMedicineItems(r.items) }));
}

async function findGrid(db: DbOrTx, villageName: string, code: string) {
  const village = await db.village.findUnique({ where: { name: villageName } });
  return village ? db.grid.findUnique({ where: { villageId_code: { villageId: village.id, code } } }) : null;
}

async function issueBindCode(db: DbOrTx, gridId: string, by: string, now: Date): Promise<string> {
  const code = String(randomInt(100_000, 1_000_000));
  await db.bindCode.deleteMany({ where: { expiresAt: { lt: now } } }); // expired ones are of no use
  await db.bindCode.create({
    data: { code, gridId, issuedBy: by, expiresAt: new Date(now.getTime() + BIND_CODE_TTL_MS), createdAt: now },
  });
  return code;
}

/** A one-time code works once, for its grid, before it expires. */
async function useBindCode(db: DbOrTx, code: string, gridId: string, now: Date): Promise<boolean> {
  // Deleted only while valid and for this grid: a second /bind with the same code deletes nothing.
  const r = await db.bindCode.deleteMany({ where: { code, gridId, expiresAt: { gte: now } } });
  return r.count === 1;
}

/** `/bind <村> <网格> [code]` in a new group: leaders of that grid, officials, or whoever holds a one-time code an official issued. */
async function bind(
  tx: DbOrTx,
  deps: AppDeps,
  msg: InboundMessage,
  cmd: Extract<Command, { name: "bind" }>,
  fx: Effects,
): Promise<void> {
  const chat = replyChat(msg);
  const village = await tx.village.findUnique({ where: { name: cmd.village } });
  const grid = village
    ? await tx.grid.findUnique({ where: { villageId_code: { villageId: village.id, code: cmd.grid } } })
    : null;
  const say = (t: Text) => fx.say(chat, render(t, village ? villageLanguage(village) : "zh+en"));
  if (!village || !grid) {
    say(commandTexts.noSuchGrid(cmd.village, cmd.grid));
    return;
  }
  const member = await tx.member.findUnique({
    where: { platform_userId: { platform: msg.platform, userId: msg.senderId } },
    include: { roles: true },
  });
  const listed = member?.roles.some(
    (r) => r.role === "official" || (r.role === "leader" && (r.scope === grid.id || r.scope === village.id)),
  );
  const allowed = listed || (cmd.code !== null && (await useBindCode(tx, cmd.code, grid.id, deps.clock.now())));
  if (!allowed) {
    fx.event({ type: "denied", chat: msg.chatId, from: msg.senderId, reason: "NOT_LEADER", command: "bind" });
    say(texts.denied("NOT_LEADER"));
    return;
  }
  await tx.chatGroup.upsert({
    where: { platform_chatId: { platform: msg.platform, chatId: msg.chatId } },
    create: {
      platform: msg.platform,
      chatId: msg.chatId,
      title: msg.chatTitle,
      villageId: village.id,
      gridId: grid.id,
      ...(msg.account ? { account: msg.account } : {}),
    },
    update: {
      villageId: village.id,
      gridId: grid.id,
      active: true,
      isOfficials: false,
      title: msg.chatTitle,
      ...(msg.account ? { account: msg.account } : {}),
    },
  });
  fx.event({ type: "group.bound", chat: msg.chatId, village: village.name, grid: grid.code });
  say(commandTexts.bound(village.name, grid.code));
}
