// The chat console as a newcomer starts it: start-up time on the embedded default
// (PGlite + local Redis), and the time from a typed order to the bot's reply.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { runWhenMain } from "./standalone";

export async function benchConsole(opts: { messages?: number } = {}): Promise<Record<string, number | string>> {
  const n = opts.messages ?? 30;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-bench-"));
  const prefix = `bench-console-${Date.now().toString(36)}`;
  const t0 = performance.now();
  const child = spawn("bin/baogong", ["start"], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", BAOGONG_QUEUE_PREFIX: prefix },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const waiters: Array<{ re: RegExp; resolve: (t: number) => void }> = [];
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters])
      if (w.re.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(performance.now());
      }
  });
  const wait = (re: RegExp) =>
    new Promise<number>((resolve) => {
      if (re.test(out)) resolve(performance.now());
      else waiters.push({ re, resolve });
    });
  const started = await wait(/已启动 \/ started/);
  const firstStart = started - t0;
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    const hh = `${1 + (i % 9)}-1-${101 + i}`;
    const t = performance.now();
    child.stdin.write(`${hh} 张 100元套餐1份\n`);
    latencies.push((await wait(new RegExp(`已收到 ${hh} 的订单`))) - t);
  }
  child.stdin.end();
  await new Promise((r) => child.once("exit", r));
  // A second start on the same data directory: the database exists, the village is loaded.
  const t1 = performance.now();
  const again = spawn("bin/baogong", ["start"], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", BAOGONG_QUEUE_PREFIX: prefix },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out2 = "";
  const restart = await new Promise<number>((resolve) =>
    again.stdout.on("data", (d: Buffer) => {
      out2 += d.toString();
      if (/已启动/.test(out2)) resolve(performance.now() - t1);
    }),
  );
  again.stdin.end();
  await new Promise((r) => again.once("exit", r));
  const redis = new Redis(process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  return {
    "console: first start-up, new data dir (ms)": Math.round(firstStart),
    "console: start-up, existing data dir (ms)": Math.round(restart),
    "console: order → reply, median (ms)": q(0.5),
    "console: order → reply, p95 (ms)": q(0.95),
    "console: messages": n,
  };
}

runWhenMain(import.meta.url, benchConsole);
