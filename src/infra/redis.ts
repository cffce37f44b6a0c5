// Redis: REDIS_URL, else a server already answering on 127.0.0.1:6379, else a
// redis-server started here as a child process with its data under ./data/redis.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { firstNodeUrl } from "./redis-connection";

export class RedisUnavailableError extends Error {}

export interface RedisHandle {
  url: string;
  /** The redis-server this process started, if it started one. */
  child: ChildProcess | null;
  stop(): Promise<void>;
}

const DEFAULT_PORT = 6379;

function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once("error", () => done(false));
    s.once("connect", () => {
      s.write("PING\r\n");
      s.once("data", (d) => done(d.toString().startsWith("+PONG") || d.toString().startsWith("-NOAUTH")));
    });
  });
}

/** Checks that a Redis at `url` answers and is recent enough for BullMQ (≥ 6.2). */
export async function checkRedis(url: string): Promise<void> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  r.on("error", () => undefined);
  try {
    await r.connect();
    const info = await r.info("server");
    const v = /redis_version:(\d+)\.(\d+)/.exec(info);
    if (v && (Number(v[1]) < 6 || (Number(v[1]) === 6 && Number(v[2]) < 2))) {
      throw new RedisUnavailableError(`Redis at ${url} is version ${v[1]}.${v[2]}; BullMQ needs 6.2 or newer`);
    }
  } catch (e) {
    if (e instanceof RedisUnavailableError) throw e;
    throw new RedisUnavailableError(`cannot reach Redis at ${url}: ${(e as Error).message}`);
  } finally {
    r.disconnect();
  }
}

export async function ensureRedis(opts: {
  url?: string | undefined;
  dataDir: string;
  log?: (msg: string) => void;
  port?: number;
  redisServer?: string;
}): Promise<RedisHandle> {
  const LOCAL = { host: "127.0.0.1", port: opts.port ?? DEFAULT_PORT };
  if (opts.url) {
    await checkRedis(firstNodeUrl(opts.url)); // a cluster: its first node stands for its version

    return { url: opts.url, child: null, stop: async () => undefined };
  }
  const url = `redis://${LOCAL.host}:${LOCAL.port}`;
  if (await answers(LOCAL.host, LOCAL.port)) {
    await checkRedis(url);
    return { url, child: null, stop: async () => undefined };
  }
  const dir = path.resolve(opts.dataDir, "redis");
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new RedisUnavailableError(
      `no Redis answers on 127.0.0.1:${LOCAL.port}, and one cannot be started with its data in ${dir} (${(e as Error).message}): set REDIS_URL, or DATA_DIR to a writable directory`,
    );
  }
  let child: ChildProcess;
  try {
    child = spawn(
      opts.redisServer ?? "redis-server",
      ["--bind", LOCAL.host, "--port", String(LOCAL.port), "--dir", dir, "--appendonly", "yes", "--save", ""],
      {
        stdio: "ignore",
      },
    );
  } catch {
    throw new RedisUnavailableError(noRedisMessage());
  }
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  for (let i = 0; i < 50; i++) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (failed) throw new RedisUnavailableError(noRedisMessage());
    if (await answers(LOCAL.host, LOCAL.port)) {
      opts.log?.(`started redis-server (data in ${dir})`);
      return {
        url,
        child,
        stop: async () => {
          if (child.exitCode === null) {
            child.kill("SIGTERM");
            await new Promise((r) => child.once("exit", r));
          }
        },
      };
    }
  }
  child.kill("SIGKILL");
  throw new RedisUnavailableError(`redis-server was started but did not answer on 127.0.0.1:${LOCAL.port} within 5 s`);
}

function noRedisMessage(): string {
  return "no Redis: set REDIS_URL, or install a local server (Debian/Ubuntu: `sudo apt-get install -y redis-server`; macOS: `brew install redis`)";
}
