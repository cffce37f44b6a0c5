// The Today page: the town's (or a leader's grid's) supply at a glance.
import { html, type Html } from "../html";
import type { BatchBadge, GridToday, TodayView } from "../model/today";
import { BATCH_STATE, ORDER_STATE, pageTexts, reasonLabel, waited } from "../../texts/dashboard";
import { hhmm, money, t } from "./format";

const T = pageTexts.today;

function card(label: Html, value: string, tone = ""): Html {
  return html`<div class="card ${tone}"><div class="value">${value}</div><div class="label">${label}</div></div>`;
}

function badge(b: BatchBadge): Html {
  const s = BATCH_STATE[b.state];
  const w = b.waitedMs !== null ? waited(b.waitedMs) : null;
  const body = html`<span class="date">${b.deliveryDate.slice(5)}</span> ${s.zh}<span class="en"> ${s.en}</span> · ${b.orders}
    ${w ? html`<span class="waited" title="${T.waited.en} ${w.en}">· ${T.waited.zh}${w.zh}</span>` : ""}`;
  return b.id
    ? html`<a class="badge ${b.state}" href="/batches/${b.id}">${body}</a>`
    : html`<span class="badge ${b.state}">${body}</span>`;
}

const CARE_SHOWN = 3;

/** Special-care households first (★), then proxy orders (☆); a few shown, the rest counted. */
function care(list: GridToday["care"]): Html {
  const more = list.length - CARE_SHOWN;
  return html`${list.slice(0, CARE_SHOWN).map((c) => html`<span class="care">${c.specialCare ? "★" : "☆"} ${c.household}${c.name ? ` ${c.name}` : ""}${c.note ? html`<small> ${c.note}</small>` : ""}</span>`)}${
    more > 0 ? html`<span class="muted small">${T.more(more).zh}<span class="en"> ${T.more(more).en}</span></span>` : ""
  }`;
}

function gridRow(g: GridToday): Html {
  const none = html`<span class="muted">–</span>`;
  return html`<tr data-grid="${g.id}">
  <th scope="row" data-label="${T.grid.zh}">${g.label}</th>
  <td data-label="${T.orders.zh}" class="num">${g.orders}</td>
  <td data-label="${T.households.zh}" class="num">${g.households}</td>
  <td data-label="${T.amount.zh}" class="num">${money(g.amountCents)}</td>
  <td data-label="${T.refusals.zh}">${
    g.refusals.length
      ? g.refusals.map((r) => {
          const l = reasonLabel(r.reason, g.rules);
          return html`<span class="chip" title="${l.full.zh} / ${l.full.en}">${l.zh} ${r.n}</span>`;
        })
      : none
  }</td>
  <td data-label="${T.batch.zh}">${g.batches.length ? g.batches.map(badge) : none}</td>
  <td data-label="${T.unpaid.zh}" class="num">${g.unpaidOrders ? html`<span class="warn">${g.unpaidOrders} · ${money(g.unpaidCents)}</span>` : none}</td>
  <td data-label="${T.medicine.zh}" class="num">${g.medicine ? html`<span class="warn">${g.medicine}</span>` : none}</td>
  <td data-label="${T.care.zh}">${g.care.length ? care(g.care) : none}</td>
</tr>`;
}

export function renderToday(v: TodayView, tz: string, heading: string): Html {
  const x = v.totals;
  return html`<section class="head">
  <h1>${heading} <small>${v.date}</small></h1>
  <p class="muted">${t(pageTexts.updated)} <time id="asof">${hhmm(v.now, tz)}</time></p>
</section>
<section class="cards">
  ${card(t(T.orders), String(x.orders))}
  ${card(t(T.households), String(x.households))}
  ${card(t(T.amount), money(x.amountCents))}
  ${card(t(T.waiting), String(x.waiting), x.waiting ? "alert" : "")}
  ${card(t(T.unpaid), `${x.unpaidOrders} · ${money(x.unpaidCents)}`, x.unpaidOrders ? "warn" : "")}
  ${card(t(T.medicine), String(x.medicine), x.medicine ? "warn" : "")}
  ${card(t(T.refusals), String(x.refusals))}
  ${x.alerts ? card(t(T.alerts), String(x.alerts), "alert") : ""}
</section>
${v.villages.length === 0 ? html`<p class="empty">${t(T.noGrids)}</p>` : html`<p class="muted small legend">${t(T.legend)}</p>`}
${v.villages.map(
  (vil) => html`<section class="village">
  <h2>${vil.name}</h2>
  <table class="grid-table">
    <thead><tr><th>${t(T.grid)}</th><th>${t(T.orders)}</th><th>${t(T.households)}</th><th>${t(T.amount)}</th><th>${t(T.refusals)}</th><th>${t(T.batch)}</th><th>${t(T.unpaid)}</th><th>${t(T.medicine)}</th><th>${t(T.care)}</th></tr></thead>
    <tbody>${vil.grids.map(gridRow)}</tbody>
  </table>
</section>`,
)}
<section class="latest">
  <h2>${t(T.latest)}</h2>
  ${
    v.latest.length === 0
      ? html`<p class="empty">${t(T.noOrders)}</p>`
      : html`<ul class="orders" id="latest-orders">
    ${v.latest.map(
      (o) => html`<li data-order="${o.id}" class="${o.priority ? "priority" : ""}">
      <time>${hhmm(o.placedAt, tz)}</time>
      <b class="household">${o.priority ? "★ " : ""}${o.household}</b>${o.name ? ` ${o.name}` : ""}
      <span class="muted">${o.grid}</span>
      <span class="items">${o.items.map((i) => `${i.name}×${i.qty}`).join("、")}</span>
      <span class="num">${money(o.cents)}</span>
      <span class="state ${o.status}">${ORDER_STATE[o.status]?.zh ?? o.status}</span>
    </li>`,
    )}
  </ul>`
  }
</section>`;
}
