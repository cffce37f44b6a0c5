// `npm run bench -- memory`: resident memory of `npm start` idle on the embedded default
// (PGlite in ./data, the sample village, the console) against its floor measured in the
// same run — a bare Node process holding only PGlite with the same data directory opened.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";

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

/** RSS after `settleMs` idle, sampled a few times: the median. */
async function idleRss(pid: number, settleMs: number): Promise<number> {
  await sleep(settleMs);
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    xs.push(rssMiB(pid));
    await sleep(400);
  }
  return xs.sort((a, b) => a - b)[2]!;
}

export async function benchMemory(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-mem-"));
  const prefix = `bench-mem-${Date.now().toString(36)}`;
  try {
    const app = spawn("bin/baogong", ["start"], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", BAOGONG_QUEUE_PREFIX: prefix, DASHBOARD_PORT: "off" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    await waitFor(app, /已启动 \/ started/);
    const appRss = await idleRss(app.pid!, 5000);
    app.stdin!.end();
    await new Promise((r) => app.once("exit", r));
    // The floor: Node holding only PGlite, on the same (now filled) data directory.
    const script = `const { PGlite } = await import("@electric-sql/pglite"); const pg = new PGlite(${JSON.stringify(path.join(dir, "pglite"))}); await pg.waitReady; await pg.query("SELECT count(*) FROM \\"Order\\""); console.log("ready"); setInterval(() => {}, 1000);`;
    const floor = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await waitFor(floor, /ready/);
    const floorRss = await idleRss(floor.pid!, 3000);
    floor.kill();
    return {
      "memory: npm start idle, sample village, PGlite (MiB)": appRss,
      "memory: floor, bare Node holding PGlite on the same data (MiB)": floorRss,
      "memory: ratio (goal ≤ 1.2×)": `${(appRss / floorRss).toFixed(2)}×`,
    };
  } finally {
    const redis = new Redis(process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchMemory().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k}: ${v}`);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
