// Dashboard sign-in without passwords: a one-time link asked for in the chat
// (/dashboard), then a session cookie. Both live in PostgreSQL as SHA-256 hashes of
// random tokens, with their expiry; the clock is the app's.
//
// An official's link (asked for in the officials' chat) signs in at once. A leader's
// link is asked for in their grid group, where residents read along: whoever opens it
// gets a session that waits for a code, and only the leader's own account can send
// that code in the group. A resident who opens the link first gets nothing, and the
// leader sees the link as used.
import { createHash, randomBytes, randomInt } from "node:crypto";
import { gridLabel } from "../app/batches";
import { roleHeld, type Viewer, type ViewerRole } from "./access";
import type { DbOrTx } from "../app/context";
import type { WebDeps } from "./deps";
import { maskPersonalData } from "../domain/personal-data";

export const LINK_TTL_MS = 10 * 60_000;
/** How long a leader has to send the code. */
export const PENDING_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are 43 base64url characters; anything else is not looked up. */
export function looksLikeToken(s: string | undefined): s is string {
  return typeof s === "string" && /^[A-Za-z0-9_-]{43}$/.test(s);
}

type Deps = Pick<WebDeps, "db" | "clock">;

export async function issueLink(
  deps: { db: DbOrTx; clock: WebDeps["clock"] },
  o: { memberId: string; role: ViewerRole; scope: string; chatGroupId: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
  await deps.db.dashboardLink.create({
    data: {
      tokenHash: hashToken(token),
      memberId: o.memberId,
      role: o.role,
      scope: o.scope,
      chatGroupId: o.chatGroupId,
      createdAt: now,
      expiresAt,
    },
  });
  return { token, expiresAt };
}

export type LinkState = { state: "valid"; role: ViewerRole } | { state: "used" | "expired" | "unknown" };

/** What a link is, without using it (opening the page does not spend it: link previews fetch pages too). */
export async function linkState(deps: Deps, token: string): Promise<LinkState> {
  if (!looksLikeToken(token)) return { state: "unknown" };
  const row = await deps.db.dashboardLink.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt.getTime() <= deps.clock.now().getTime()) return { state: "expired" };
  return { state: "valid", role: row.role as ViewerRole };
}

export type Redeemed =
  | { ok: true; session: string; expiresAt: Date; pendingCode: string | null }
  | { ok: false; reason: "used" | "expired" | "unknown" };

/** Spends the link (once, whoever comes first) and opens a session; a leader's waits for its code. */
export async function redeemLink(deps: Deps, token: string): Promise<Redeemed> {
  const before = await linkState(deps, token);
  if (before.state !== "valid") return { ok: false, reason: before.state };
  const now = deps.clock.now();
  const tokenHash = hashToken(token);
  return deps.db.$transaction(async (tx) => {
    const spent = await tx.dashboardLink.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) {
      const row = await tx.dashboardLink.findUnique({ where: { tokenHash } });
      return { ok: false, reason: row?.usedAt ? "used" : "expired" } as const;
    }
    const link = await tx.dashboardLink.findUniqueOrThrow({ where: { tokenHash } });
    const session = newToken();
    const pending = link.role === "leader";
    const expiresAt = new Date(now.getTime() + (pending ? PENDING_TTL_MS : SESSION_TTL_MS));
    const pendingCode = pending ? String(randomInt(100_000, 1_000_000)) : null;
    await tx.dashboardSession.create({
      data: {
        tokenHash: hashToken(session),
        memberId: link.memberId,
        role: link.role,
        scope: link.scope,
        createdAt: now,
        expiresAt,
        confirmCode: pendingCode,
        confirmedAt: pending ? null : now,
      },
    });
    return { ok: true, session, expiresAt, pendingCode } as const;
  });
}

/**
 * `/dashboard <code>` from a leader in their grid group: the waiting session of that
 * leader, for that grid, with that code, starts; it then lasts SESSION_TTL_MS.
 */
export async function confirmByCode(
  deps: Deps,
  o: { memberId: string; gridId: string; code: string },
): Promise<boolean> {
  const now = deps.clock.now();
  const r = await deps.db.dashboardSession.updateMany({
    where: {
      memberId: o.memberId,
      scope: o.gridId,
      role: "leader",
      confirmCode: o.code,
      confirmedAt: null,
      endedAt: null,
      expiresAt: { gt: now },
    },
    data: { confirmedAt: now, confirmCode: null, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  return r.count > 0;
}

export type SessionView =
  | { state: "active"; viewer: Viewer; expiresAt: Date }
  | { state: "pending"; code: string; expiresAt: Date }
  | { state: "none" };

/** The session behind a cookie, with the member's roles checked again now. */
export async function loadSession(deps: Deps, cookie: string | undefined): Promise<SessionView> {
  if (!looksLikeToken(cookie)) return { state: "none" };
  const s = await deps.db.dashboardSession.findUnique({ where: { tokenHash: hashToken(cookie) } });
  const now = deps.clock.now();
  if (!s || s.endedAt || s.expiresAt.getTime() <= now.getTime()) return { state: "none" };
  if (!s.confirmedAt)
    return s.confirmCode ? { state: "pending", code: s.confirmCode, expiresAt: s.expiresAt } : { state: "none" };
  const member = await deps.db.member.findUnique({ where: { id: s.memberId }, include: { roles: true } });
  if (!member) return { state: "none" };
  const role = s.role as ViewerRole;
  const grid =
    role === "leader" ? await deps.db.grid.findUnique({ where: { id: s.scope }, include: { village: true } }) : null;
  if (role === "leader" && !grid) return { state: "none" };
  if (!roleHeld(role, s.scope, member.roles, grid?.villageId ?? null)) return { state: "none" };
  const viewer: Viewer = {
    memberId: member.id,
    name: maskPersonalData(member.displayName ?? member.userId),
    role,
    scope: s.scope,
    grid: grid ? { id: grid.id, label: gridLabel(grid), village: grid.village.name } : null,
  };
  return { state: "active", viewer, expiresAt: s.expiresAt };
}

/** Logout: the session ends now (a copied cookie stops working too). */
export async function endSession(deps: Deps, cookie: string | undefined): Promise<void> {
  if (!looksLikeToken(cookie)) return;
  await deps.db.dashboardSession.updateMany({
    where: { tokenHash: hashToken(cookie), endedAt: null },
    data: { endedAt: deps.clock.now() },
  });
}

/** Links and sessions long past their expiry are of no use; kept a day for the record, then removed. */
export async function pruneExpired(deps: Deps): Promise<void> {
  const before = new Date(deps.clock.now().getTime() - 86_400_000);
  await deps.db.dashboardLink.deleteMany({ where: { expiresAt: { lt: before } } });
  await deps.db.dashboardSession.deleteMany({ where: { expiresAt: { lt: before } } });
}
