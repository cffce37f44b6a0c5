// The role check every page, API route and the event stream passes through, on the
// server: the session cookie → the session in PostgreSQL → the member's roles now.
import type {} from "@fastify/cookie"; // the cookie fields on request and reply
import type { FastifyReply, FastifyRequest } from "fastify";
import { may, type Page, type Viewer } from "../access";
import type { WebDeps } from "../deps";
import { html } from "../html";
import { loadSession } from "../sessions";
import { pageTexts } from "../../texts/dashboard";
import { t } from "../views/format";
import { messagePage } from "../views/layout";

export const SESSION_COOKIE = "baogong_session";

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

/** API routes and the event stream answer JSON; pages answer HTML. */
export function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith("/api/") || req.url.startsWith("/events") || req.url.startsWith("/admin/queues/api/");
}

export function sendPage(reply: FastifyReply, status: number, body: { toString(): string }): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body.toString());
}

/** A pre-handler that lets through only a signed-in viewer whose role may see `page`. */
export function guard(deps: WebDeps, page: Page) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const s = await loadSession(deps, req.cookies[SESSION_COOKIE]);
    const L = pageTexts.login;
    if (s.state === "none") {
      if (wantsJson(req)) {
        await reply
          .code(401)
          .header("cache-control", "no-store")
          .send({ error: "not signed in", message: L.notSignedIn });
        return;
      }
      await sendPage(reply, 401, messagePage({ title: L.heading.zh, status: "refused", lines: [t(L.notSignedIn)] }));
      return;
    }
    if (s.state === "pending") {
      if (wantsJson(req)) {
        await reply.code(401).header("cache-control", "no-store").send({ error: "waiting for the leader's code" });
        return;
      }
      const p = L.pending(s.code);
      await sendPage(
        reply,
        200,
        messagePage({
          title: L.heading.zh,
          status: "pending",
          lines: [t(p)],
          extra: html`<p class="code" id="confirm-code">/dashboard ${s.code}</p>`,
        }),
      );
      return;
    }
    if (!may(s.viewer, page)) {
      if (wantsJson(req)) {
        await reply.code(403).header("cache-control", "no-store").send({ error: "forbidden", message: L.forbidden });
        return;
      }
      await sendPage(
        reply,
        403,
        messagePage({
          title: L.heading.zh,
          status: "refused",
          lines: [t(L.forbidden)],
          extra: html`<p><a href="/">${t(pageTexts.nav.today!)}</a></p>`,
        }),
      );
      return;
    }
    req.viewer = s.viewer;
  };
}
