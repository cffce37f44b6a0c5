// `npm run bench -- district`: a district evening past one machine's worth of processes —
// 300 groups (10 villages × 30 grids, 100,000 households between them), two bot processes
// (`bin/baogong start`, each a Telegram account in 150 of the groups, over a local fake Bot
// API server each) and two `bin/baogong worker` processes, over one PostgreSQL database and
// one Redis. The orders of the last two hours before the cut-off (30,000 in the district; by
// default a tenth of them, BENCH_DISTRICT_ORDERS, sent at BENCH_DISTRICT_RATE a second —
// compressed time) arrive as group messages; then every grid's cut-off fires. Checked: every
// order stored once, every batch built and posted once, no Telegram limit exceeded per account,
// and every message sent through the account that is in its group (none through the other).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { applySetup } from "../src/app/apply-setup";
import { SetupSpecSchema } from "../src/app/setup-spec";
import { openDatabase } from "../src/db/database";
import { connectionFor, JOBS_QUEUE } from "../src/jobs/bullmq-runtime";
import { DEFAULT_SEND_LIMITS } from "../src/jobs/rate-limit";
import { maxInWindow, maxInWindowPerKey } from "../tests/support/rate-limit-check";
import { FakeTelegram, type FakeChat } from "../tests/support/fake-telegram";

const PG = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const ORDERS = Number(process.env.BENCH_DISTRICT_ORDERS ?? 3000);
const RATE = Number(process.env.BENCH_DISTRICT_RATE ?? 40);
const VILLAGES = 10;
const GRIDS = 30; // per village: 300 groups
const HOUSEHOLDS = 100_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function until(cond: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startProcess(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(path.join(ROOT, "bin/baogong"), args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("started")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`bin/baogong ${args[0]} exited (${code}): ${err}`)));
  });
}

