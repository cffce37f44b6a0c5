// Reliability figures for the README: PostgreSQL unreachable for OUTAGE_S seconds while
// one order a second arrives (across three groups), through the real intake, send queue
// and journal; then Redis restarted without persistence with replies still queued.
// Counts what was stored, answered and lost, and how long recovery took.
import { sweep } from "../src/app/sweep";
import { startFaultyApp } from "../tests/support/faulty-app";
import { sendHooks } from "../src/app/send-hooks";

export async function benchOutage(opts: { outageS?: number } = {}): Promise<Record<string, number | string>> {
  const outageS = opts.outageS ?? Number(process.env.BENCH_OUTAGE_S ?? 30);
  const f = await startFaultyApp({ prefix: `bench-outage-${Date.now().toString(36)}` });
  try {
    const { intake, waiting, close } = f.intake({ waitNoticeMs: 15_000 });
    await intake.start();
    f.proxy.cut();
    const t0 = performance.now();
    for (let i = 1; i <= outageS; i++) {
      await intake.accept(f.order(i, ["g1", "g2", "g1"][i % 3]!));
      await new Promise((r) => setTimeout(r, 1000));
    }
    f.proxy.restore();
    const tRestore = performance.now();
    await intake.drain(120_000);
    const tStored = performance.now();
    await f.sends.drain(60_000);
    const tAnswered = performance.now();
    const stored = await f.database.prisma.order.count();
    const acks = f.delivered.filter((m) => m.text.startsWith("✅ 已收到")).length;
    await close();

    // Redis restarted without persistence with the replies to ten orders still queued.
    await f.sends.close();
    const { startSendRuntime } = await import("../src/jobs/send-queue");
    const queueOnly = await startSendRuntime({
      redisUrl: f.redis.url,
      prefix: "bench-outage-r",
      adapters: () => new Map(),
      log: { warn: () => undefined },
      hooks: sendHooks(() => f.app.deps),
      worker: false,
    });
    (f.app.deps as { outbox: typeof queueOnly.outbox }).outbox = queueOnly.outbox;
    const { handleMessage } = await import("../src/app/handle-message");
    for (let i = 101; i <= 110; i++) await handleMessage(f.app.deps, f.order(i, "g2"));
    await f.redis.kill();
    await f.redis.start(); // a fresh, empty Redis (the append-only file is kept here, so flush it)
    const { Redis } = await import("ioredis");
    const r = new Redis(f.redis.url);
    await r.flushall();
    r.disconnect();
    const before = f.delivered.length;
    const sending = await startSendRuntime({
      redisUrl: f.redis.url,
      prefix: "bench-outage-r",
      adapters: () =>
        new Map([
          [
            "sim",
            {
              platform: "sim",
              account: () => "bot",
              start: async () => undefined,
              stop: async () => undefined,
              send: async (m) => {
                f.delivered.push(m);
                return { ok: true, messageId: null };
              },
            },
          ],
        ]),
      log: { warn: () => undefined },
      hooks: sendHooks(() => f.app.deps),
    });
    (f.app.deps as { outbox: typeof sending.outbox }).outbox = sending.outbox;
    f.app.clock.advanceTo(new Date(f.app.clock.now().getTime() + 3 * 60_000));
    const resent = (await sweep(f.app.deps)).resent;
    await sending.drain(30_000);
    await sweep(f.app.deps);
    await sending.drain(5_000);
    const afterRestart = f.delivered.length - before;
    await queueOnly.close();
    await sending.close();
    return {
      "PostgreSQL outage (s)": Math.round((tRestore - t0) / 1000),
      "orders sent during it": outageS,
      "orders stored": stored,
      "orders answered": acks,
      "orders lost": outageS - stored,
      "groups told their messages wait": waiting.length,
      "restore → all stored (ms)": Math.round(tStored - tRestore),
      "restore → all answered (ms)": Math.round(tAnswered - tRestore),
      "Redis restart, no persistence: replies queued then lost by Redis": 10,
      "… re-sent from the outbox table by the sweep": resent,
      "… delivered after the restart (each once)": afterRestart,
    };
  } finally {
    await f.close();
  }
}
