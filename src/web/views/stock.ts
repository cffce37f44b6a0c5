// The Stock page: days of supply against each good's target, and their history.
import { html, type Html } from "../html";
import { stockBars, stockHistory } from "../model/charts";
import type { StockView } from "../model/stock";
import { num, pageTexts } from "../../texts/dashboard";
import { mdhm, t } from "./format";
import { chartBox } from "./prices";

const T = pageTexts.stock;

export function renderStock(v: StockView, tz: string): Html {
  if (v.bars.length === 0)
    return html`<section class="head"><h1>${t(T.heading)}</h1></section><p class="empty">${t(T.none)}</p>`;
  return html`<section class="head"><h1>${t(T.heading)}</h1></section>
<section class="chart-card">${chartBox("stock-bars", stockBars(v), T.heading.zh, true)}</section>
<table class="list stock">
  <thead><tr><th></th><th>${t(T.days)}</th><th>${t(T.target)}</th><th>${t(T.stock)}</th><th>${t(T.dailyUse)}</th><th>${t(T.restore)}</th><th>${t(T.reported)}</th></tr></thead>
  <tbody>${v.bars.map(
    (b) => html`<tr data-sku="${b.sku}" class="${b.below ? "below" : ""}">
    <th scope="row">${b.name} <span class="en">${b.nameEn}</span></th>
    <td data-label="${T.days.zh}" class="num">${b.daysLeft === null ? "∞" : num(b.daysLeft)} ${b.below ? html`<span class="chip alert">${T.below.zh}</span>` : ""}</td>
    <td data-label="${T.target.zh}" class="num">${b.target ?? "–"}${b.wanted ? ` (${T.wanted.zh}${b.wanted})` : ""}</td>
    <td data-label="${T.stock.zh}" class="num">${num(b.stock)}${b.unit}</td>
    <td data-label="${T.dailyUse.zh}" class="num">${num(b.dailyUse)}${b.unit}</td>
    <td data-label="${T.restore.zh}" class="num">${b.restoreQty ? `${num(b.restoreQty)}${b.unit}` : "–"}</td>
    <td data-label="${T.reported.zh}">${mdhm(b.at, tz)}</td>
  </tr>`,
  )}</tbody>
</table>
<section class="chart-card"><h2>${t(T.history)}</h2>${chartBox("stock-history", stockHistory(v), T.history.zh, true)}</section>`;
}
