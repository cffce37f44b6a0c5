// `npm run bench -- throughput`: order messages through the live app — the intake (its Redis
// journal, the keyed queue), handleMessage, the BullMQ send and job queues — over many chats,
// at offered rates of 20, 100 and 300 messages a second, on PostgreSQL (and PGlite with
// BENCH_TP_PGLITE=1). Beside it, in the same run, the floor: a bare Prisma transaction with
// the same writes (message id, order, 2 lines), one at a time and ten at a time.
//
// Reported per rate: messages handled per second, the reply decision's latency (from the
// moment the message was offered to stored with its reply queued — a backlog counts), the
// SQL statements per message (counted at the pg driver, BEGIN/COMMIT included) and the CPU
// per message of this process, and the event loop's delay (p99) while the rate runs, beside the
// same process idle for two seconds: what a statement running in the app's thread holds up.
import { randomBytes, randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { Pipeline, Redis } from "ioredis";
import { applySetup } from "../src/app/apply-setup";
import { ConfigCache } from "../src/app/config-cache";
import { handleMessage } from "../src/app/handle-message";
import { Intake } from "../src/app/intake";
import { SetupSpecSchema } from "../src/app/setup-spec";
import { openDatabase, type Database } from "../src/db/database";
import { systemClock } from "../src/domain/clock";
import type { InboundMessage } from "../src/domain/messages";
import { silentLogger } from "../src/infra/logger";
import { journalClient, RedisInboundJournal } from "../src/infra/inbound-journal";
import { wireLiveApp, type LiveApp } from "../src/cli/wire";
import { runWhenMain } from "./standalone";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const SECONDS = Number(process.env.BENCH_TP_SECONDS ?? 10);
const RATES = (process.env.BENCH_TP_RATES ?? "20,100,300").split(",").map(Number);
const CHATS = Number(process.env.BENCH_TP_CHATS ?? 100);
const CONCURRENCY = Number(process.env.INBOUND_CONCURRENCY ?? 8);
/** Connections in the app's pool (PostgreSQL). */
const POOL = Number(process.env.BENCH_TP_POOL ?? 10);
/** How long after the last offered message the run waits for the rest. */
const GRACE_MS = Number(process.env.BENCH_TP_GRACE_MS ?? 30_000);

// Every statement any pg client sends (PrismaPg runs on pg.Pool's clients).
let statements = 0;
const origQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: unknown, ...a: unknown[]) {
  statements++;
  return origQuery.apply(this, a);
};

