// The local Redis of the embedded default: one already running is used; else a
// redis-server is started with its data (append-only) under the data directory;
// else start-up stops with how to install one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { checkRedis, ensureRedis, RedisUnavailableError } from "../../src/infra/redis";
import { TEST_REDIS_URL } from "../support/db";

describe("local Redis", () => {
  it("uses a Redis that already answers", async () => {
    const h = await ensureRedis({ dataDir: os.tmpdir(), port: Number(new URL(TEST_REDIS_URL).port) });
    expect(h.child).toBeNull();
    await h.stop();
  });

  it("starts redis-server with append-only data under the data directory, and stops it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-redis-"));
    const port = 17_000 + Math.floor(Math.random() * 2000);
    const h = await ensureRedis({ dataDir: dir, port });
    try {
      expect(h.child).not.toBeNull();
      expect(h.url).toBe(`redis://127.0.0.1:${port}`);
      const r = new Redis(h.url);
      await r.set("k", "v");
      expect(await r.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
      expect(await r.config("GET", "dir")).toEqual(["dir", path.join(dir, "redis")]);
      r.disconnect();
    } finally {
      await h.stop();
    }
    expect(h.child!.exitCode !== null || h.child!.signalCode !== null).toBe(true);
  });

  it("says how to install Redis when there is none", async () => {
    const port = 19_500 + Math.floor(Math.random() * 400);
    await expect(ensureRedis({ dataDir: os.tmpdir(), port, redisServer: "/nonexistent/redis-server" })).rejects.toThrow(
      /no Redis: set REDIS_URL, or install a local server \(.*apt-get install -y redis-server/,
    );
  });

  it("an unreachable REDIS_URL is one clear error", async () => {
    await expect(checkRedis("redis://127.0.0.1:1")).rejects.toBeInstanceOf(RedisUnavailableError);
  });
});
