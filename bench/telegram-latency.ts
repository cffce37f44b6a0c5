// Telegram adapter latency against the local fake Bot API server:
//  - inbound: an update enqueued on the "server" → the adapter's onMessage call (long polling)
//  - outbound: adapter.send() called → the server has recorded the sendMessage call
// Run: npx tsx bench/telegram-latency.ts
import { pathToFileURL } from "node:url";
import { createTelegramAdapter } from "../src/bot/telegram";
import { FakeTelegram, type FakeChat } from "../tests/support/fake-telegram";

const GROUP: FakeChat = { id: -1009000, type: "supergroup", title: "bench" };

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export async function benchTelegramLatency(
  opts: { messages?: number; warmup?: number } = {},
): Promise<Record<string, number>> {
  const n = opts.messages ?? 200;
  const warmup = opts.warmup ?? 20;
  const fake = await FakeTelegram.start();
  let arrived: ((at: number) => void) | null = null;
  const adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot, pollingTimeoutSec: 5 });
  await adapter.start({
    async onMessage() {
      arrived?.(performance.now());
    },
    async onEvent() {},
  });
  const inbound: number[] = [];
  const outbound: number[] = [];
  const roundTrip: number[] = [];
  try {
    for (let i = 0; i < warmup + n; i++) {
      const got = new Promise<number>((resolve) => {
        arrived = resolve;
      });
      const t0 = performance.now();
      const e = fake.message(GROUP, { id: 1000 + (i % 50), first_name: "居民" }, `${i} 号 100元套餐1份`);
      const t1 = await got;
      await e.processed(); // the poller is parked in its next long poll again
      if (i >= warmup) inbound.push(t1 - t0);
    }
    let recordedAt = 0;
    const off = fake.onCall((c) => {
      if (c.method === "sendMessage") recordedAt = c.at;
    });
    for (let i = 0; i < warmup + n; i++) {
      const t0 = performance.now();
      const r = await adapter.send({
        platform: "telegram",
        chatId: String(GROUP.id),
        text: `已收到 ${i}`,
        buttons: [],
      });
      const t2 = performance.now();
      if (!r.ok) throw new Error(`send failed: ${r.reason}`);
      if (i >= warmup) {
        outbound.push(recordedAt - t0);
        roundTrip.push(t2 - t0);
      }
    }
    off();
  } finally {
    await adapter.stop();
    await fake.close();
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [round(quantile(s, 0.5)), round(quantile(s, 0.95))] as const;
  };
  const [inMed, inP95] = stats(inbound);
  const [outMed, outP95] = stats(outbound);
  const [rtMed, rtP95] = stats(roundTrip);
  return {
    messages: n,
    inbound_median_ms: inMed,
    inbound_p95_ms: inP95,
    send_to_server_median_ms: outMed,
    send_to_server_p95_ms: outP95,
    send_round_trip_median_ms: rtMed,
    send_round_trip_p95_ms: rtP95,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchTelegramLatency());
}