// Every Redis command any ioredis client sends (BullMQ's included), and the writes they take:
// a command sent alone is one, a pipeline or MULTI (auto-pipelining's too) one for all of its.
let redisCommands = 0;
let redisWrites = 0;
const origSend = Redis.prototype.sendCommand as (...a: unknown[]) => unknown;
(Redis.prototype as { sendCommand: unknown }).sendCommand = function (this: unknown, ...a: unknown[]) {
  redisCommands++;
  if (a[1] === undefined) redisWrites++;
  return origSend.apply(this, a);
};
const origExec = (Pipeline.prototype as unknown as { exec: (...a: unknown[]) => unknown }).exec;
(Pipeline.prototype as unknown as { exec: unknown }).exec = function (this: unknown, ...a: unknown[]) {
  redisWrites++;
  return origExec.apply(this, a);
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** The bench village: one grid and group per chat (`chats`), a rumour watch. */
export async function village(db: Database["prisma"], chats = CHATS): Promise<void> {
  await applySetup(
    db,
    SetupSpecSchema.parse({
      villages: [
        {
          name: "压测村",
          limits: { PKG150: 2 },
          grids: Array.from({ length: chats }, (_, i) => ({
            code: String(i + 1),
            groups: [{ platform: "telegram", chatId: `tp${i + 1}` }],
            leaders: [{ platform: "telegram", userId: `lead${i + 1}` }],
          })),
        },
      ],
      officials: {
        groups: [{ platform: "telegram", chatId: "gov" }],
        members: [{ platform: "telegram", userId: "off" }],
      },
    }),
  );
  // A rumour watch, as officials keep them: every resident message is checked against it.
  await db.rumourWatch.create({
    data: { id: "bench-watch", keywords: ["封城", "断粮"], text: "不实消息", issuedBy: "off", createdAt: new Date() },
  });
}

let seq = 0;
/** The n-th order: its own household and sender in chat n % chats (so every one is accepted). */
export function orderMessage(run: string, n: number, chats = CHATS): InboundMessage {
  const chat = n % chats;
  const k = Math.floor(n / chats);
  const hh = `${chat + 1}-${1 + (k % 4)}-${1000 + k}`;
  return {
    platform: "telegram",
    chatId: `tp${chat + 1}`,
    messageId: `${run}-${n}-${seq++}`,
    senderId: `u${run}-${n}`,
    senderName: `${hh} 张`,
    text: `${hh} 张 100元套餐1份 鸡蛋2盒`,
    at: systemClock.now(),
    mentionsBot: false,
    action: null,
    replyTo: null,
    chatTitle: null,
    edits: null,
    recalls: null,
  };
}

interface RateResult {
  offered: number;
  handled: number;
  perSecond: number;
  p50: number;
  p99: number;
  statements: number;
  redisCommands: number;
  redisWrites: number;
  cpuMs: number;
  unanswered: number;
  loopDelayP99: number;
}

/** The event loop's delay over `f`, p99 in ms (sampled every 10 ms). */
async function loopDelay<T>(f: () => Promise<T>): Promise<{ result: T; p99: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  try {
    const result = await f();
    return { result, p99: r1(h.percentile(99) / 1e6) };
  } finally {
    h.disable();
  }
}

/** One offered rate through the live app. */
async function offer(intake: Intake, done: Map<string, number>, rate: number, run: string): Promise<RateResult> {
  const total = Math.round(rate * SECONDS);
  const offeredAt = new Map<string, number>();
  done.clear();
  const s0 = statements;
  const rc0 = redisCommands;
  const rw0 = redisWrites;
  const c0 = cpuMs();
  const t0 = performance.now();
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const accepts: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const m = orderMessage(run, i);
    offeredAt.set(m.messageId, due);
    accepts.push(intake.accept(m).catch(() => undefined));
  }
  await Promise.all(accepts);
  const deadline = performance.now() + GRACE_MS;
  while (done.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  h.disable();
  const last = Math.max(...done.values());
  const lat = [...done.entries()].map(([id, t]) => t - offeredAt.get(id)!);
  const handled = done.size;
  const res: RateResult = {
    offered: total,
    handled,
    perSecond: r1((handled / (last - t0)) * 1000),
    p50: Math.round(pct(lat, 0.5)),
    p99: Math.round(pct(lat, 0.99)),
    statements: r1((statements - s0) / Math.max(1, handled)),
    redisCommands: r1((redisCommands - rc0) / Math.max(1, handled)),
    redisWrites: r1((redisWrites - rw0) / Math.max(1, handled)),
    cpuMs: r1((cpuMs() - c0) / Math.max(1, handled)),
    unanswered: total - handled,
    loopDelayP99: r1(h.percentile(99) / 1e6),
  };
  await intake.drain(60_000); // what the grace left: not counted, but out of the next rate's way
  return res;
}

/** One bare transaction with the writes of an order message: message id, order, 2 lines. */
type BareTx = (householdId: string, gridId: string, key: string) => Promise<void>;

/** The bare transaction through Prisma (an interactive transaction, model queries). */
function prismaBare(db: Database["prisma"]): BareTx {
  return async (householdId, gridId, key) => {
    const id = randomUUID();
    await db.$transaction(async (tx) => {
      await tx.inboundMessage.createMany({
        data: [
          {
            key: `${key}:${id}`,
            platform: "telegram",
            chatId: "floor",
            senderId: "f",
            receivedAt: new Date(),
            kind: "order",
          },
        ],
        skipDuplicates: true,
      });
      await tx.order.create({
        data: { id, householdId, gridId, placedAt: new Date(), deliveryDate: "2026-12-31", totalCents: 11000 },
      });
      await tx.orderLine.createMany({
        data: [
          { orderId: id, sku: "PKG100", qty: 1, unitPriceCents: 10000 },
          { orderId: id, sku: "EGGS", qty: 2, unitPriceCents: 500 },
        ],
      });
    });
  };
}

/** The same transaction on node-postgres directly: the same five statements, parameterised. */
function pgBare(pool: pg.Pool): BareTx {
  return async (householdId, gridId, key) => {
    const id = randomUUID();
    const now = new Date();
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      await c.query(
        `INSERT INTO "InboundMessage" ("key", "platform", "chatId", "senderId", "receivedAt", "kind") VALUES ($1, 'telegram', 'floor', 'f', $2::timestamp(3), 'order') ON CONFLICT DO NOTHING`,
        [`${key}:${id}`, now],
      );
      await c.query(
        `INSERT INTO "Order" ("id", "householdId", "gridId", "placedAt", "deliveryDate", "totalCents", "updatedAt") VALUES ($1, $2, $3, $4::timestamp(3), '2026-12-31', 11000, $4::timestamp(3))`,
        [id, householdId, gridId, now],
      );
      await c.query(
        `INSERT INTO "OrderLine" ("id", "orderId", "sku", "qty", "unitPriceCents") VALUES ($1, $3, 'PKG100', 1, 10000), ($2, $3, 'EGGS', 2, 500)`,
        [randomUUID(), randomUUID(), id],
      );
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
}

async function floorHouseholds(db: Database["prisma"], n: number, villageId: string, gridId: string) {
  return db.household.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({
      villageId,
      gridId,
      code: `9-9-${randomBytes(4).toString("hex")}-${i}`,
    })),
    select: { id: true },
  });
}

