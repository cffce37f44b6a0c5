// `npm run bench -- rush`: a town's rush hour in virtual time, through `simulate` (the same
// app, the same lanes, limits, message parts and digests as the live send queue, on the
// virtual clock): 30 groups, 3,000 orders spread over the hour before the 20:00 cut-off
// (5% refused), 200 status questions, one official notice at 19:30 — once with every group
// on WeChat (one account for the town), once on Telegram. Reports, per platform: bot
// messages per 100 orders, the time from an order to the message that acknowledges it,
// from the cut-off to each grid's batch list, to the notice reaching every group, and
// whether any limit window was exceeded.
import { runSimulate } from "../src/cli/simulate";
import { maxInWindow, maxInWindowPerKey, minGap } from "../tests/support/rate-limit-check";
import { seededRandom } from "../src/domain/seeded-random";

const GROUPS = Number(process.env.BENCH_RUSH_GROUPS ?? 30);
const ORDERS = Number(process.env.BENCH_RUSH_ORDERS ?? 3000);
const QUESTIONS = Number(process.env.BENCH_RUSH_QUESTIONS ?? 200);

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse("2026-12-05T19:00:00+08:00");
const CUTOFF = Date.parse("2026-12-05T20:00:00+08:00");

export function rushScript(platform: "wechat" | "telegram"): string {
  const r = seededRandom(11);
  const groups = Array.from({ length: GROUPS }, (_, i) => ({
    chat: `c${i + 1}`,
    village: `村${1 + Math.floor(i / 10)}`,
    grid: String(1 + (i % 10)),
    zone: "static",
    leaders: [`lead${i + 1}`],
    platform,
  }));
  const lines: Array<{ at: number; line: object }> = [];
  const households: Array<{ chat: string; name: string; from: string }> = [];
  for (let i = 0; i < ORDERS; i++) {
    const g = groups[i % GROUPS]!;
    const k = Math.floor(i / GROUPS); // the k-th household of the group's grid: unique in its village
    const hh = `${(i % GROUPS) + 1}-${1 + (k % 4)}-${101 + k}`;
    const at = T0 + Math.floor(r() * 3_600_000);
    const refused = r() < 0.05;
    const name = `${hh} 住户`;
    households.push({ chat: g.chat, name, from: `u${i}` });
    lines.push({
      at,
      line: {
        at: iso(at),
        chat: g.chat,
        from: `u${i}`,
        name,
        text: refused ? "香烟一条" : ["100元套餐1份", "50元套餐1份 鸡蛋1盒", "150元套餐1份", "奶粉2罐"][i % 4],
        id: `o${i}`,
      },
    });
  }
  for (let q = 0; q < QUESTIONS; q++) {
    const h = households[Math.floor(r() * households.length)]!;
    const at = T0 + 600_000 + Math.floor(r() * 3_000_000);
    lines.push({
      at,
      line: { at: iso(at), chat: h.chat, from: h.from, name: h.name, text: "我家的单收到了吗", id: `q${q}` },
    });
  }
  const noticeAt = Date.parse("2026-12-05T19:30:00+08:00");
  lines.push({
    at: noticeAt,
    line: {
      at: iso(noticeAt),
      chat: "gov",
      from: "off",
      text: "/notice 明天上午8点起各小区分批核酸，请留意本群通知。",
      id: "n1",
    },
  });
  lines.sort((a, b) => a.at - b.at);
  const setup = { setup: { cutoff: "20:00", groups, officials: { chat: "gov", members: ["off"] } } };
  const end = { at: iso(CUTOFF + 15 * 60_000), end: true };
  return [setup, ...lines.map((l) => l.line), end].map((l) => JSON.stringify(l)).join("\n");
}

type Ev = { type: string; at: string; chat?: string; text?: string; household?: string };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const min = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

