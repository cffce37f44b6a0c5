// The page around every view: the menu for the viewer's role, who is signed in, the
// live indicator, sign-out. Scripts are files served by the dashboard (no inline
// script: the Content-Security-Policy allows 'self' only).
import { menuFor, type Page, type Viewer } from "../access";
import { html, type Html } from "../html";
import { pageTexts } from "../../texts/dashboard";
import { t } from "./format";

const HREF: Record<string, string> = {
  today: "/",
  prices: "/prices",
  stock: "/stock",
  alerts: "/alerts",
  batches: "/batches",
  queues: "/admin/queues",
};

/** Every page's document head: its title, the dashboard's style and script (and ECharts on chart pages). */
function documentHead(title: string, charts: boolean): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${pageTexts.title.zh}</title>
<link rel="stylesheet" href="/assets/dashboard.css">
${charts ? html`<script src="/assets/echarts/echarts.common.min.js" defer></script>` : ""}
<script src="/assets/dashboard.js" defer></script>
</head>`;
}

export function layout(o: { viewer: Viewer; page: Page; title: string; body: Html; charts?: boolean }): Html {
  const who = o.viewer.grid ? `${o.viewer.grid.village} ${o.viewer.grid.label}` : pageTexts.town.zh;
  return html`${documentHead(o.title, o.charts ?? false)}
<body data-page="${o.page}">
<header class="top">
  <a class="brand" href="/">${t(pageTexts.title)}</a>
  <nav>${menuFor(o.viewer).map((p) => html`<a href="${HREF[p]}"${p === o.page ? html` aria-current="page"` : ""}>${t(pageTexts.nav[p]!)}</a>`)}</nav>
  <div class="who">
    <span class="name">${o.viewer.name} · ${who}</span>
    <span id="live" class="live" title="${pageTexts.live.en}">● ${pageTexts.live.zh}</span>
    <form method="post" action="/logout"><button type="submit">${t(pageTexts.logout)}</button></form>
  </div>
</header>
<main id="main">${o.body}</main>
<div id="toasts" aria-live="polite"></div>
</body>
</html>`;
}

/** A page for someone not signed in, or refused: a message and nothing else. */
export function messagePage(o: {
  title: string;
  lines: Html[];
  status?: "ok" | "refused" | "pending";
  extra?: Html;
}): Html {
  return html`${documentHead(o.title, false)}
<body data-page="message" data-state="${o.status ?? "ok"}">
<main class="message">
  <h1>${t(pageTexts.title)}</h1>
  ${o.lines.map((l) => html`<p>${l}</p>`)}
  ${o.extra ?? ""}
</main>
</body>
</html>`;
}
