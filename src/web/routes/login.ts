// Sign-in and sign-out. Opening a link shows a button (GET changes nothing: chat
// apps fetch links for previews); pressing it spends the link and sets the session
// cookie (HttpOnly, SameSite=Lax, Secure over https).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { WebDeps } from "../deps";
import { html } from "../html";
import { endSession, linkState, loadSession, redeemLink } from "../sessions";
import { pageTexts } from "../../texts/dashboard";
import { t } from "../views/format";
import { messagePage } from "../views/layout";
import { SESSION_COOKIE, sendPage } from "./guard";

const TokenParams = z.object({ token: z.string().max(100) });
const L = pageTexts.login;

function refused(reply: FastifyReply, reason: "used" | "expired" | "unknown") {
  return sendPage(
    reply,
    reason === "unknown" ? 404 : 410,
    messagePage({ title: L.heading.zh, status: "refused", lines: [t(L[reason])] }),
  );
}

/**
 * A form posted from another site is refused (SameSite=Lax already keeps the cookie
 * off it): by Sec-Fetch-Site where the browser sends it, else by Origin.
 */
export function sameOrigin(req: Pick<FastifyRequest, "headers">): boolean {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none";
  const origin = req.headers.origin;
  if (origin === undefined || origin === "null") return true; // an old browser, or a privacy setting that hides it
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function loginRoutes(app: FastifyInstance, deps: WebDeps): void {
  app.get("/login/:token", async (req, reply) => {
    const { token } = TokenParams.parse(req.params);
    const s = await linkState(deps, token);
    if (s.state !== "valid") return refused(reply, s.state);
    return sendPage(
      reply,
      200,
      messagePage({
        title: L.heading.zh,
        lines: [t(L.heading), t(s.role === "leader" ? L.leaderNote : L.officialNote)],
        extra: html`<form method="post" action="/login/${token}"><button type="submit" id="sign-in" class="primary">${t(L.button)}</button></form>`,
      }),
    );
  });

  app.post("/login/:token", async (req, reply) => {
    if (!sameOrigin(req)) return reply.code(403).send({ error: "cross-site request" });
    const { token } = TokenParams.parse(req.params);
    const r = await redeemLink(deps, token);
    if (!r.ok) return refused(reply, r.reason);
    reply.setCookie(SESSION_COOKIE, r.session, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: req.protocol === "https",
      maxAge: Math.max(1, Math.floor((r.expiresAt.getTime() - deps.clock.now().getTime()) / 1000)),
    });
    deps.log.info({ pending: r.pendingCode !== null }, "dashboard sign-in");
    return reply.code(303).header("location", "/").send();
  });

  app.post("/logout", async (req, reply) => {
    if (!sameOrigin(req)) return reply.code(403).send({ error: "cross-site request" });
    await endSession(deps, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(303).header("location", "/signed-out").send();
  });

  app.get("/signed-out", async (_req, reply) =>
    sendPage(reply, 200, messagePage({ title: L.signedOut.zh, lines: [t(L.signedOut)] })),
  );

  /** The pending page asks this until the leader has sent the code. */
  app.get("/session", async (req, reply) => {
    const s = await loadSession(deps, req.cookies[SESSION_COOKIE]);
    return reply.header("cache-control", "no-store").send({ state: s.state });
  });
}