/** The floor: the bare transaction, `parallel` at a time. */
async function bareFloor(
  db: Database["prisma"],
  bare: BareTx,
  n: number,
  parallel: number,
  villageId: string,
  gridId: string,
): Promise<{ perSecond: number; statements: number; cpuMs: number }> {
  const hhs = await floorHouseholds(db, n, villageId, gridId);
  const s0 = statements;
  const c0 = cpuMs();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < n; i = next++) await bare(hhs[i]!.id, gridId, "floor");
    }),
  );
  const ms = performance.now() - t0;
  return { perSecond: r1((n / ms) * 1000), statements: r1((statements - s0) / n), cpuMs: r1((cpuMs() - c0) / n) };
}

/** The latency floor: the bare transaction at 20 a second. */
async function bareLatency(
  db: Database["prisma"],
  bare: BareTx,
  villageId: string,
  gridId: string,
): Promise<{ p50: number; p99: number }> {
  const lat: number[] = [];
  const n = 20 * Math.min(SECONDS, 5);
  const hhs = await floorHouseholds(db, n, villageId, gridId);
  const t0 = performance.now();
  const all: Array<Promise<void>> = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + i * 50;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    all.push(bare(hhs[i]!.id, gridId, "lat").then(() => void lat.push(performance.now() - due)));
  }
  await Promise.all(all);
  return { p50: r1(pct(lat, 0.5)), p99: r1(pct(lat, 0.99)) };
}

/**
 * The live wiring as `bin/baogong start` makes it, without workers: replies and jobs are
 * queued on Redis (`redisUrl`, under `prefix`), not sent or run; the configuration cache
 * follows the database's notifications. Close its `sends` and `jobs` when done.
 */
export async function liveWithoutWorkers(database: Database, redisUrl: string, prefix: string): Promise<LiveApp> {
  const config = new ConfigCache(database.prisma);
  await database.onConfigChange(() => config.invalidate());
  return wireLiveApp({
    db: database.prisma,
    sql: database.sql,
    config,
    clock: systemClock,
    timezone: "Asia/Shanghai",
    log: silentLogger,
    redisUrl,
    prefix,
    jobs: { worker: false },
    sends: { adapters: () => new Map(), log: silentLogger, worker: false, platforms: [] },
  });
}

