// Start-up as a newcomer sees it: the console answers an order; bad configuration
// ends with one clear line, not a stack trace.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { ConfigError, loadConfig } from "../../src/config";
import { TEST_REDIS_URL } from "../support/db";

const run = promisify(execFile);

async function startFails(env: Record<string, string>): Promise<string> {
  const r = await run("bin/baogong", ["start"], { env: { ...process.env, ...env }, timeout: 30_000 }).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  return lines[0]!;
}

describe("configuration", () => {
  it("names the variable and what is wrong", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be postgresql:/);
    expect(() => loadConfig({ BAOGONG_TZ: "Mars/Olympus" })).toThrow(/BAOGONG_TZ is not a known IANA time zone/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "nope" })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => loadConfig({ REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL must be redis:\/\//);
    expect(loadConfig({}).BAOGONG_TZ).toBe("Asia/Shanghai");
  });
  it("hides a password in the message", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://u:secret@h/db" })).toThrow(/u:\*\*\*@h/);
  });
});

describe("start-up failures end with one line", () => {
  it("a malformed DATABASE_URL", async () => {
    expect(await startFails({ DATABASE_URL: "mysql://nope" })).toMatch(/^baogong: configuration: DATABASE_URL must be/);
  });
  it("an unreachable PostgreSQL", async () => {
    expect(await startFails({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/x" })).toMatch(
      /^baogong: cannot reach PostgreSQL at 127\.0\.0\.1:1\/x/,
    );
  });
  it("an unreachable REDIS_URL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-"));
    expect(await startFails({ DATA_DIR: dir, DATABASE_URL: "memory://", REDIS_URL: "redis://127.0.0.1:1" })).toMatch(
      /^baogong: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
    );
  });
});

describe("a DATA_DIR that cannot be written", () => {
  it("ends start-up on the embedded database with one line naming it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bg-")), "a-file");
    fs.writeFileSync(file, "");
    const line = await startFails({ DATA_DIR: path.join(file, "data"), DATABASE_URL: "", REDIS_URL: TEST_REDIS_URL });
    expect(line).toMatch(/^baogong: configuration: DATA_DIR .* cannot be written \(ENOTDIR/);
  });
});

describe("the chat console on the embedded default", () => {
  it("loads the sample village and answers an order", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bg-"));
    const prefix = `t-console-${Date.now().toString(36)}`;
    const child = spawn("bin/baogong", ["start"], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", BAOGONG_QUEUE_PREFIX: prefix },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stdin.write("3-2-501 张三 100元套餐1份\n");
    child.stdin.end();
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect(code).toBe(0);
    expect(out).toContain("sample-village.yaml");
    expect(out).toMatch(/已收到 3-2-501 的订单：100元套餐×1份/);
    expect(fs.existsSync(path.join(dir, "pglite"))).toBe(true);
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }, 60_000);
});