export async function benchDistrict(): Promise<Record<string, number | string>> {
  const schema = `district_${randomBytes(4).toString("hex")}`;
  const prefix = `{district-${randomBytes(4).toString("hex")}}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baogong-district-"));
  const database = await openDatabase(PG, { schema });
  const db = database.prisma;
  // Two bots: two accounts, each its own id (what getMe says), each in its half of the groups.
  const fakes = [
    await FakeTelegram.start({ token: "7000001:DISTRICT-a", bot: { id: 7_000_001, username: "district_a_bot" } }),
    await FakeTelegram.start({ token: "7000002:DISTRICT-b", bot: { id: 7_000_002, username: "district_b_bot" } }),
  ];
  const children: ChildProcess[] = [];
  try {
    // 300 groups: group i is served by account i % 2.
    const chats: Array<{ chat: FakeChat; village: string; grid: string; account: number }> = [];
    for (let v = 0; v < VILLAGES; v++) {
      for (let g = 0; g < GRIDS; g++) {
        const i = v * GRIDS + g;
        chats.push({
          chat: { id: -1002000000 - i, type: "supergroup", title: `${v + 1}村${g + 1}网格` },
          village: `区${v + 1}村`,
          grid: String(g + 1),
          account: i % 2,
        });
      }
    }
    await applySetup(
      db,
      SetupSpecSchema.parse({
        villages: Array.from({ length: VILLAGES }, (_, v) => ({
          name: `区${v + 1}村`,
          cutoff: "20:00",
          grids: [
            {
              code: "1",
              groups: [{ platform: "telegram", chatId: String(chats[v * GRIDS]!.chat.id) }],
              leaders: [{ platform: "telegram", userId: `lead${v}_1` }],
            },
          ],
        })),
        // The officials' chat is the first bot's, as the village file says (nothing is heard from it in
        // this run); the grids' groups' accounts are learnt from their messages.
        officials: { groups: [{ platform: "telegram", chatId: "-1002999999", account: String(fakes[0]!.bot.id) }] },
      }),
    );
    // The other grids, their groups and leaders, and the district's households, in SQL (the import's upserts are slow at this size).
    const rest = chats.filter((c) => c.grid !== "1");
    await database.exec(`
      INSERT INTO "Grid"(id, "villageId", code) SELECT 'g_' || x.i, v.id, x.grid FROM (VALUES ${rest.map((c, i) => `(${i}, '${c.village}', '${c.grid}')`).join(",")}) x(i, village, grid) JOIN "Village" v ON v.name = x.village;
      INSERT INTO "ChatGroup"(id, platform, "chatId", "villageId", "gridId") SELECT 'c_' || x.i, 'telegram', x.chat, v.id, g.id
        FROM (VALUES ${rest.map((c, i) => `(${i}, '${c.village}', '${c.grid}', '${c.chat.id}')`).join(",")}) x(i, village, grid, chat) JOIN "Village" v ON v.name = x.village JOIN "Grid" g ON g."villageId" = v.id AND g.code = x.grid;
      INSERT INTO "Member"(id, platform, "userId", "displayName") SELECT 'm_' || g.id, 'telegram', 'lead_' || g.id, g.code || '号团长' FROM "Grid" g WHERE g.code <> '1';
      INSERT INTO "MemberRole"(id, "memberId", role, scope) SELECT 'r_' || g.id, 'm_' || g.id, 'leader', g.id FROM "Grid" g WHERE g.code <> '1';
      INSERT INTO "Household"(id, "villageId", "gridId", code)
        SELECT 'h_' || g.id || '_' || k, g."villageId", g.id, g.code || '-' || (1 + k % 4) || '-' || (101 + k) FROM "Grid" g, generate_series(0, ${Math.ceil(HOUSEHOLDS / (VILLAGES * GRIDS)) - 1}) k;
      ANALYZE;`);
    const dbUrl = `${PG}${PG.includes("?") ? "&" : "?"}schema=${schema}`;
    const common = {
      DATABASE_URL: dbUrl,
      REDIS_URL: REDIS,
      BAOGONG_QUEUE_PREFIX: prefix,
      DASHBOARD_PORT: "off",
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
    };
    const t0 = performance.now();
    children.push(
      ...(await Promise.all([
        startProcess(["start"], {
          ...common,
          TELEGRAM_BOT_TOKEN: fakes[0]!.token,
          TELEGRAM_API_ROOT: fakes[0]!.apiRoot,
        }),
        startProcess(["start"], {
          ...common,
          TELEGRAM_BOT_TOKEN: fakes[1]!.token,
          TELEGRAM_API_ROOT: fakes[1]!.apiRoot,
        }),
        startProcess(["worker"], common),
        startProcess(["worker"], common),
      ])),
    );
    const startupMs = performance.now() - t0;

    // The evening: each order a resident's message in their group, at RATE a second.
    const tSend = performance.now();
    for (let i = 0; i < ORDERS; i++) {
      const c = chats[i % chats.length]!;
      const k = Math.floor(i / chats.length);
      const hh = `${c.grid}-${1 + (k % 4)}-${101 + k}`;
      fakes[c.account]!.message(
        c.chat,
        { id: 100_000 + i, first_name: `${hh} 住户` },
        `${hh} ${["100元套餐1份", "50元套餐1份 鸡蛋1盒", "150元套餐1份", "奶粉2罐"][i % 4]}`,
      );
      const due = tSend + ((i + 1) * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const sentMs = performance.now() - tSend;
    // Every message handled: each order's message is claimed by its platform id in the transaction that stores it.
    await until(async () => (await db.inboundMessage.count()) >= ORDERS, 20 * 60_000, "orders stored");
    const storedMs = performance.now() - tSend;

    // The cut-off: one job per grid, as each village's job scheduler adds them at 20:00.
    const dates = await db.order.groupBy({ by: ["deliveryDate"], _count: true });
    const queue = new Queue(JOBS_QUEUE, { connection: connectionFor(REDIS), prefix });
    const grids = await db.grid.findMany({ select: { id: true } });
    const tCut = performance.now();
    for (const d of dates)
      await queue.addBulk(
        grids.map((g) => ({
          name: "cutoff",
          data: { gridId: g.id, deliveryDate: d.deliveryDate },
          opts: { jobId: `cutoff_${g.id}_${d.deliveryDate}` },
        })),
      );
    const withOrders = await db.order.groupBy({ by: ["gridId", "deliveryDate"], where: { status: "open" } });
    await until(
      async () => (await db.batch.count({ where: { postedAt: { not: null } } })) >= withOrders.length,
      20 * 60_000,
      "batches posted",
    );
    const cutoffMs = performance.now() - tCut;
    await queue.close();
    // Everything said is sent: the outbox has nothing pending.
    await until(
      async () => (await db.outboxMessage.count({ where: { status: "pending" } })) === 0,
      20 * 60_000,
      "messages sent",
    );
    const allSentMs = performance.now() - tSend;

    const orders = await db.order.count();
    const uniqueSources = (await db.order.groupBy({ by: ["sourceMessage"] })).length;
    const batches = await db.batch.count();
    const batchGrids = (await db.batch.groupBy({ by: ["gridId", "deliveryDate"] })).length;
    const readyKeys = await db.outboxMessage.count({ where: { key: { startsWith: "ready:" } } });
    const sends = fakes.flatMap((f, a) =>
      f
        .callsTo("sendMessage")
        .concat(f.callsTo("sendDocument"))
        .map((c) => ({
          account: a,
          chatId: String(c.params.chat_id),
          text: String(c.params.text ?? c.params.caption ?? ""),
          at: c.at,
        })),
    );
    const readySent = await db.outboxMessage.count({ where: { key: { startsWith: "ready:" }, status: "sent" } });
    const lim = DEFAULT_SEND_LIMITS.telegram!;
    const worstGlobal = Math.max(
      ...[0, 1].map((a) =>
        maxInWindow(
          sends.filter((s) => s.account === a).map((s) => s.at),
          lim.global!.windowMs,
        ),
      ),
    );
    const worstChat = Math.max(
      ...[0, 1].map(
        (a) =>
          maxInWindowPerKey(
            sends.filter((s) => s.account === a).map((s) => ({ key: s.chatId, at: s.at })),
            lim.perChat!.windowMs,
          ).max,
      ),
    );
    const home = new Map(chats.map((c) => [String(c.chat.id), c.account]));
    const wrongAccount = sends.filter((s) => home.has(s.chatId) && home.get(s.chatId) !== s.account).length;
    const refused = (await db.inboundMessage.count()) - orders;
    return {
      "district: groups / households / orders sent": `${chats.length} / ${HOUSEHOLDS} / ${ORDERS} (${((ORDERS / 30_000) * 100).toFixed(0)}% of the evening's 30,000, at ${RATE}/s — the evening's own rate is 4.2/s)`,
      "district: processes":
        "2 × bin/baogong start (Telegram, one account each, 150 groups) + 2 × bin/baogong worker, one PostgreSQL, one Redis",
      "district: start-up of the four processes (s)": (startupMs / 1000).toFixed(1),
      "district: messages sent in (s) / all stored after (s)": `${(sentMs / 1000).toFixed(1)} / ${(storedMs / 1000).toFixed(1)} → ${(ORDERS / (storedMs / 1000)).toFixed(1)} orders/s handled`,
      "district: orders stored / distinct source messages": `${orders} / ${uniqueSources}${orders === uniqueSources ? " (each once)" : " · DUPLICATES"}${refused ? ` · ${refused} messages not orders` : ""}`,
      "district: cut-off → every batch posted (s)": `${(cutoffMs / 1000).toFixed(1)} (${withOrders.length} grid-dates)`,
      "district: batches / grid-dates / ready messages recorded": `${batches} / ${batchGrids} / ${readyKeys}${batches === batchGrids ? " (each once)" : " · DUPLICATES"}`,
      "district: messages to the platform (both accounts) / batch lists sent": `${sends.length} / ${readySent}`,
      "district: messages through account a / b (each in its own 150 groups)": `${sends.filter((s) => s.account === 0).length} / ${sends.filter((s) => s.account === 1).length}`,
      "district: worst window, one account (limit)": `${worstGlobal} per ${lim.global!.windowMs} ms (${lim.global!.limit}); per group ${worstChat} per ${lim.perChat!.windowMs / 1000} s (${lim.perChat!.limit})`,
      "district: sent by the account not in that group (must be 0)": `${wrongAccount} of ${sends.length}${wrongAccount ? " · WRONG ACCOUNT" : ""}`,
      "district: first order → outbox empty (s)": (allSentMs / 1000).toFixed(1),
    };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(
      children.map((c) =>
        c.exitCode === null
          ? new Promise((r) => {
              c.once("exit", r);
              setTimeout(() => {
                c.kill("SIGKILL");
                r(null);
              }, 15_000);
            })
          : null,
      ),
    );
    for (const f of fakes) await f.close();
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
    await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