export async function benchThroughput(
  opts: { url?: string; label?: string } = {},
): Promise<Record<string, number | string>> {
  const url = opts.url ?? (process.env.BENCH_TP_PGLITE ? "memory://" : PG);
  const label = opts.label ?? (url.startsWith("postgres") ? "PostgreSQL" : "PGlite");
  const schema = `bench_tp_${randomBytes(4).toString("hex")}`;
  const prefix = `bench-tp-${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(url, { schema, poolSize: POOL });
  const db = database.prisma;
  const out: Record<string, number | string> = {};
  const journalRedis = journalClient(REDIS); // as src/cli/start.ts makes it
  let live: LiveApp | null = null;
  let floorPool: pg.Pool | null = null;
  try {
    await village(db);
    live = await liveWithoutWorkers(database, REDIS, prefix);
    const deps = live.deps;
    const done = new Map<string, number>();
    const intake = new Intake({
      handle: async (m) => {
        await handleMessage(deps, m);
        done.set(m.messageId, performance.now());
      },
      journal: new RedisInboundJournal({ redis: journalRedis, prefix }),
      clock: systemClock,
      log: silentLogger,
      concurrency: CONCURRENCY,
    });
    await intake.start();
    const v = await db.village.findFirstOrThrow();
    const grid = await db.grid.findFirstOrThrow();

    // Warm-up: first statements compile, the pool fills.
    for (let i = 0; i < 50; i++) await intake.accept(orderMessage("warm", i));
    await intake.drain(60_000);

    // BENCH_TP_FLOOR=0 skips the floors (to profile the app alone). Two floors: the bare
    // transaction through Prisma, and (PostgreSQL) the same on node-postgres directly.
    const skip = process.env.BENCH_TP_FLOOR === "0";
    const none = {
      one: { perSecond: NaN },
      ten: { perSecond: NaN, statements: 5, cpuMs: NaN },
      lat: { p50: NaN, p99: NaN },
    };
    const floorOf = async (bare: BareTx) =>
      skip
        ? none
        : {
            one: await bareFloor(db, bare, 300, 1, v.id, grid.id),
            ten: await bareFloor(db, bare, 1000, 10, v.id, grid.id),
            lat: await bareLatency(db, bare, v.id, grid.id),
          };
    floorPool = url.startsWith("postgres")
      ? new pg.Pool({ connectionString: url, max: 10, options: `-c search_path="${schema}"` })
      : null;
    const floors: Array<[string, Awaited<ReturnType<typeof floorOf>>]> = [
      ["Prisma", await floorOf(prismaBare(db))],
      ...(floorPool ? [["pg", await floorOf(pgBare(floorPool))] as [string, Awaited<ReturnType<typeof floorOf>>]] : []),
    ];
    for (const [name, f] of floors) {
      out[
        `${label}: floor (${name}), bare transaction (message id, order, 2 lines), one at a time / ten at a time (/s)`
      ] = `${f.one.perSecond} / ${f.ten.perSecond}`;
      out[`${label}: floor (${name}), statements per bare transaction`] = f.ten.statements;
      out[`${label}: floor (${name}), CPU per bare transaction, ten at a time (ms)`] = f.ten.cpuMs;
      out[`${label}: floor (${name}), bare transaction at 20/s, p50 / p99 (ms)`] = `${f.lat.p50} / ${f.lat.p99}`;
    }
    const ratios = (x: number, of: (f: (typeof floors)[number][1]) => number, digits = 2) =>
      floors.map(([name, f]) => `${(x / of(f)).toFixed(digits)}× ${name}`).join(", ");

    const idle = await loopDelay(() => new Promise((r) => setTimeout(r, 2000)));
    const rssBefore = process.memoryUsage().rss;
    for (const rate of RATES) {
      const r = await offer(intake, done, rate, `r${rate}-${randomBytes(2).toString("hex")}`);
      out[`${label}: offered ${rate}/s × ${SECONDS} s: handled / offered`] =
        `${r.handled} / ${r.offered}${r.unanswered ? ` (${r.unanswered} not handled ${GRACE_MS / 1000} s after the last)` : ""}`;
      out[`${label}: offered ${rate}/s: orders handled per second (× floor ten at a time)`] =
        `${r.perSecond} (${ratios(r.perSecond, (f) => f.ten.perSecond)})`;
      out[`${label}: offered ${rate}/s: offered → stored, reply queued, p50 / p99 (ms) (p99 × floor's p99 at 20/s)`] =
        `${r.p50} / ${r.p99} (${ratios(r.p99, (f) => Math.max(1, f.lat.p99), 1)})`;
      out[`${label}: offered ${rate}/s: SQL statements per message (× floor)`] =
        `${r.statements} (${ratios(r.statements, (f) => f.ten.statements, 1)})`;
      out[`${label}: offered ${rate}/s: Redis commands / writes per message (a pipeline is one write)`] =
        `${r.redisCommands} / ${r.redisWrites}`;
      out[`${label}: offered ${rate}/s: CPU per message, this process (ms) (× floor)`] =
        `${r.cpuMs} (${ratios(r.cpuMs, (f) => f.ten.cpuMs, 1)})`;
      out[`${label}: offered ${rate}/s: event-loop delay p99 (ms; idle ${idle.p99})`] =
        `${r.loopDelayP99} (${(r.loopDelayP99 / Math.max(0.1, idle.p99)).toFixed(1)}× idle)`;
    }
    out[`${label}: RSS before / after the rates (MiB)`] =
      `${Math.round(rssBefore / 1048576)} / ${Math.round(process.memoryUsage().rss / 1048576)}`;
    out[`${label}: inbound concurrency / pool connections`] = `${CONCURRENCY} / ${POOL}`;
    await intake.stop(10_000);
  } finally {
    await floorPool?.end().catch(() => undefined);
    await live?.sends.close().catch(() => undefined);
    await live?.jobs.close().catch(() => undefined);
    const keys = await journalRedis.keys(`${prefix}:*`).catch(() => [] as string[]);
    for (let i = 0; i < keys.length; i += 500) await journalRedis.del(...keys.slice(i, i + 500));
    journalRedis.disconnect();
    if (url.startsWith("postgres"))
      await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
  return out;
}

runWhenMain(import.meta.url, benchThroughput);
