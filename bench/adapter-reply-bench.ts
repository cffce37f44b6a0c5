// The time from an inbound platform update to the bot's reply reaching the platform,
// through each adapter and the whole app (parse, rules, PostgreSQL, reply): Telegram via
// telegraf and a local fake Bot API, WeChat via wechaty and the mock puppet.
import { openTestDatabase } from "../tests/support/db";
import { startTelegramHarness, TEST_GROUP } from "../tests/adapters/telegram-harness";
import { startWechatHarness } from "../tests/adapters/wechat-harness";
import { makeDayApp } from "../tests/e2e/scripted-day";
import { runWhenMain } from "./standalone";

function stats(prefix: string, xs: number[]): Record<string, number> {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { [`${prefix} update → reply, median (ms)`]: q(0.5), [`${prefix} update → reply, p95 (ms)`]: q(0.95) };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

export async function benchAdapterReplies(opts: { messages?: number } = {}): Promise<Record<string, number | string>> {
  const n = opts.messages ?? 100;
  const out: Record<string, number | string> = { "adapters: messages each": n };
  {
    const db = await openTestDatabase();
    const app = await makeDayApp(db.prisma, "telegram", String(TEST_GROUP.id), "u_leader");
    const h = await startTelegramHarness(app.handlers);
    app.setAdapter(h.adapter);
    const lat: number[] = [];
    for (let i = 0; i < n + 10; i++) {
      const before = h.fake.sent().length;
      const t = performance.now();
      h.fake.message(TEST_GROUP, { id: `u${i}`, first_name: "居民" }, `${1 + (i % 9)}-2-${100 + i} 100元套餐1份`);
      await until(() => h.fake.sent().length > before);
      if (i >= 10) lat.push(performance.now() - t);
    }
    Object.assign(out, stats("telegram:", lat));
    await h.close();
    await db.drop();
  }
  {
    const db = await openTestDatabase();
    let handlers: Awaited<ReturnType<typeof makeDayApp>>["handlers"] | null = null;
    const h = await startWechatHarness({
      onMessage: async (m) => handlers?.onMessage(m),
      onEvent: async (e) => handlers?.onEvent(e),
    });
    const app = await makeDayApp(db.prisma, "wechat", h.groupChatId, "u_leader");
    handlers = app.handlers;
    app.setAdapter(h.adapter);
    const lat: number[] = [];
    for (let i = 0; i < n + 10; i++) {
      const before = h.world.botPosts.length;
      const t = performance.now();
      h.world.post(h.world.member(`u${i}`, `居民${i}`), { text: `${1 + (i % 9)}-2-${100 + i} 100元套餐1份` });
      await until(() => h.world.botPosts.length > before);
      if (i >= 10) lat.push(performance.now() - t);
    }
    Object.assign(out, stats("wechat:", lat));
    await h.close();
    await db.drop();
  }
  return out;
}

runWhenMain(import.meta.url, benchAdapterReplies);
