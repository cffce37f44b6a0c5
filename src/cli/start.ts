// `npm start`: the live bot. Adapters come from configuration: nothing → the local chat
// console; a Telegram token → Telegram; a WeChat puppet → WeChat; both → both in one
// process (./chat-adapters.ts). Same flows, database and BullMQ jobs whichever it is.
// Each step below is one concern: the stores, the village, the app (./wire.ts), the
// dashboard, the job schedulers, the intake, the adapters, and stopping.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applySetup } from "../app/apply-setup";
import { ConfigCache } from "../app/config-cache";
import { handleChatEvent } from "../app/chat-events";
import type { AppDeps } from "../app/deps";
import { pickListFile } from "../app/exports";
import { handleMessage } from "../app/handle-message";
import { messageKey } from "../app/inbound-claim";
import { Intake } from "../app/intake";
import { privacyHinter } from "../app/privacy-hint";
import type { ConsoleAdapter } from "../bot/console/console-adapter";
import { ConfigError, databaseUrl, redactUrl, type Config } from "../config";
import { openDatabase, type Database } from "../db/database";
import { systemClock } from "../domain/clock";
import type { ChatAdapter, ChatHandlers, InboundMessage } from "../domain/messages";
import { maskPersonalData } from "../domain/personal-data";
import { dataDirProblem } from "../infra/data-dir";
import { journalClient, RedisInboundJournal } from "../infra/inbound-journal";
import { createLogger, type Logger } from "../infra/logger";
import { ensureRedis, type RedisHandle } from "../infra/redis";
import type { JobRuntime } from "../jobs/bullmq-runtime";
import { runJob } from "../jobs/handlers";
import { syncReportScheduler } from "../jobs/report-scheduler";
import { render, residentTexts } from "../texts";
import {
  buttonAnswers,
  consoleAdapter,
  platformAdapters,
  platformsOf,
  telegramPrivacyOn,
  usesConsole,
} from "./chat-adapters";
import { readVillageFile } from "./village-file";
import { wireLiveApp } from "./wire";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SAMPLE_VILLAGE = path.join(ROOT, "villages", "sample-village.yaml");

export interface StartOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** "worker": jobs only (batches, reminders, reports), no chat adapters — for scaling out. */
  mode?: "bot" | "worker";
}

