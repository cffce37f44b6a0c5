// The Prices page: a chart per key good over 30 days, and the latest reports.
import { html, jsonScript, type Html } from "../html";
import { priceChart } from "../model/charts";
import type { PricesView } from "../model/prices";
import { num, pageTexts } from "../../texts/dashboard";
import { mdhm, t } from "./format";

const T = pageTexts.prices;

export function chartBox(id: string, option: unknown, label: string, tall = false): Html {
  return html`<div class="chart${tall ? " tall" : ""}" id="${id}" data-chart="${id}-data" role="img" aria-label="${label}"></div>${jsonScript(`${id}-data`, option)}`;
}

const pct = (p: number | null) => (p === null ? "–" : `${p > 0 ? "+" : ""}${p}%`);

export function renderPrices(v: PricesView, tz: string): Html {
  return html`<section class="head"><h1>${t(T.heading)}</h1>
  <p class="muted">${T.threshold.zh} = ${T.baseline.zh} +${v.alertPct}% <span class="en">· alert threshold = baseline +${v.alertPct}%</span></p></section>
${v.goods.length === 0 ? html`<p class="empty">${t(T.none)}</p>` : ""}
<section class="charts">
${v.goods.map(
  (g) => html`<article class="chart-card" data-sku="${g.sku}">
  <h2>${g.name} <span class="en">${g.nameEn}</span>
    ${g.last ? html`<span class="price ${g.last.level}">${num(g.last.price)}元/${g.unit} <small>${pct(g.last.changePct)} ${T.level[g.last.level]!.zh}</small></span>` : ""}</h2>
  <p class="muted small">${g.baselineSource === "configured" ? t(T.configured) : g.baselineSource === "median7d" ? t(T.median) : ""}</p>
  ${chartBox(`price-${g.sku}`, priceChart(g, v.from, v.to, v.alertPct), `${g.name} ${T.price.zh}`)}
</article>`,
)}
</section>
<section class="latest-prices">
  <h2>${t(T.latest)}</h2>
  <table class="list">
    <thead><tr><th>${t(T.when)}</th><th>${t(T.what)}</th><th>${t(T.price)}</th><th>${t(T.baseline)}</th><th>${t(T.change)}</th><th>${t(T.by)}</th><th>${t(T.source)}</th></tr></thead>
    <tbody>${v.latest.map(
      (r) => html`<tr data-report="${r.id}" class="${r.level}">
      <td data-label="${T.when.zh}">${mdhm(r.at, tz)}</td><td data-label="${T.what.zh}">${r.name}</td>
      <td data-label="${T.price.zh}" class="num">${num(r.price)}元/${r.unit}</td>
      <td data-label="${T.baseline.zh}" class="num">${r.baseline === null ? "–" : num(r.baseline)}</td>
      <td data-label="${T.change.zh}" class="num">${pct(r.changePct)} ${T.level[r.level]!.zh}</td>
      <td data-label="${T.by.zh}">${r.by}</td><td data-label="${T.source.zh}">${T.sources[r.source]!.zh}</td>
    </tr>`,
    )}</tbody>
  </table>
</section>`;
}
