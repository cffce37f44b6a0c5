// The dashboard's one script, served by the dashboard itself (no build step, no
// inline script: the Content-Security-Policy allows only files from here). It draws
// the charts from the JSON each page carries, keeps the page live over server-sent
// events, and on a leader's pending page waits for the code to be sent in the group.
(() => {
  "use strict";
  const charts = new Set();

  function drawCharts(root) {
    if (!window.echarts) return;
    for (const el of root.querySelectorAll("[data-chart]")) {
      const data = document.getElementById(el.dataset.chart);
      if (!data) continue;
      const chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(JSON.parse(data.textContent));
      charts.add(chart);
    }
  }

  function disposeCharts() {
    for (const c of charts) c.dispose();
    charts.clear();
  }

  window.addEventListener("resize", () => {
    for (const c of charts) c.resize();
  });

  // The page's <main> again from the server (the same route with x-fragment: 1), swapped in.
  let busy = false;
  let again = false;
  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const res = await fetch(location.pathname + location.search, {
        headers: { "x-fragment": "1" },
        credentials: "same-origin",
      });
      if (res.status === 401 || res.status === 403) {
        location.reload();
        return;
      }
      if (!res.ok) return;
      const html = await res.text();
      const main = document.getElementById("main");
      const open = [...main.querySelectorAll("details[open]")]
        .map((d) => d.closest("[data-notice]")?.dataset.notice)
        .filter(Boolean);
      disposeCharts();
      main.innerHTML = html;
      for (const id of open) main.querySelector(`[data-notice="${CSS.escape(id)}"] details`)?.setAttribute("open", "");
      drawCharts(main);
      document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
    } catch {
      // The next event tries again.
    } finally {
      busy = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }
  let timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  function toast(t, kind) {
    const box = document.getElementById("toasts");
    if (!box) return;
    const el = document.createElement("div");
    el.className = `toast ${kind}`;
    el.textContent = t.zh;
    const en = document.createElement("span");
    en.className = "en";
    en.textContent = ` ${t.en}`;
    el.append(en);
    box.prepend(el);
    while (box.children.length > 4) box.lastChild.remove();
    setTimeout(() => el.remove(), 8000);
  }

  function live() {
    if (!window.EventSource || !document.getElementById("main")) return;
    const dot = document.getElementById("live");
    const es = new EventSource("/events");
    // After a reconnect (the server restarted, the phone lost its network) something may
    // have changed meanwhile: look again.
    let hellos = 0;
    es.addEventListener("hello", () => {
      if (dot) dot.classList.add("on");
      if (hellos++ > 0) schedule();
    });
    es.addEventListener("error", () => dot?.classList.remove("on"));
    es.addEventListener("change", (e) => {
      const msg = JSON.parse(e.data);
      for (const t of msg.toasts || [])
        toast(t, msg.kinds.includes("alert") && !msg.kinds.includes("order") ? "alert" : "");
      schedule();
    });
    es.addEventListener("signout", () => {
      es.close();
      location.reload();
    });
    window.addEventListener("pagehide", () => es.close());
  }

  function pending() {
    if (document.body.dataset.state !== "pending") return;
    setInterval(async () => {
      try {
        const s = await (await fetch("/session", { credentials: "same-origin" })).json();
        if (s.state === "active") location.assign("/");
        else if (s.state === "none") location.reload();
      } catch {
        // try again
      }
    }, 1500);
  }

  document.addEventListener("DOMContentLoaded", () => {
    drawCharts(document);
    live();
    pending();
  });
})();
