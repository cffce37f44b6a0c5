// The dashboard's web server: fastify with its security-header, cookie, form, static
// and compression plugins; the pages, their JSON, the downloads, the event stream and
// the operators' queue dashboard. Every route but sign-in and the static files
// checks the viewer's role on the server.
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { WebDeps } from "./deps";
import { LiveFeed } from "./live";
import { eventRoutes } from "./routes/events";
import { guard, sendPage, wantsJson } from "./routes/guard";
import { loginRoutes } from "./routes/login";
import { pageRoutes } from "./routes/pages";
import { queueRoutes } from "./routes/queues";
import { pruneExpired } from "./sessions";
import { pageTexts } from "../texts/dashboard";
import { t } from "./views/format";
import { messagePage } from "./views/layout";

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), "assets");
/** ECharts as installed from npm, served by the dashboard itself (the machines have no internet). */
export const ECHARTS_FILE = createRequire(import.meta.url).resolve("echarts/dist/echarts.common.min.js");

export interface DashboardOptions {
  /** Redis of the job queues, for /admin/queues; without it that page is not there. */
  queues?: { redisUrl: string; prefix: string } | null;
  /** How often the live feed looks at the database while pages are open. */
  liveIntervalMs?: number;
}

export interface Dashboard {
  app: FastifyInstance;
  live: LiveFeed;
}

export async function buildDashboard(deps: WebDeps, opts: DashboardOptions = {}): Promise<Dashboard> {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 64 * 1024 });
  app.decorateRequest("viewer", null);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // ECharts' tooltips and bull-board set inline styles; no script runs inline.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    // Served over plain http inside a town office's network as often as over https.
    strictTransportSecurity: false,
    referrerPolicy: { policy: "same-origin" }, // the login link's token never leaves in a Referer
  });
  // gzip only: brotli at its default quality is slow on the 700 KB chart library.
  await app.register(compress, { global: true, encodings: ["gzip"], threshold: 2048 });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: "/assets/",
    decorateReply: false,
    maxAge: "1h",
    index: false,
  });
  await app.register(fastifyStatic, {
    root: path.dirname(ECHARTS_FILE),
    prefix: "/assets/echarts/",
    decorateReply: false,
    maxAge: "7d",
    index: false,
    allowedPath: (p) => p === `/${path.basename(ECHARTS_FILE)}`,
  });

  // Set before the routes: a route keeps the error handler in force when it was added.
  app.setNotFoundHandler((req, reply) => {
    if (wantsJson(req)) return reply.code(404).send({ error: "not found" });
    return sendPage(
      reply,
      404,
      messagePage({ title: pageTexts.login.notFound.zh, status: "refused", lines: [t(pageTexts.login.notFound)] }),
    );
  });
  app.setErrorHandler((err: { statusCode?: number; message: string; name?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : err.name === "ZodError" ? 400 : 500;
    // The path only: a login link's token is never logged.
    if (status >= 500) deps.log.error({ err: err.message, route: req.routeOptions.url }, "dashboard request failed");
    if (wantsJson(req)) return reply.code(status).send({ error: status === 400 ? "bad request" : "failed" });
    return reply
      .code(status)
      .type("text/plain; charset=utf-8")
      .send(status === 400 ? "bad request" : "error");
  });
  const live = new LiveFeed(deps, opts.liveIntervalMs ?? 1000);
  const streams = new Set<() => void>();
  loginRoutes(app, deps);
  pageRoutes(app, deps);
  eventRoutes(app, deps, live, streams);
  if (opts.queues) await queueRoutes(app, deps, opts.queues);
  else {
    // Still an officials' page: a leader is refused it as anywhere else.
    app.get("/admin/queues", { preHandler: guard(deps, "queues") }, async (_req, reply) =>
      sendPage(
        reply,
        503,
        messagePage({ title: pageTexts.nav.queues!.zh, status: "refused", lines: [t(pageTexts.queuesOff)] }),
      ),
    );
  }

  app.addHook("onClose", async () => {
    for (const end of [...streams]) end();
    await live.close();
  });
  await pruneExpired(deps).catch(() => undefined);
  const prune = setInterval(() => void pruneExpired(deps).catch(() => undefined), 3_600_000);
  prune.unref();
  app.addHook("onClose", async () => clearInterval(prune));
  return { app, live };
}

/** `http://host:port` people can open: a wildcard address is named by the first non-internal IPv4 of the machine. */
export function publicUrl(
  host: string,
  port: number,
  interfaces: NodeJS.Dict<import("node:os").NetworkInterfaceInfo[]>,
): string {
  let h = host;
  if (host === "0.0.0.0" || host === "::") {
    h =
      Object.values(interfaces)
        .flat()
        .find((i) => i && i.family === "IPv4" && !i.internal)?.address ?? "127.0.0.1";
  }
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}
