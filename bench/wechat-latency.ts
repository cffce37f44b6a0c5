// Latency of the WeChat adapter itself, through Wechaty and wechaty-puppet-mock (no network):
//   inbound:  a member says something in the group → the adapter's onMessage
//   outbound: adapter.send → the message reaches the (mock) group
// Run: npx tsx bench/wechat-latency.ts
import { pathToFileURL } from "node:url";
import { createWechatAdapter } from "../src/bot/wechat/adapter";
import { createMockWorld } from "../tests/support/wechat-mock-world";

const WARMUP = 20;
const ROUNDS = 200;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function summary(prefix: string, samples: number[]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    [`${prefix}_median_ms`]: round(percentile(sorted, 50)),
    [`${prefix}_p95_ms`]: round(percentile(sorted, 95)),
    [`${prefix}_max_ms`]: round(sorted.at(-1) ?? Number.NaN),
  };
}

export async function benchWechatLatency(): Promise<Record<string, number>> {
  const world = createMockWorld();
  let onInbound: (() => void) | null = null;
  const adapter = createWechatAdapter({ puppet: world.puppet, log: () => {}, onQr: () => {} });
  let loggedIn!: () => void;
  const login = new Promise<void>((r) => {
    loggedIn = r;
  });
  await adapter.start({
    async onMessage() {
      onInbound?.();
    },
    async onEvent(e) {
      if (e.type === "login") loggedIn();
    },
  });
  world.login();
  await login;

  const member = world.member("wxid_bench", "3-1-101 测试");
  const inbound: number[] = [];
  const outbound: number[] = [];
  try {
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const arrived = new Promise<void>((r) => {
        onInbound = r;
      });
      const t0 = performance.now();
      member.say(`3-1-101 100元套餐${i}份`).to(world.room);
      await arrived;
      if (i >= WARMUP) inbound.push(performance.now() - t0);
    }
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const seen = new Promise<void>((r) => {
        world.onBotPost = () => r();
      });
      const t0 = performance.now();
      const sent = adapter.send({ platform: "wechat", chatId: world.roomId, text: `已收到订单 #${i}`, buttons: [] });
      await seen;
      if (i >= WARMUP) outbound.push(performance.now() - t0);
      const r = await sent;
      if (!r.ok) throw new Error(`send failed: ${r.reason}`);
    }
  } finally {
    await adapter.stop();
  }
  return { messages: ROUNDS, ...summary("inbound", inbound), ...summary("outbound", outbound) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchWechatLatency().then(
    (r) => {
      console.table(r);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
