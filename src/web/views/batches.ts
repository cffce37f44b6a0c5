// The batch list and one batch: pick list per pickup point, the slots, downloads.
import { html, type Html } from "../html";
import type { BatchListRow, BatchView } from "../model/batches";
import { BATCH_STATE, pageTexts, waited } from "../../texts/dashboard";
import { money, t } from "./format";

const T = pageTexts.batches;

function stateChip(status: string, waitedMs: number | null): Html {
  const s = BATCH_STATE[status as keyof typeof BATCH_STATE] ?? { zh: status, en: status };
  const w = waitedMs !== null ? waited(waitedMs) : null;
  return html`<span class="badge ${status}">${s.zh}<span class="en"> ${s.en}</span>${w ? html` <span class="waited" title="${pageTexts.today.waited.en} ${w.en}">· ${pageTexts.today.waited.zh}${w.zh}</span>` : ""}</span>`;
}

export function renderBatchList(rows: BatchListRow[], now: Date): Html {
  return html`<section class="head"><h1>${t(T.heading)}</h1></section>
${
  rows.length === 0
    ? html`<p class="empty">${t(T.none)}</p>`
    : html`<table class="list batches">
  <thead><tr><th>${t(T.deliveryDate)}</th><th>${t(pageTexts.today.grid)}</th><th>${t(T.state)}</th><th>${t(pageTexts.today.orders)}</th><th>${t(pageTexts.today.amount)}</th><th></th></tr></thead>
  <tbody>${rows.map((b) => {
    const since = b.status === "ready" ? b.readyAt : b.status === "confirmed" ? b.confirmedAt : null;
    return html`<tr data-batch="${b.id}">
    <td data-label="${T.deliveryDate.zh}">${b.deliveryDate}</td>
    <th scope="row" data-label="${pageTexts.today.grid.zh}"><a href="/batches/${b.id}">${b.village} ${b.grid}</a></th>
    <td data-label="${T.state.zh}">${stateChip(b.status, since ? now.getTime() - since.getTime() : null)}</td>
    <td data-label="${pageTexts.today.orders.zh}" class="num">${b.orders}</td>
    <td data-label="${pageTexts.today.amount.zh}" class="num">${money(b.amountCents)}</td>
    <td class="downloads"><a href="/batches/${b.id}/pick-list.csv" download>CSV</a> <a href="/batches/${b.id}/pick-list.xlsx" download>XLSX</a></td>
  </tr>`;
  })}</tbody>
</table>`
}`;
}

export function renderBatch(v: BatchView): Html {
  return html`${v.readable ? "" : html`<p class="empty">${t(T.unreadable)}</p>`}<section class="head">
  <h1>${v.village} ${v.grid} <small>${v.deliveryDate}</small></h1>
  <p>${stateChip(v.status, v.waitedMs)} <span class="muted">${v.id}</span></p>
  <p class="summary">${v.orders} ${t(pageTexts.today.orders)} · ${money(v.amountCents)} · ${t(pageTexts.today.unpaid)} ${v.unpaid}</p>
  <p class="downloads">${t(T.download)}: <a id="download-csv" href="/batches/${v.id}/pick-list.csv" download>CSV</a> <a id="download-xlsx" href="/batches/${v.id}/pick-list.xlsx" download>XLSX</a></p>
</section>
<section class="totals"><h2>${t(T.totals)}</h2>
  <table class="list"><thead><tr><th>${t(T.items)}</th><th>${t(T.qty)}</th></tr></thead>
  <tbody>${v.totals.map((x) => html`<tr><td>${x.name} <span class="muted">${x.sku}</span></td><td class="num">${x.qty}${x.unit}</td></tr>`)}</tbody></table>
</section>
${v.points.map(
  (p) => html`<section class="pick-point" data-point="${p.name}">
  <h2>${t(T.pickList)} · ${p.name}</h2>
  ${p.slots.length ? html`<p class="slots">${t(T.slot)}: ${p.slots.map((s) => html`<span class="chip">${s.slot} · ${s.households}</span>`)}</p>` : ""}
  <table class="list pick">
    <thead><tr><th>${t(T.household)}</th><th>${t(T.name)}</th><th>${t(T.items)}</th><th>${t(pageTexts.today.amount)}</th><th>${t(T.slot)}</th><th>${t(T.paid)}</th></tr></thead>
    <tbody>${p.rows.map(
      (r) => html`<tr class="${r.priority ? "priority" : ""}">
      <th scope="row" data-label="${T.household.zh}">${r.priority ? "★ " : ""}${r.household}</th>
      <td data-label="${T.name.zh}">${r.name}</td>
      <td data-label="${T.items.zh}">${r.items.map((i) => `${i.name}×${i.qty}${i.unit}`).join("、")}</td>
      <td data-label="${pageTexts.today.amount.zh}" class="num">${money(r.amountCents)}</td>
      <td data-label="${T.slot.zh}">${r.slot || "–"}</td>
      <td data-label="${T.paid.zh}">${r.paid ? T.yes.zh : html`<span class="warn">${T.no.zh}</span>`}</td>
    </tr>`,
    )}</tbody>
  </table>
</section>`,
)}`;
}
