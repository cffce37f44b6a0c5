// Notices and anti-rumour messages from the officials to every group in scope.
// One NoticeDelivery row per group (pending → sent | failed, only from pending) makes
// a notice go once per group however often the command or a send job runs; the
// delivery report goes to the official once, when no row is pending any more.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/database";
import type { OutboundMessageInput } from "../domain/messages";
import type { AppDeps } from "./deps";
import { officialTexts, render } from "../texts";
import { officialsLanguage } from "./officials/common";

export type BroadcastKind = "notice" | "rumour";
export type BroadcastScope = { village?: string; grid?: string } | "all";

export interface BroadcastRequest {
  kind: BroadcastKind;
  text: string;
  scope: BroadcastScope;
  issuedBy: string;
  replyTo: { platform: string; chatId: string };
  /**
   * Derive it from the issuing message (e.g. a hash of its platform message id): the
   * same command delivered twice is then one notice, sent once per group.
   */
  noticeId?: string;
  /** Ahead of the answers to residents (a rumour correction always is). */
  urgent?: boolean;
  /** The office named under an anti-rumour message (else the `broadcast.office` setting). */
  office?: string;
}

export type DeliveryResult = { ok: true } | { ok: false; reason: string };

const DEFAULT_OFFICE = "镇保供专班";
const OFFICE_SETTING = "broadcast.office";
export function newNoticeId(): string {
  return `N${randomBytes(4).toString("hex").toUpperCase()}`;
}

async function officeName(db: Db, given: string | undefined): Promise<string> {
  if (given?.trim()) return given.trim();
  const s = await db.setting.findUnique({ where: { key: OFFICE_SETTING } });
  return typeof s?.value === "string" && s.value.trim() ? s.value.trim() : DEFAULT_OFFICE;
}

/** Active groups in scope, the officials' own groups left out. A village or grid is named by id, name or code. */
async function groupsInScope(
  db: Db,
  scope: BroadcastScope,
): Promise<{ label: string; groups: Array<{ id: string; platform: string; chatId: string }> }> {
  const base = { active: true, isOfficials: false };
  const select = { id: true, platform: true, chatId: true } as const;
  const orderBy = [{ createdAt: "asc" as const }, { chatId: "asc" as const }];
  if (scope === "all" || (!scope.village && !scope.grid))
    return { label: "*", groups: await db.chatGroup.findMany({ where: base, select, orderBy }) };
  let villageId: string | undefined;
  const label: string[] = [];
  if (scope.village) {
    const v = await db.village.findFirst({ where: { OR: [{ id: scope.village }, { name: scope.village }] } });
    if (!v) return { label: `village:${scope.village}`, groups: [] };
    villageId = v.id;
    label.push(`village:${v.name}`);
  }
  let gridIds: string[] | undefined;
  if (scope.grid) {
    const grids = await db.grid.findMany({
      where: { ...(villageId ? { villageId } : {}), OR: [{ id: scope.grid }, { code: scope.grid }] },
    });
    gridIds = grids.map((g) => g.id);
    label.push(`grid:${scope.grid}`);
  }
  const groups = await db.chatGroup.findMany({
    where: { ...base, ...(villageId ? { villageId } : {}), ...(gridIds ? { gridId: { in: gridIds } } : {}) },
    select,
    orderBy,
  });
  return { label: label.join("/"), groups };
}

/**
 * Creates the notice and its deliveries, and queues one message per group still
 * pending, each with the idempotency key `notice:<id>:<group>`. Running it again with
 * the same `noticeId` sends nothing twice (the first text and scope stand).
 */
export async function startBroadcast(
  deps: AppDeps,
  n: BroadcastRequest,
): Promise<{ noticeId: string; groups: number }> {
  const db = deps.db;
  const noticeId = n.noticeId ?? newNoticeId();
  const { label, groups } = await groupsInScope(db, n.scope);
  const text = n.kind === "rumour" ? officialTexts.rumour(n.text, await officeName(db, n.office)) : n.text.trim();
  await db.notice.createMany({
    data: [
      {
        id: noticeId,
        kind: n.kind,
        text,
        scope: label,
        issuedBy: n.issuedBy,
        createdAt: deps.clock.now(),
        replyPlatform: n.replyTo.platform,
        replyChatId: n.replyTo.chatId,
      },
    ],
    skipDuplicates: true,
  });
  const notice = await db.notice.findUniqueOrThrow({ where: { id: noticeId } });
  if (groups.length > 0) {
    await db.noticeDelivery.createMany({
      data: groups.map((g) => ({ noticeId, chatGroupId: g.id })),
      skipDuplicates: true,
    });
  }
  const pending = await db.$queryRaw<Array<{ chatGroupId: string; platform: string; chatId: string }>>`
    SELECT d."chatGroupId", g."platform", g."chatId" FROM "NoticeDelivery" AS d JOIN "ChatGroup" AS g ON g."id" = d."chatGroupId"
    WHERE d."noticeId" = ${noticeId} AND d."status" = 'pending' ORDER BY g."createdAt", g."chatId"`;
  const items = pending.map((p) => ({
    msg: {
      platform: p.platform as OutboundMessageInput["platform"],
      chatId: p.chatId,
      text: notice.text,
      lane: n.kind === "rumour" || n.urgent ? ("urgent" as const) : ("notice" as const),
    },
    opts: { key: `notice:${noticeId}:${p.chatGroupId}`, notice: { id: noticeId, chatGroupId: p.chatGroupId } },
  }));
  if (deps.outbox.sendMany) await deps.outbox.sendMany(items);
  else for (const it of items) await deps.outbox.send(it.msg, it.opts);
  const total = await db.noticeDelivery.count({ where: { noticeId } });
  await reportIfDone(deps, noticeId); // nothing in scope, or everything already settled
  return { noticeId, groups: total };
}

