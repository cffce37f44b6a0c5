// Commands: the leader's confirmation and payments, officials' rationing, binding a group.
import { randomInt } from "node:crypto";
import type { InboundMessage } from "../domain/messages";
import { batchTexts } from "../flows/batch-texts";
import type { Command } from "../flows/commands";
import { commandTexts, texts } from "../flows/texts";
import { confirmBatch, markDelivered, markPaid } from "./batches";
import { loadSender, type GroupCtx } from "./context";
import type { AppDeps } from "./deps";
import { Effects, runEffects } from "./effects";
import { handleOfficialCommand } from "./officials";
import { HELP_OFFICIALS } from "../flows/officials/texts";
import { dashboardCommand } from "../web/chat-command";

const HELP = commandTexts.help;

export async function handleCommand(deps: AppDeps, msg: InboundMessage, group: (GroupCtx & { active: boolean }) | null, cmd: Command): Promise<void> {
  const fx = new Effects();
  const chat = { platform: msg.platform, chatId: msg.chatId };
  if (!group || !group.active) {
    if (cmd.name === "bind") await bind(deps, msg, cmd, fx);
    await runEffects(deps, fx);
    return;
  }
  const sender = await loadSender(deps.db, msg.platform, msg.senderId, msg.senderName, group);
  const deny = (reason: "NOT_LEADER" | "NOT_OFFICIAL") => {
    fx.event({ type: "denied", chat: msg.chatId, from: msg.senderId, reason, command: cmd.name });
    fx.say(chat, texts.denied(reason));
  };
  switch (cmd.name) {
    case "help":
      fx.say(chat, group.isOfficials ? `${HELP}\n${HELP_OFFICIALS}` : HELP);
      break;
    case "official":
      await handleOfficialCommand(deps, msg, group, sender, cmd.verb, cmd.args, fx);
      break;
    case "bad":
      fx.say(chat, commandTexts.usage(cmd.usage));
      break;
    case "confirm": {
      if (!group.gridId) break;
      const pressed = msg.action !== null;
      if (!sender.roles.has("leader")) {
        // A pressed button answers the presser alone; the group is not told.
        fx.event({ type: "denied", chat: msg.chatId, from: msg.senderId, reason: "NOT_LEADER", command: cmd.name });
        if (pressed) await deps.buttons?.answer(msg.platform, msg.messageId, texts.denied("NOT_LEADER"), true);
        else fx.say(chat, texts.denied("NOT_LEADER"));
        break;
      }
      const r = await confirmBatch(deps, group.gridId, msg.senderId, cmd.batchId);
      const reply = r.ok ? null : r.reason === "NO_BATCH" ? batchTexts.noBatch() : batchTexts.alreadyConfirmed();
      if (pressed) await deps.buttons?.answer(msg.platform, msg.messageId, reply ?? "已确认 / Confirmed", false);
      else if (reply) fx.say(chat, reply);
      break;
    }
    case "delivered": {
      if (!group.gridId) break;
      if (!sender.roles.has("leader") && !sender.roles.has("volunteer")) { deny("NOT_LEADER"); break; }
      const r = await markDelivered(deps, group.gridId, msg.senderId);
      if (!r.ok) fx.say(chat, commandTexts.noDeliverableBatch());
      else {
        fx.event({ type: "batch.delivered", chat: msg.chatId, batchId: r.batchId, orders: r.orders, by: msg.senderId });
        fx.say(chat, commandTexts.delivered(r.orders));
      }
      break;
    }
    case "medicines": {
      if (!group.gridId) break;
      if (!sender.roles.has("leader") && !sender.roles.has("volunteer")) { deny("NOT_LEADER"); break; }
      const open = await openMedicineRequests(deps, group.gridId);
      fx.say(chat, texts.medicineList(open));
      break;
    }
    case "medicineDone": {
      if (!group.gridId) break;
      if (!sender.roles.has("leader") && !sender.roles.has("volunteer")) { deny("NOT_LEADER"); break; }
      if (!cmd.household) { fx.say(chat, commandTexts.usage("/bought 3-2-501")); break; }
      const hh = await deps.db.household.findFirst({ where: { code: cmd.household, gridId: group.gridId } });
      const r = hh ? await deps.db.medicineRequest.updateMany({ where: { householdId: hh.id, status: "open" }, data: { status: "bought" } }) : { count: 0 };
      fx.event({ type: "medicine.bought", chat: msg.chatId, household: cmd.household, requests: r.count, by: msg.senderId });
      fx.say(chat, commandTexts.medicineBought(cmd.household, r.count));
      break;
    }
    case "paid": {
      if (!group.gridId) break;
      if (!sender.roles.has("leader") && !sender.roles.has("volunteer")) { deny("NOT_LEADER"); break; }
      if (!cmd.household) { fx.say(chat, commandTexts.usage("/paid 3-2-501")); break; }
      const r = await markPaid(deps, group.gridId, cmd.household, msg.senderId);
      if (!r.ok) fx.say(chat, texts.noOpenOrder(cmd.household));
      else {
        fx.event({ type: "order.paid", chat: msg.chatId, household: cmd.household, by: msg.senderId, unpaid: r.unpaid });
        fx.say(chat, batchTexts.paid({ household: cmd.household, unpaid: r.unpaid }));
      }
      break;
    }
    case "limit": {
      if (!sender.roles.has("official")) { deny("NOT_OFFICIAL"); break; }
      const villageId = group.isOfficials ? "*" : group.villageId ?? "*";
      if (cmd.max === null) await deps.db.limit.deleteMany({ where: { villageId, sku: cmd.sku } });
      else await deps.db.limit.upsert({ where: { villageId_sku: { villageId, sku: cmd.sku } }, create: { villageId, sku: cmd.sku, maxQty: cmd.max }, update: { maxQty: cmd.max } });
      await deps.db.auditLog.create({ data: { at: deps.clock.now(), actor: msg.senderId, action: "limit", subject: cmd.sku, data: { villageId, max: cmd.max } } });
      fx.event({ type: "limit.changed", chat: msg.chatId, sku: cmd.sku, max: cmd.max, scope: villageId });
      fx.say(chat, commandTexts.limit(cmd.sku, cmd.max));
      break;
    }
    case "dashboard":
      await dashboardCommand(deps, msg, group, sender, cmd.code, fx);
      break;
    case "bind":
      fx.say(chat, commandTexts.alreadyBound());
      break;
    case "bindcode": {
      if (!sender.roles.has("official")) { deny("NOT_OFFICIAL"); break; }
      const grid = await findGrid(deps, cmd.village, cmd.grid);
      if (!grid) { fx.say(chat, commandTexts.noSuchGrid(cmd.village, cmd.grid)); break; }
      const code = await issueBindCode(deps, grid.id, msg.senderId);
      fx.say(chat, commandTexts.bindCode(cmd.village, cmd.grid, code));
      break;
    }
  }
  await runEffects(deps, fx);
}

