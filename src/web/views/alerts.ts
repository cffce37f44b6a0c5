// The Alerts and notices page.
import type { Viewer } from "../access";
import { html, type Html } from "../html";
import type { AlertsView } from "../model/alerts";
import { NOTICE_STATE, pageTexts } from "../../texts/dashboard";
import { mdhm, t } from "./format";

const T = pageTexts.alerts;

export function renderAlerts(v: AlertsView, tz: string, viewer: Viewer): Html {
  return html`${
    viewer.role === "official"
      ? html`<section class="alerts">
  <h1>${t(T.heading)}</h1>
  ${
    v.alerts.length === 0
      ? html`<p class="empty">${t(T.none)}</p>`
      : html`<ul class="feed" id="alert-feed">
    ${v.alerts.map((a) => html`<li class="alert-item ${a.level}" data-alert="${a.key}"><time>${mdhm(a.at, tz)}</time> <span>${a.text.zh}</span><span class="en">${a.text.en}</span></li>`)}
  </ul>`
  }
</section>`
      : ""
  }
<section class="notices">
  <h1>${t(T.notices)}</h1>
  ${
    v.notices.length === 0
      ? html`<p class="empty">${t(T.noNotices)}</p>`
      : v.notices.map(
          (n) => html`<article class="notice" data-notice="${n.id}">
    <header><span class="chip">${n.kind.zh}</span> <time>${mdhm(n.createdAt, tz)}</time>
      <span class="counts"><span class="ok">✓ ${n.counts.sent}</span> ${n.counts.failed ? html`<span class="bad">✗ ${n.counts.failed}</span>` : ""} ${n.counts.pending ? html`<span class="muted">… ${n.counts.pending}</span>` : ""}</span>
    </header>
    <p class="text">${n.text}</p>
    <details${n.counts.failed ? html` open` : ""}><summary>${t(T.delivery)} (${n.deliveries.length})</summary>
      <ul class="deliveries">${n.deliveries.map(
        (d) => html`<li class="${d.status}"><span>${d.group}</span> <span class="muted">${d.where}</span>
        <span class="state">${NOTICE_STATE[d.status]?.zh ?? d.status}</span>${d.sentAt ? html` <time>${mdhm(d.sentAt, tz)}</time>` : ""}${d.error ? html` <small class="bad">${d.error}</small>` : ""}</li>`,
      )}</ul>
    </details>
  </article>`,
        )
  }
</section>`;
}
