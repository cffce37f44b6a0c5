// `npm run bench -- memory`: resident memory of `npm start` idle on the embedded default
// (PGlite in ./data, the sample village, the console) against its floor measured in the
// same run — a bare Node process holding only PGlite with the same data directory opened and
// every table read once.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { runWhenMain } from "./standalone";

const rssMiB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(child: ChildProcess, re: RegExp, ms = 120_000): Promise<void> {
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}`)), ms);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (re.test(out)) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once("exit", (c) => {
      clearTimeout(t);
      reject(new Error(`exited ${c}: ${out.slice(-300)}`));
    });
  });
}

const SETTLE_MS = Number(process.env.BENCH_MEM_SETTLE_MS ?? 20_000);
const PAIRS = Number(process.env.BENCH_MEM_PAIRS ?? 3);

/** RSS after `settleMs` idle: the median of five samples 400 ms apart. */
async function idleRss(pid: number, settleMs: number): Promise<number> {
  await sleep(settleMs);
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    xs.push(rssMiB(pid));
    await sleep(400);
  }
  return xs.sort((a, b) => a - b)[2]!;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** `npm start` on `dir` until started, idle for the settle time: its RSS (MiB). */
async function appSample(dir: string, prefix: string, settleMs = SETTLE_MS): Promise<number> {
  const app = spawn("bin/baogong", ["start"], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", BAOGONG_QUEUE_PREFIX: prefix, DASHBOARD_PORT: "off" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    await waitFor(app, /已启动 \/ started/);
    return await idleRss(app.pid!, settleMs);
  } finally {
    app.stdin!.end();
    await new Promise((r) => (app.exitCode === null ? app.once("exit", r) : r(null)));
  }
}

/**
 * The floor: Node holding only PGlite on the same (filled) data directory, having read every
 * table once (as the app's start-up reads its configuration, catalog and village), idle as
 * long: its RSS (MiB). PGlite's WebAssembly memory is resident only where PostgreSQL has
 * worked — with a single count it settles near 95 MiB, after every table near 150 MiB — and
 * V8's memory for compiling PGlite (some 160 MiB) is given back only 9-20 s after start, which
 * a sample taken sooner counts.
 */
async function floorSample(dir: string): Promise<number> {
  const script = `const { PGlite } = await import("@electric-sql/pglite"); const pg = new PGlite(${JSON.stringify(path.join(dir, "pglite"))}); await pg.waitReady; const t = await pg.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"); for (const r of t.rows) await pg.query('SELECT * FROM "' + r.tablename + '"'); console.log("ready"); setInterval(() => {}, 1000);`;
  const floor = spawn(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? "65536" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await waitFor(floor, /ready/);
    return await idleRss(floor.pid!, SETTLE_MS);
  } finally {
    floor.kill();
    await new Promise((r) => (floor.exitCode === null ? floor.once("exit", r) : r(null)));
  }
}

/**
 * Idle RSS of `npm start` (embedded PGlite in a fresh DATA_DIR, the sample village, the
 * console, no dashboard) beside its floor, in BENCH_MEM_PAIRS pairs (default 3) on the same
 * data, the order within a pair alternating; each sampled after BENCH_MEM_SETTLE_MS idle
 * (default 20 s). Reports the median and range of each and the ratio of the medians.
 */
export async function benchMemory(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-mem-"));
  const prefix = `bench-mem-${Date.now().toString(36)}`;
  try {
    // The first start loads the sample village; every sample then opens the same data.
    await appSample(dir, prefix, 0);
    const apps: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2 === 0) {
        apps.push(await appSample(dir, prefix));
        floors.push(await floorSample(dir));
      } else {
        floors.push(await floorSample(dir));
        apps.push(await appSample(dir, prefix));
      }
    }
    const range = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
    const a = median(apps);
    const f = median(floors);
    return {
      [`memory: npm start idle, sample village, PGlite, median of ${PAIRS} after ${SETTLE_MS / 1000} s (range) (MiB)`]: `${a} (${range(apps)})`,
      [`memory: floor, bare Node holding PGlite on the same data, every table read once, median of ${PAIRS} (range) (MiB)`]: `${f} (${range(floors)})`,
      "memory: samples app / floor, in pair order (MiB)": apps.map((x, i) => `${x}/${floors[i]}`).join(", "),
      "memory: ratio of the medians (goal ≤ 1.2×)": `${(a / f).toFixed(2)}×`,
    };
  } finally {
    const redis = new Redis(process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, benchMemory);