/** The grid's open medicine requests, oldest first: the volunteers' shopping list. */
async function openMedicineRequests(deps: AppDeps, gridId: string) {
  const rows = await deps.db.medicineRequest.findMany({ where: { status: "open", chatGroupId: { not: null } }, orderBy: { createdAt: "asc" } });
  const households = new Map((await deps.db.household.findMany({ where: { gridId, id: { in: rows.flatMap((r) => (r.householdId ? [r.householdId] : [])) } } })).map((h) => [h.id, h]));
  return rows
    .filter((r) => r.householdId && households.has(r.householdId))
    .map((r) => ({ household: households.get(r.householdId!)!.code, medicines: r.items as Array<{ name: string; qty: number | null }> }));
}

async function findGrid(deps: AppDeps, villageName: string, code: string) {
  const village = await deps.db.village.findUnique({ where: { name: villageName } });
  return village ? deps.db.grid.findUnique({ where: { villageId_code: { villageId: village.id, code } } }) : null;
}

const CODE_TTL_MS = 24 * 3_600_000;

async function issueBindCode(deps: AppDeps, gridId: string, by: string): Promise<string> {
  const code = String(randomInt(100_000, 1_000_000));
  await deps.db.setting.create({ data: { key: `bindcode:${code}`, value: { gridId, by, expires: deps.clock.now().getTime() + CODE_TTL_MS } } });
  return code;
}

/** A one-time code works once, for its grid, before it expires. */
async function useBindCode(deps: AppDeps, code: string, gridId: string): Promise<boolean> {
  const row = await deps.db.setting.findUnique({ where: { key: `bindcode:${code}` } });
  const v = row?.value as { gridId?: string; expires?: number } | undefined;
  if (!v || v.gridId !== gridId || (v.expires ?? 0) < deps.clock.now().getTime()) return false;
  const r = await deps.db.setting.deleteMany({ where: { key: `bindcode:${code}` } });
  return r.count === 1;
}

/** `/bind <村> <网格> [code]` in a new group: leaders of that grid, officials, or whoever holds a one-time code an official issued. */
async function bind(deps: AppDeps, msg: InboundMessage, cmd: Extract<Command, { name: "bind" }>, fx: Effects): Promise<void> {
  const chat = { platform: msg.platform, chatId: msg.chatId };
  const village = await deps.db.village.findUnique({ where: { name: cmd.village } });
  const grid = village ? await deps.db.grid.findUnique({ where: { villageId_code: { villageId: village.id, code: cmd.grid } } }) : null;
  if (!village || !grid) {
    fx.say(chat, commandTexts.noSuchGrid(cmd.village, cmd.grid));
    return;
  }
  const member = await deps.db.member.findUnique({ where: { platform_userId: { platform: msg.platform, userId: msg.senderId } }, include: { roles: true } });
  const listed = member?.roles.some((r) => r.role === "official" || (r.role === "leader" && (r.scope === grid.id || r.scope === village.id)));
  const allowed = listed || (cmd.code !== null && (await useBindCode(deps, cmd.code, grid.id)));
  if (!allowed) {
    fx.event({ type: "denied", chat: msg.chatId, from: msg.senderId, reason: "NOT_LEADER", command: "bind" });
    fx.say(chat, texts.denied("NOT_LEADER"));
    return;
  }
  await deps.db.chatGroup.upsert({
    where: { platform_chatId: { platform: msg.platform, chatId: msg.chatId } },
    create: { platform: msg.platform, chatId: msg.chatId, title: msg.chatTitle, villageId: village.id, gridId: grid.id },
    update: { villageId: village.id, gridId: grid.id, active: true, isOfficials: false, title: msg.chatTitle },
  });
  fx.event({ type: "group.bound", chat: msg.chatId, village: village.name, grid: grid.code });
  fx.say(chat, commandTexts.bound(village.name, grid.code));
}