export async function start(cfg: Config, opts: StartOptions = {}): Promise<void> {
  const t0 = performance.now();
  const out = opts.output ?? process.stdout;
  const workerOnly = opts.mode === "worker";
  const useConsole = !workerOnly && usesConsole(cfg);
  // On the console, logs would mix with the chat: only warnings go to stderr.
  const log = createLogger({ level: useConsole && cfg.LOG_LEVEL === "info" ? "warn" : cfg.LOG_LEVEL });
  const { database, redis, reportDir } = await openStores(cfg, log);
  await loadVillageIfEmpty(database, cfg, out);
  // Groups, rules and rumour watches in memory, dropped when any process changes them.
  const config = new ConfigCache(database.prisma);
  await database.onConfigChange(() => config.invalidate());

  const adapters = new Map<string, ChatAdapter>();
  const { deps, jobs, sends } = await wireLiveApp({
    db: database.prisma,
    sql: database.sql,
    config,
    clock: systemClock,
    timezone: cfg.BAOGONG_TZ,
    log,
    events: { emit: (e) => log.info(e, e.type) },
    buttons: buttonAnswers(adapters),
    redisUrl: redis.url,
    prefix: cfg.BAOGONG_QUEUE_PREFIX,
    sends: {
      adapters: () => adapters,
      log,
      limits: { wechat: { minIntervalMs: cfg.WECHAT_SEND_INTERVAL_MS } },
      attachments: (a) => pickListFile(database.prisma, a.batchId),
      // A worker process only queues messages; the bot processes, which hold the chat accounts, send them.
      worker: !workerOnly,
      // Send only for the accounts this process holds: each account's messages wait in its own
      // queue for a process with that account (two bot processes, each with its own account).
      platforms: workerOnly ? [] : platformsOf(cfg),
    },
  });
  // The dashboard's server and pages are loaded only when it is served (DASHBOARD_PORT not off).
  const dashboard =
    workerOnly || !cfg.DASHBOARD_PORT
      ? null
      : await (await import("../web/start")).startDashboardInBot(cfg, deps, { redisUrl: redis.url });
  const grids = await keepSchedulers(jobs, deps, cfg, reportDir);
  const inbound = inboundIntake(deps, cfg, redis.url, workerOnly);
  if (!workerOnly) await inbound.intake.start();

  const chat = useConsole ? await consoleAdapter(deps, { input: opts.input ?? process.stdin, output: out }) : null;
  if (chat) adapters.set("console", chat);
  if (!workerOnly) for (const a of await platformAdapters(cfg, log)) adapters.set(a.platform, a);
  const handlers = chatHandlers(deps, inbound.intake, telegramPrivacyOn(adapters), () => sends.serve());
  for (const a of adapters.values()) await a.start(handlers);
  await sends.serve(); // the accounts are known once the adapters started (WeChat: once logged in)
  // Officials may change the catalog from another process: pick it up.
  const catalogRefresh = setInterval(() => void deps.catalog.load().catch(() => undefined), 60_000);
  catalogRefresh.unref();

  const started = `baogong 已启动 / started: ${workerOnly ? "worker" : [...adapters.keys()].join(" + ")} · ${database.kind} (${redactUrl(databaseUrl(cfg))}) · redis ${redis.url} · ${grids} grid cut-offs scheduled · ${Math.round(performance.now() - t0)} ms${dashboard?.url ? ` · 看板 dashboard ${dashboard.url}` : ""}`;
  if (chat) chat.info(started);
  else out.write(`${started}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await dashboard?.close();
    for (const a of adapters.values()) await a.stop().catch(() => undefined);
    await inbound.stop(); // what is still waiting stays in the journal for the next start
    await sends.drain(5000);
    await sends.close();
    await jobs.close();
    await database.close();
    await redis.stop();
  };
  await runUntilStopped(stop, chat);
}

/**
 * The database and Redis, come up side by side (if one fails, the other is closed again), and
 * where the daily reports are written: the embedded database lives in DATA_DIR, with a server
 * database only the reports do.
 */
async function openStores(
  cfg: Config,
  log: Logger,
): Promise<{ database: Database; redis: RedisHandle; reportDir: string | undefined }> {
  const dirProblem = dataDirProblem(cfg.DATA_DIR);
  if (dirProblem && !cfg.DATABASE_URL) {
    throw new ConfigError(
      `configuration: DATA_DIR ${cfg.DATA_DIR} cannot be written (${dirProblem}); the embedded database keeps its files there: set DATA_DIR to a writable directory`,
    );
  }
  if (dirProblem)
    log.warn(
      { dataDir: cfg.DATA_DIR, problem: dirProblem },
      "DATA_DIR cannot be written: daily reports are posted but not saved as CSV",
    );
  const [db, redis] = await Promise.allSettled([
    openDatabase(databaseUrl(cfg)),
    ensureRedis({ url: cfg.REDIS_URL, dataDir: cfg.DATA_DIR, log: (m) => log.warn({}, m) }),
  ]);
  if (db.status === "rejected" || redis.status === "rejected") {
    if (db.status === "fulfilled") await db.value.close();
    if (redis.status === "fulfilled") await redis.value.stop();
    throw db.status === "rejected" ? db.reason : (redis as PromiseRejectedResult).reason;
  }
  return { database: db.value, redis: redis.value, reportDir: dirProblem ? undefined : cfg.DATA_DIR };
}

/** A database with no village gets the village file (the sample village by default). */
async function loadVillageIfEmpty(database: Database, cfg: Config, out: NodeJS.WritableStream): Promise<void> {
  if ((await database.prisma.village.count()) > 0) return;
  const file = cfg.BAOGONG_VILLAGE_FILE ?? SAMPLE_VILLAGE;
  await applySetup(database.prisma, readVillageFile(file));
  out.write(`已载入村庄配置 / loaded village file: ${path.relative(process.cwd(), file) || file}\n`);
}

/**
 * The job schedulers (each grid's cut-off, the sweep, the daily report) live in Redis: set
 * now, and again whenever Redis comes back (a restart without persistence forgets them; the
 * sweep then covers what fell due meanwhile). Returns how many grids have a cut-off.
 */
async function keepSchedulers(
  jobs: JobRuntime,
  deps: AppDeps,
  cfg: Config,
  reportDir: string | undefined,
): Promise<number> {
  const sync = async () => {
    const n = await jobs.syncCutoffs(deps);
    await jobs.syncSweep();
    await syncReportScheduler(jobs.queue, deps.db, {
      tz: cfg.BAOGONG_TZ,
      ...(reportDir ? { dataDir: reportDir } : {}),
    });
    return n;
  };
  const grids = await sync();
  const client = await jobs.queue.client;
  let firstReady = client.status !== "ready";
  client.on("ready", () => {
    if (firstReady) {
      firstReady = false;
      return;
    }
    deps.log.warn({}, "redis reconnected: re-syncing job schedulers");
    void sync()
      .then(() => runJob(deps, "sweep", {}))
      .catch((e) => deps.log.error({ err: (e as Error).message }, "re-sync failed"));
  });
  return grids;
}

/**
 * Every message goes through the intake: kept in a journal on Redis before the adapter is
 * answered, handled concurrently across chats (in order within one), retried while the
 * database is away, replayed after a restart (src/app/intake.ts). A worker process keeps no journal.
 */
function inboundIntake(
  deps: AppDeps,
  cfg: Config,
  redisUrl: string,
  workerOnly: boolean,
): { intake: Intake; stop(): Promise<void> } {
  const journalRedis = journalClient(redisUrl);
  const say = (m: InboundMessage, text: string, key: string) =>
    deps.outbox.send(
      { platform: m.platform, chatId: m.chatId, text, ...(m.account ? { account: m.account } : {}) },
      { key, ephemeral: true },
    );
  const intake = new Intake({
    handle: (m) => handleMessage(deps, m),
    clock: systemClock,
    log: deps.log,
    journal: workerOnly ? null : new RedisInboundJournal({ redis: journalRedis, prefix: cfg.BAOGONG_QUEUE_PREFIX }),
    concurrency: cfg.INBOUND_CONCURRENCY,
    onWaiting: (m, names) =>
      say(
        m,
        render(residentTexts.waiting(names.map((n) => maskPersonalData(n))), cfg.BAOGONG_LANGUAGE),
        `waiting:${messageKey(m)}`,
      ),
    onDead: (m) =>
      say(
        m,
        render(
          residentTexts.couldNotHandle(m.senderName ? maskPersonalData(m.senderName) : null),
          cfg.BAOGONG_LANGUAGE,
        ),
        `dead:${messageKey(m)}`,
      ),
  });
  return {
    intake,
    async stop() {
      await intake.stop(5000);
      journalRedis.disconnect();
    },
  };
}

/**
 * What the adapters call: messages into the intake (after the Telegram privacy hint), events
 * to the app; a login starts sending for the account logged in at once.
 */
function chatHandlers(
  deps: AppDeps,
  intake: Intake,
  seesOnlyCommands: (platform: string) => boolean,
  loggedIn: () => Promise<void>,
): ChatHandlers {
  const privacyHint = privacyHinter(deps.outbox, seesOnlyCommands);
  return {
    onMessage: async (m) => {
      await privacyHint(m).catch(() => undefined);
      await intake.accept(m);
    },
    onEvent: async (ev) => {
      try {
        if (ev.type === "login") await loggedIn();
        await handleChatEvent(deps, ev);
      } catch (e) {
        deps.log.error({ err: (e as Error).message, type: ev.type }, "event handling failed");
      }
    },
  };
}

/** Until Ctrl-D on the console, or a signal. */
async function runUntilStopped(stop: () => Promise<void>, chat: ConsoleAdapter | null): Promise<void> {
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  if (chat) {
    await chat.closed;
    await stop();
  } else {
    await new Promise<void>(() => undefined); // runs until a signal
  }
}
