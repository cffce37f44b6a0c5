// The pages and their JSON twins. Each is loaded for the viewer's scope (a leader's
// grid is a condition in the queries), built into a view by a pure function, and
// rendered; `/api/…` answers the same view as JSON. A page asked for with the header
// `x-fragment: 1` answers only its <main> (the live refresh swaps it in).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { scopeOf, type Page, type Viewer } from "../access";
import { batchCsv, batchXlsx } from "../batch-files";
import { loadAlerts } from "../data/alerts";
import { loadBatch, loadBatchList } from "../data/batches";
import { loadPrices } from "../data/prices";
import { loadStock } from "../data/stock";
import { loadToday } from "../data/today";
import type { WebDeps } from "../deps";
import type { Html } from "../html";
import { buildAlerts } from "../model/alerts";
import { buildBatch } from "../model/batches";
import { buildPrices } from "../model/prices";
import { buildStock } from "../model/stock";
import { buildToday } from "../model/today";
import { pageTexts } from "../../texts/dashboard";
import { t } from "../views/format";
import { renderAlerts } from "../views/alerts";
import { renderBatch, renderBatchList } from "../views/batches";
import { layout, messagePage } from "../views/layout";
import { renderPrices } from "../views/prices";
import { renderStock } from "../views/stock";
import { renderToday } from "../views/today";
import { guard, sendPage } from "./guard";

const TodayQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const BatchParams = z.object({ id: z.string().regex(/^[\w-]{1,120}$/) });

interface Rendered {
  title: string;
  body: Html;
  charts?: boolean;
}

function respond(req: FastifyRequest, reply: FastifyReply, viewer: Viewer, page: Page, r: Rendered) {
  if (req.headers["x-fragment"] === "1") return sendPage(reply, 200, r.body);
  return sendPage(reply, 200, layout({ viewer, page, title: r.title, body: r.body, charts: r.charts ?? false }));
}

function notFound(reply: FastifyReply, json: boolean) {
  const L = pageTexts.batches;
  if (json) return reply.code(404).send({ error: "not found" });
  return sendPage(reply, 404, messagePage({ title: L.notFound.zh, status: "refused", lines: [t(L.notFound)] }));
}

export function pageRoutes(app: FastifyInstance, deps: WebDeps): void {
  /**
   * One page: its HTML route and its API route share the role check, the loader (given
   * the viewer's scope) and the pure view builder. `null` from the loader is a 404.
   */
  function view<V>(
    page: Page,
    path: string,
    api: string,
    o: {
      load: (req: FastifyRequest, viewer: Viewer) => Promise<V | null>;
      render: (v: V, viewer: Viewer) => Rendered;
    },
  ): void {
    app.get(path, { preHandler: guard(deps, page) }, async (req, reply) => {
      const v = await o.load(req, req.viewer!);
      return v === null ? notFound(reply, false) : respond(req, reply, req.viewer!, page, o.render(v, req.viewer!));
    });
    app.get(api, { preHandler: guard(deps, page) }, async (req, reply) => {
      const v = await o.load(req, req.viewer!);
      return v === null ? notFound(reply, true) : reply.header("cache-control", "no-store").send(v);
    });
  }
  const tz = deps.timezone;
  const item = (sku: string) => {
    const c = deps.catalog.get(sku);
    return { name: c?.name ?? sku, unit: c?.unit ?? "" };
  };

  view("today", "/", "/api/today", {
    load: async (req, viewer) =>
      buildToday(await loadToday(deps, scopeOf(viewer), TodayQuery.parse(req.query).date), item),
    render: (v, viewer) => ({
      title: pageTexts.nav.today!.zh,
      body: renderToday(
        v,
        tz,
        viewer.grid ? `${viewer.grid.village} ${viewer.grid.label}` : pageTexts.today.heading.zh,
      ),
    }),
  });
  view("prices", "/prices", "/api/prices", {
    load: async () => buildPrices(await loadPrices(deps)),
    render: (v) => ({ title: pageTexts.nav.prices!.zh, body: renderPrices(v, tz), charts: true }),
  });
  view("stock", "/stock", "/api/stock", {
    load: async () => buildStock(await loadStock(deps)),
    render: (v) => ({ title: pageTexts.nav.stock!.zh, body: renderStock(v, tz), charts: true }),
  });
  view("alerts", "/alerts", "/api/alerts", {
    load: async (_req, viewer) => buildAlerts(await loadAlerts(deps, scopeOf(viewer))),
    render: (v, viewer) => ({ title: pageTexts.nav.alerts!.zh, body: renderAlerts(v, tz, viewer) }),
  });
  view("batches", "/batches", "/api/batches", {
    load: async (_req, viewer) => loadBatchList(deps, scopeOf(viewer)),
    render: (v) => ({ title: pageTexts.nav.batches!.zh, body: renderBatchList(v.rows, v.now) }),
  });
  const oneBatch = async (req: FastifyRequest, viewer: Viewer) => {
    const p = BatchParams.safeParse(req.params);
    const rows = p.success ? await loadBatch(deps, scopeOf(viewer), p.data.id) : null;
    return rows ? buildBatch(rows) : null;
  };
  view("batches", "/batches/:id", "/api/batches/:id", {
    load: oneBatch,
    render: (v) => ({ title: `${v.grid} ${v.deliveryDate}`, body: renderBatch(v) }),
  });

  app.get("/batches/:id/pick-list.csv", { preHandler: guard(deps, "batches") }, async (req, reply) => {
    const v = await oneBatch(req, req.viewer!);
    if (!v) return notFound(reply, false);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("cache-control", "no-store")
      .header("content-disposition", `attachment; filename="${v.id}.csv"`)
      .send(batchCsv(v));
  });
  app.get("/batches/:id/pick-list.xlsx", { preHandler: guard(deps, "batches") }, async (req, reply) => {
    const v = await oneBatch(req, req.viewer!);
    if (!v) return notFound(reply, false);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("cache-control", "no-store")
      .header("content-disposition", `attachment; filename="${v.id}.xlsx"`)
      .send(await batchXlsx(v));
  });
}
