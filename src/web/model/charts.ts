// ECharts options for the Prices and Stock pages, built on the server from the page's
// values (plain JSON: the page hands them to echarts.setOption as they are).
import type { EChartsOption } from "echarts";
import type { GoodPrices } from "./prices";
import type { StockView } from "./stock";

const RED = "#c62828";
const GREY = "#78909c";
const BLUE = "#1565c0";
const GREEN = "#2e7d32";

const base = {
  animation: false,
  grid: { left: 8, right: 16, top: 28, bottom: 40, containLabel: true },
} satisfies EChartsOption;

/** One good: each report a point, the baseline and the alert threshold as steps per day. */
export function priceChart(g: GoodPrices, from: number, to: number, alertPct: number): EChartsOption {
  return {
    ...base,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, data: ["价格 price", "基准 baseline", `预警线 +${alertPct}%`] },
    xAxis: { type: "time", min: from, max: to },
    yAxis: { type: "value", scale: true, name: `元/${g.unit}`, nameTextStyle: { align: "left" } },
    series: [
      { name: "价格 price", type: "line", data: g.points, showSymbol: true, symbolSize: 7, color: BLUE },
      {
        name: "基准 baseline",
        type: "line",
        step: "end",
        data: g.baseline,
        showSymbol: false,
        color: GREY,
        lineStyle: { type: "dashed" },
        connectNulls: false,
      },
      {
        name: `预警线 +${alertPct}%`,
        type: "line",
        step: "end",
        data: g.threshold,
        showSymbol: false,
        color: RED,
        lineStyle: { type: "dotted", width: 2 },
        connectNulls: false,
      },
    ],
  };
}

/** Days of supply per commodity, with its target (and the amount wanted, where the plan says one) as marks. */
export function stockBars(v: StockView): EChartsOption {
  const names = v.bars.map((b) => b.name);
  return {
    ...base,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, data: ["可供天数 days", "目标 target", "理想 wanted"] },
    xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 40 : 0 } },
    yAxis: { type: "value", name: "天 days" },
    series: [
      {
        name: "可供天数 days",
        type: "bar",
        color: GREEN,
        data: v.bars.map((b) => ({ value: b.daysLeft ?? 0, itemStyle: { color: b.below ? RED : GREEN } })),
        label: { show: true, position: "top" },
      },
      {
        name: "目标 target",
        type: "scatter",
        symbol: "rect",
        symbolSize: [34, 4],
        color: "#212121",
        data: v.bars.map((b) => b.target),
      },
      {
        name: "理想 wanted",
        type: "scatter",
        symbol: "rect",
        symbolSize: [34, 2],
        color: GREY,
        data: v.bars.map((b) => b.wanted),
      },
    ],
  };
}

/** Each commodity's days of supply over the last 30 days (a point per report). */
export function stockHistory(v: StockView): EChartsOption {
  return {
    ...base,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, type: "scroll", data: v.history.map((h) => h.name) },
    xAxis: { type: "time", min: v.from, max: v.to },
    yAxis: { type: "value", name: "天 days" },
    series: v.history.map((h) => ({ name: h.name, type: "line", data: h.points, showSymbol: true, symbolSize: 5 })),
  };
}
