// Signing in through the chat, on the real PostgreSQL: /dashboard answers officials
// (in their chat) and leaders (in their group) with a one-time link that lasts 10
// minutes; only the tokens' hashes are stored; a leader's session waits for the code
// from the leader's own account; sessions expire, follow the member's roles, end at logout.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleMessage } from "../../src/app/handle-message";
import {
  confirmByCode,
  endSession,
  hashToken,
  issueLink,
  linkState,
  loadSession,
  redeemLink,
  SESSION_TTL_MS,
} from "../../src/web/sessions";
import { openTestDatabase } from "../support/db";
import { freshTestApp, msg, type TestApp } from "../support/app";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TestApp;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await db.exec(`TRUNCATE "DashboardLink", "DashboardSession"`);
  app = await freshTestApp(db);
  app.deps.dashboard = { url: "http://dash.test:8080/" };
});

const LINK = /http:\/\/dash\.test:8080\/login\/([A-Za-z0-9_-]{43})/;
async function say(chat: string, from: string, text: string, id?: string) {
  await handleMessage(app.deps, msg(app, chat, from, text, id ? { id } : {}));
  return app.said(chat).at(-1) ?? "";
}
const tokenIn = (text: string) => LINK.exec(text)?.[1] ?? null;
const later = (ms: number) => app.clock.set(new Date(app.clock.now().getTime() + ms));

describe("/dashboard in the chat", () => {
  it("an official in the officials' chat gets a one-time link to the town; only its hash is stored", async () => {
    const text = await say("gov", "off_a", "/dashboard");
    const token = tokenIn(text)!;
    expect(text).toMatch(/10分钟内有效，只能用一次/);
    expect(token).not.toBeNull();
    const rows = await db.prisma.dashboardLink.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashToken(token), role: "official", scope: "*" });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - app.clock.now().getTime()).toBe(10 * 60_000);
    expect(app.ofType("dashboard.link")).toHaveLength(1);
  });

  it("the same command delivered twice issues one link", async () => {
    await say("gov", "off_a", "/dashboard", "dup-1");
    await say("gov", "off_a", "/dashboard", "dup-1");
    expect(await db.prisma.dashboardLink.count()).toBe(1);
    expect(app.said("gov").filter((t) => LINK.test(t))).toHaveLength(1);
  });

  it("a leader in their grid group gets a link for that grid", async () => {
    const text = await say("g1", "lead_a", "/dashboard");
    expect(text).toMatch(/发送 \/dashboard 确认码/);
    const grid = await db.prisma.grid.findFirstOrThrow({ where: { code: "1" } });
    expect(await db.prisma.dashboardLink.findFirst()).toMatchObject({ role: "leader", scope: grid.id });
  });

  it("a resident, a volunteer, another grid's leader get nothing; an official in a grid group is sent to the officials' chat", async () => {
    for (const [chat, who] of [
      ["g1", "resident_1"],
      ["g1", "vol_a"],
      ["g1", "lead_b"],
      ["gov", "lead_a"],
    ] as const) {
      const text = await say(chat, who, "/dashboard");
      expect(tokenIn(text)).toBeNull();
      expect(text).toMatch(/只有工作人员和本群团长可以打开看板/);
    }
    expect(tokenIn(await say("g1", "off_a", "/dashboard"))).toBeNull();
    expect(app.said("g1").at(-1)).toMatch(/请在工作群/);
    expect(await db.prisma.dashboardLink.count()).toBe(0);
    expect(app.ofType("denied").filter((e) => e.command === "dashboard")).toHaveLength(4);
  });

  it("with the dashboard off, says so", async () => {
    delete app.deps.dashboard;
    expect(await say("gov", "off_a", "/dashboard")).toMatch(/DASHBOARD_PORT=off/);
  });
});