export function analyse(evs: Ev[], platform: "wechat" | "telegram"): Record<string, number | string> {
  const t = (e: Ev) => Date.parse(e.at);
  const replies = evs.filter((e) => e.type === "reply" && e.chat !== "gov");
  const orders = evs.filter((e) => e.type === "order.accepted" || (e.type === "order.rejected" && e.household));
  // The first message in the order's group, at or after it, that names its household.
  const byChat = new Map<string, Ev[]>();
  for (const m of replies) byChat.set(m.chat!, [...(byChat.get(m.chat!) ?? []), m]);
  const waits: number[] = [];
  let unanswered = 0;
  for (const o of orders) {
    const m = (byChat.get(o.chat!) ?? []).find((x) => t(x) >= t(o) && String(x.text).includes(String(o.household)));
    if (m) waits.push(t(m) - t(o));
    else unanswered++;
  }
  // Each grid's list: its first part (the totals, the leader's name) and its last (the confirm step).
  const listParts = replies.filter(
    (e) => /批次已汇总/.test(String(e.text)) || /^\(\d+\/\d+\) \d+\. /.test(String(e.text)),
  );
  const lists = listParts.filter((e) => /批次已汇总/.test(String(e.text)));
  const listEnds = listParts.filter((e) => /回复“确认”/.test(String(e.text)));
  const listDelays = lists.map((e) => t(e) - CUTOFF);
  const lastList = Math.max(...listEnds.map(t));
  // What else the account sent between the cut-off and the last list's last part: at most the one already in flight.
  const between = replies.filter((e) => t(e) >= CUTOFF && t(e) <= lastList && !listParts.includes(e)).length;
  const notices = evs.filter((e) => e.type === "broadcast");
  const beforeCutoff = replies.filter((e) => t(e) < CUTOFF).length;
  const accepted = evs.filter((e) => e.type === "order.accepted").length;
  const times = replies.map(t);
  const window =
    platform === "wechat"
      ? {
          minGapMs: minGap(times),
          perChat: maxInWindowPerKey(
            replies.map((e) => ({ key: e.chat!, at: t(e) })),
            60_000,
          ).max,
        }
      : {
          busiestSecond: maxInWindow(times, 1000),
          perChat: maxInWindowPerKey(
            replies.map((e) => ({ key: e.chat!, at: t(e) })),
            60_000,
          ).max,
        };
  const limitsHeld =
    platform === "wechat"
      ? window.minGapMs! >= 3000 && window.perChat <= 20
      : window.busiestSecond! <= 30 && window.perChat <= 20;
  return {
    [`${platform}: orders (accepted / refused)`]: `${accepted} / ${orders.length - accepted}`,
    [`${platform}: bot messages to the groups before the cut-off, per 100 orders`]:
      Math.round((beforeCutoff / orders.length) * 1000) / 10,
    [`${platform}: acknowledgement messages (digests and single answers), per 100 orders`]:
      Math.round(
        (replies.filter((e) => t(e) < CUTOFF && /已收到|未受理|Received|Not accepted/.test(String(e.text))).length /
          orders.length) *
          1000,
      ) / 10,
    [`${platform}: order → its acknowledgement, p50 / p95 / max (min)`]: `${min(pct(waits, 50))} / ${min(pct(waits, 95))} / ${min(Math.max(...waits))}`,
    [`${platform}: orders never acknowledged`]: unanswered,
    [`${platform}: cut-off → each grid's batch list, first / last list begun / last list complete (s)`]: `${Math.round(Math.min(...listDelays) / 1000)} / ${Math.round(Math.max(...listDelays) / 1000)} / ${Math.round((lastList - CUTOFF) / 1000)} (${lists.length} lists in ${listParts.length} messages)`,
    [`${platform}: other messages sent before the last list was complete`]: between,
    [`${platform}: notice at 19:30 → in every group (min)`]: notices.length
      ? `${min(Math.max(...notices.map(t)) - Date.parse("2026-12-05T19:30:00+08:00"))} (${notices.length} groups)`
      : "not delivered",
    [`${platform}: limit windows`]: `${limitsHeld ? "held" : "EXCEEDED"} (${JSON.stringify(window)})`,
  };
}

export async function benchRush(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const platform of ["wechat", "telegram"] as const) {
    const lines: string[] = [];
    const t0 = performance.now();
    await runSimulate(
      rushScript(platform),
      (l) => lines.push(l),
      () => undefined,
      {
        databaseUrl:
          process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
      },
    );
    Object.assign(
      out,
      analyse(
        lines.map((l) => JSON.parse(l) as Ev),
        platform,
      ),
    );
    out[`${platform}: simulated in (s, wall clock)`] = Math.round((performance.now() - t0) / 100) / 10;
  }
  return out;
}