/**
 * The outcome of one group's message: marks its row (only from pending, so a second
 * call changes nothing), emits `broadcast` when it went out, and sends the delivery
 * report when it was the last one pending.
 */
export async function recordDelivery(
  deps: AppDeps,
  noticeId: string,
  chatGroupId: string,
  result: DeliveryResult,
): Promise<void> {
  // Raw SQL on this path: it runs once per group of a broadcast, and one statement both
  // changes the row (only from pending) and returns what the event needs.
  const status = result.ok ? "sent" : "failed";
  const sentAt = result.ok ? deps.clock.now() : null;
  const error = result.ok ? null : result.reason.slice(0, 500);
  const changed = await deps.db.$queryRaw<Array<{ chatId: string; kind: string; text: string }>>`
    UPDATE "NoticeDelivery" AS d SET "status" = ${status}, "sentAt" = ${sentAt}, "error" = ${error}
    FROM "Notice" AS n, "ChatGroup" AS g
    WHERE d."noticeId" = ${noticeId} AND d."chatGroupId" = ${chatGroupId} AND d."status" = 'pending'
      AND n."id" = d."noticeId" AND g."id" = d."chatGroupId"
    RETURNING g."chatId", n."kind", n."text"`;
  const row = changed[0];
  if (row && result.ok)
    deps.events.emit({ type: "broadcast", chat: row.chatId, kind: row.kind, noticeId, text: row.text });
  // Also when nothing changed: a report that failed to go out is tried again.
  await reportIfDone(deps, noticeId);
}

async function reportIfDone(deps: AppDeps, noticeId: string): Promise<void> {
  const db = deps.db;
  // A separate statement after the update committed: of two last rows settled at once, the later sees none pending.
  const open = await db.$queryRaw<Array<{ pending: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "NoticeDelivery" WHERE "noticeId" = ${noticeId} AND "status" = 'pending') AS pending`;
  if (open[0]?.pending !== false) return;
  // Whoever sets reportedAt sends the report: once, even with several workers finishing together.
  const claimed = await db.notice.updateMany({
    where: { id: noticeId, reportedAt: null },
    data: { reportedAt: deps.clock.now() },
  });
  if (claimed.count !== 1) return;
  try {
    const notice = await db.notice.findUniqueOrThrow({ where: { id: noticeId } });
    const rows = await db.noticeDelivery.findMany({
      where: { noticeId },
      include: { chatGroup: { select: { chatId: true, title: true } } },
      orderBy: { chatGroup: { chatId: "asc" } },
    });
    const failedRows = rows.filter((r) => r.status === "failed");
    const delivered = rows.filter((r) => r.status === "sent").length;
    const text = render(
      officialTexts.noticeReport({
        noticeId,
        delivered,
        total: rows.length,
        failed: failedRows.map((r) => ({
          name: r.chatGroup.title ?? r.chatGroup.chatId,
          reason: r.error ?? "unknown",
        })),
      }),
      await officialsLanguage(db),
    );
    if (notice.replyPlatform && notice.replyChatId) {
      await deps.outbox.send(
        { platform: notice.replyPlatform as OutboundMessageInput["platform"], chatId: notice.replyChatId, text },
        { key: `notice-report:${noticeId}` },
      );
    }
    deps.events.emit({
      type: "broadcast.report",
      chat: notice.replyChatId ?? undefined,
      noticeId,
      delivered,
      total: rows.length,
      failed: failedRows.map((r) => ({ chat: r.chatGroup.chatId, reason: r.error ?? "unknown" })),
    });
  } catch (e) {
    await db.notice.updateMany({ where: { id: noticeId }, data: { reportedAt: null } }).catch(() => undefined);
    throw e;
  }
}