describe("links", () => {
  const official = async () => {
    const m = await db.prisma.member.upsert({
      where: { platform_userId: { platform: "sim", userId: "off_a" } },
      create: { platform: "sim", userId: "off_a" },
      update: {},
    });
    return issueLink(app.deps, { memberId: m.id, role: "official", scope: "*", chatGroupId: null });
  };

  it("work once", async () => {
    const { token } = await official();
    expect(await linkState(app.deps, token)).toEqual({ state: "valid", role: "official" });
    const first = await redeemLink(app.deps, token);
    expect(first).toMatchObject({ ok: true, pendingCode: null });
    expect(await redeemLink(app.deps, token)).toEqual({ ok: false, reason: "used" });
    expect(await linkState(app.deps, token)).toEqual({ state: "used" });
  });

  it("used by two browsers at once: one session", async () => {
    const { token } = await official();
    const r = await Promise.all([
      redeemLink(app.deps, token),
      redeemLink(app.deps, token),
      redeemLink(app.deps, token),
    ]);
    expect(r.filter((x) => x.ok)).toHaveLength(1);
    expect(await db.prisma.dashboardSession.count()).toBe(1);
  });

  it("expire after 10 minutes", async () => {
    const { token } = await official();
    later(9 * 60_000 + 59_000);
    expect((await linkState(app.deps, token)).state).toBe("valid");
    later(1000);
    expect(await linkState(app.deps, token)).toEqual({ state: "expired" });
    expect(await redeemLink(app.deps, token)).toEqual({ ok: false, reason: "expired" });
  });

  it("unknown or malformed tokens are refused without a lookup error", async () => {
    expect(await redeemLink(app.deps, "x".repeat(43))).toEqual({ ok: false, reason: "unknown" });
    expect(await redeemLink(app.deps, "'; DROP TABLE x; --")).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("sessions", () => {
  it("an official's: the town, for 12 hours, then gone", async () => {
    const token = tokenIn(await say("gov", "off_a", "/dashboard"))!;
    const r = await redeemLink(app.deps, token);
    if (!r.ok) throw new Error("not redeemed");
    expect(await db.prisma.dashboardSession.findFirst()).toMatchObject({ tokenHash: hashToken(r.session) });
    const s = await loadSession(app.deps, r.session);
    expect(s).toMatchObject({ state: "active", viewer: { role: "official", scope: "*", grid: null } });
    later(SESSION_TTL_MS - 1000);
    expect((await loadSession(app.deps, r.session)).state).toBe("active");
    later(1000);
    expect((await loadSession(app.deps, r.session)).state).toBe("none");
  });

  it("end at logout", async () => {
    const r = await redeemLink(app.deps, tokenIn(await say("gov", "off_a", "/dashboard"))!);
    if (!r.ok) throw new Error("not redeemed");
    await endSession(app.deps, r.session);
    expect((await loadSession(app.deps, r.session)).state).toBe("none");
  });

  it("follow the member's roles: an official no longer listed is signed out", async () => {
    const r = await redeemLink(app.deps, tokenIn(await say("gov", "off_a", "/dashboard"))!);
    if (!r.ok) throw new Error("not redeemed");
    await db.prisma.memberRole.deleteMany({ where: { member: { userId: "off_a" }, role: "official" } });
    expect((await loadSession(app.deps, r.session)).state).toBe("none");
  });

  it("a leader's waits for the code from the leader's own account, in their group", async () => {
    const r = await redeemLink(app.deps, tokenIn(await say("g1", "lead_a", "/dashboard"))!);
    if (!r.ok || !r.pendingCode) throw new Error("no pending session");
    const code = r.pendingCode;
    expect(await loadSession(app.deps, r.session)).toMatchObject({ state: "pending", code });
    // A resident, or the other grid's leader, typing the code does nothing.
    await say("g1", "resident_1", `/dashboard ${code}`);
    await say("g2", "lead_b", `/dashboard ${code}`);
    expect((await loadSession(app.deps, r.session)).state).toBe("pending");
    // A wrong code from the leader neither.
    expect(await say("g1", "lead_a", `/dashboard ${code === "123456" ? "654321" : "123456"}`)).toMatch(/确认码不对/);
    expect(await say("g1", "lead_a", `/dashboard ${code}`)).toMatch(/看板已登录/);
    const s = await loadSession(app.deps, r.session);
    expect(s).toMatchObject({
      state: "active",
      viewer: { role: "leader", grid: { label: "1号网格", village: "李家村" } },
    });
    // The code works once.
    expect(
      await confirmByCode(app.deps, {
        memberId: (await db.prisma.member.findFirstOrThrow({ where: { userId: "lead_a" } })).id,
        gridId: (s as { viewer: { scope: string } }).viewer.scope,
        code,
      }),
    ).toBe(false);
  });

  it("a leader's waiting session lapses after 10 minutes without the code", async () => {
    const r = await redeemLink(app.deps, tokenIn(await say("g1", "lead_a", "/dashboard"))!);
    if (!r.ok || !r.pendingCode) throw new Error("no pending session");
    later(10 * 60_000);
    expect(await say("g1", "lead_a", `/dashboard ${r.pendingCode}`)).toMatch(/确认码不对或已过期/);
    expect((await loadSession(app.deps, r.session)).state).toBe("none");
  });

  it("a leader removed from the grid is signed out", async () => {
    const r = await redeemLink(app.deps, tokenIn(await say("g1", "lead_a", "/dashboard"))!);
    if (!r.ok || !r.pendingCode) throw new Error("no pending session");
    await say("g1", "lead_a", `/dashboard ${r.pendingCode}`);
    expect((await loadSession(app.deps, r.session)).state).toBe("active");
    await db.prisma.memberRole.deleteMany({ where: { member: { userId: "lead_a" }, role: "leader" } });
    expect((await loadSession(app.deps, r.session)).state).toBe("none");
  });
});
