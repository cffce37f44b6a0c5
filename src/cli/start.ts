// `npm start`: the live bot. Adapters come from configuration: nothing → the
// local chat console; a Telegram token → Telegram; a WeChat puppet → WeChat; both
// → both in one process. Same flows, database and BullMQ jobs whichever it is.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CatalogCache } from "../app/catalog-cache";
import { handleChatEvent } from "../app/chat-events";
import type { AppDeps } from "../app/deps";
import { handleMessage } from "../app/handle-message";
import { privacyHinter } from "../app/privacy-hint";
import { applySetup } from "../app/apply-setup";
import { ConsoleAdapter } from "../bot/console/console-adapter";
import { ConfigError, databaseUrl, redactUrl, type Config } from "../config";
import { dataDirProblem } from "../infra/data-dir";
import { openDatabase } from "../db/database";
import { systemClock } from "../domain/clock";
import type { ChatAdapter, ChatHandlers } from "../domain/messages";
import { deliveryDateFor } from "../flows/order-rules";
import { createLogger } from "../infra/logger";
import { ensureRedis } from "../infra/redis";
import { startJobRuntime } from "../jobs/bullmq-runtime";
import { runJob } from "../jobs/handlers";
import { syncReportScheduler } from "../jobs/report-scheduler";
import { startSendRuntime } from "../jobs/send-queue";
import { sendHooks } from "../app/send-hooks";
import { loadRules } from "../app/context";
import { readVillageFile } from "./village-file";
import { Redis } from "ioredis";
import { Intake } from "../app/intake";
import { messageKey } from "../app/inbound-claim";
import { render, residentTexts } from "../texts";
import { maskPersonalData } from "../domain/personal-data";
import { RedisInboundJournal } from "../infra/inbound-journal";
import { pickListFile } from "../app/exports";
import { startDashboardInBot } from "../web/start";

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
  const useConsole = !workerOnly && !cfg.TELEGRAM_BOT_TOKEN && !cfg.WECHATY_PUPPET;
  // On the console, logs would mix with the chat: only warnings go to stderr.
  const log = createLogger({ level: useConsole && cfg.LOG_LEVEL === "info" ? "warn" : cfg.LOG_LEVEL });
  const dbUrl = databaseUrl(cfg);
  // The embedded database lives in DATA_DIR; with a server database only the reports do.
  const dirProblem = dataDirProblem(cfg.DATA_DIR);
  if (dirProblem && !cfg.DATABASE_URL) {
    throw new ConfigError(`configuration: DATA_DIR ${cfg.DATA_DIR} cannot be written (${dirProblem}); the embedded database keeps its files there: set DATA_DIR to a writable directory`);
  }
  if (dirProblem) log.warn({ dataDir: cfg.DATA_DIR, problem: dirProblem }, "DATA_DIR cannot be written: daily reports are posted but not saved as CSV");
  const reportDir = dirProblem ? undefined : cfg.DATA_DIR;
  // The database and Redis come up side by side; if one fails, the other is closed again.
  const [dbResult, redisResult] = await Promise.allSettled([
    openDatabase(dbUrl),
    ensureRedis({ url: cfg.REDIS_URL, dataDir: cfg.DATA_DIR, log: (m) => log.warn({}, m) }),
  ]);
  if (dbResult.status === "rejected" || redisResult.status === "rejected") {
    if (dbResult.status === "fulfilled") await dbResult.value.close();
    if (redisResult.status === "fulfilled") await redisResult.value.stop();
    throw dbResult.status === "rejected" ? dbResult.reason : (redisResult as PromiseRejectedResult).reason;
  }
  const database = dbResult.value;
  const redis = redisResult.value;
  const db = database.prisma;
  if ((await db.village.count()) === 0) {
    const file = cfg.BAOGONG_VILLAGE_FILE ?? SAMPLE_VILLAGE;
    await applySetup(db, readVillageFile(file));
    out.write(`已载入村庄配置 / loaded village file: ${path.relative(process.cwd(), file) || file}\n`);
  }
  const catalog = new CatalogCache(db);
  await catalog.load();

  const adapters = new Map<string, ChatAdapter>();
  let deps!: AppDeps;
  const jobs = await startJobRuntime({ redisUrl: redis.url, prefix: cfg.BAOGONG_QUEUE_PREFIX, deps: () => deps });
  const sends = await startSendRuntime({
    redisUrl: redis.url, prefix: cfg.BAOGONG_QUEUE_PREFIX, adapters: () => adapters, log, hooks: sendHooks(() => deps),
    limits: { wechat: { minIntervalMs: cfg.WECHAT_SEND_INTERVAL_MS } },
    attachments: (a) => pickListFile(db, a.batchId),
    // A worker process only queues messages; the bot processes, which hold the chat accounts, send them.
    worker: !workerOnly,
    // Send only for the platforms this process holds an account of: a job taken by a process
    // without that adapter would fail (two bot processes, each with its own platforms).
    platforms: [...(useConsole ? ["console" as const] : []), ...(cfg.TELEGRAM_BOT_TOKEN ? ["telegram" as const] : []), ...(cfg.WECHATY_PUPPET ? ["wechat" as const] : [])],
  });
  type Answering = ChatAdapter & { alert?(id: string, text: string): Promise<boolean>; ackAction?(id: string, text: string | null): Promise<boolean> };
  deps = {
    db, clock: systemClock, outbox: sends.outbox, events: { emit: (e) => log.info(e, e.type) }, scheduler: jobs.scheduler, catalog, log, timezone: cfg.BAOGONG_TZ,
    buttons: {
      answer: async (platform, messageId, text, alert) => {
        const a = adapters.get(platform) as Answering | undefined;
        if (alert && text) await a?.alert?.(messageId, text);
        else await a?.ackAction?.(messageId, text);
      },
    },
  };
  const dashboard = workerOnly ? null : await startDashboardInBot(cfg, deps, { redisUrl: redis.url });
  // Schedulers live in Redis: set them now, and again whenever Redis comes back (a
  // restart without persistence forgets them; the sweep covers what fell due meanwhile).
  const syncSchedulers = async () => {
    const n = await jobs.syncCutoffs(deps);
    await jobs.syncSweep();
    await syncReportScheduler(jobs.queue, db, { tz: cfg.BAOGONG_TZ, ...(reportDir ? { dataDir: reportDir } : {}) });
    return n;
  };
  const grids = await syncSchedulers();
  const redisClient = await jobs.queue.client;
  let firstReady = redisClient.status !== "ready";
  redisClient.on("ready", () => {
    if (firstReady) { firstReady = false; return; }
    log.warn({}, "redis reconnected: re-syncing job schedulers");
    void syncSchedulers().then(() => runJob(deps, "sweep", {})).catch((e) => log.error({ err: (e as Error).message }, "re-sync failed"));
  });

  const privacyHint = privacyHinter(deps.outbox, (platform) =>
    platform === "telegram" && (adapters.get("telegram") as (ChatAdapter & { canReadAllGroupMessages(): boolean | null }) | undefined)?.canReadAllGroupMessages() === false);
  // Every message goes through the intake: kept in a journal on Redis before the adapter
  // is answered, handled concurrently across chats (in order within one), retried while
  // the database is away, replayed after a restart (src/app/intake.ts).
  const journalRedis = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  journalRedis.on("error", () => undefined);
  const intake = new Intake({
    handle: (m) => handleMessage(deps, m), clock: systemClock, log,
    journal: workerOnly ? null : new RedisInboundJournal({ redis: journalRedis, prefix: cfg.BAOGONG_QUEUE_PREFIX }),
    concurrency: cfg.INBOUND_CONCURRENCY,
    onWaiting: async (m, names) => {
      await deps.outbox.send({ platform: m.platform, chatId: m.chatId, text: render(residentTexts.waiting(names.map((n) => maskPersonalData(n))), cfg.BAOGONG_LANGUAGE) }, { key: `waiting:${messageKey(m)}`, ephemeral: true });
    },
    onDead: async (m) => {
      await deps.outbox.send({ platform: m.platform, chatId: m.chatId, text: render(residentTexts.couldNotHandle(m.senderName ? maskPersonalData(m.senderName) : null), cfg.BAOGONG_LANGUAGE) }, { key: `dead:${messageKey(m)}`, ephemeral: true });
    },
  });
  if (!workerOnly) await intake.start();
  const handlers: ChatHandlers = {
    onMessage: async (m) => {
      await privacyHint(m).catch(() => undefined);
      await intake.accept(m);
    },
    onEvent: async (ev) => {
      try {
        await handleChatEvent(deps, ev);
      } catch (e) {
        log.error({ err: (e as Error).message, type: ev.type }, "event handling failed");
      }
    },
  };

  let consoleAdapter: ConsoleAdapter | null = null;
  if (useConsole) {
    const groups = await db.chatGroup.findMany({ where: { platform: "console", active: true }, orderBy: [{ isOfficials: "asc" }, { chatId: "asc" }] });
    const leaders = await db.memberRole.findMany({ where: { member: { platform: "console" } }, include: { member: true } });
    const identities: Record<string, { userId: string; name: string; chatId?: string }> = {};
    const officialsChat = groups.find((g) => g.isOfficials)?.chatId;
    for (const r of leaders) {
      const key = r.member.userId;
      identities[key] = { userId: r.member.userId, name: r.member.displayName ?? key, ...(r.role === "official" && officialsChat ? { chatId: officialsChat } : {}) };
    }
    consoleAdapter = new ConsoleAdapter({
      input: opts.input ?? process.stdin, output: out, clock: () => systemClock.now(),
      chats: groups.map((g) => ({ chatId: g.chatId, title: g.title ?? g.chatId })), identities,
      extraCommands: {
        "/cutoff": {
          help: "立即截单汇总本网格 / run this grid's cut-off now (demo)",
          run: async (chatId) => {
            const g = groups.find((x) => x.chatId === chatId);
            if (!g?.gridId) return "(not a grid group)";
            const rules = await loadRules(db, g.villageId, cfg.BAOGONG_TZ);
            const next = deliveryDateFor(systemClock.now(), rules);
            await jobs.scheduler.schedule({ name: "cutoff", payload: { gridId: g.gridId, deliveryDate: next }, runAt: systemClock.now(), key: `manual-cutoff:${g.gridId}:${Date.now()}` });
            return `(截单任务已提交 / cut-off job queued for delivery date ${next})`;
          },
        },
      },
    });
    adapters.set("console", consoleAdapter);
  }
  if (cfg.TELEGRAM_BOT_TOKEN && !workerOnly) {
    const { createTelegramAdapter } = await import("../bot/telegram");
    const mode = cfg.TELEGRAM_WEBHOOK_DOMAIN ? { webhook: { domain: cfg.TELEGRAM_WEBHOOK_DOMAIN, port: cfg.TELEGRAM_WEBHOOK_PORT ?? 8443 } } : "polling";
    adapters.set("telegram", createTelegramAdapter({
      token: cfg.TELEGRAM_BOT_TOKEN, ...(cfg.TELEGRAM_API_ROOT ? { apiRoot: cfg.TELEGRAM_API_ROOT } : {}), mode,
      log: (o, m) => log.info(o, m),
    }));
  }
  if (cfg.WECHATY_PUPPET && !workerOnly) {
    const { createWechatAdapter } = await import("../bot/wechat");
    adapters.set("wechat", createWechatAdapter({
      puppet: cfg.WECHATY_PUPPET, ...(cfg.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetToken: cfg.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
      name: cfg.WECHATY_NAME, log: (o, m) => log.info(o, m),
    }));
  }
  for (const a of adapters.values()) await a.start(handlers);
  const startupMs = Math.round(performance.now() - t0);
  // Officials may change the catalog from another process: pick it up.
  const catalogRefresh = setInterval(() => void catalog.load().catch(() => undefined), 60_000);
  catalogRefresh.unref();
  const started = `baogong 已启动 / started: ${workerOnly ? "worker" : [...adapters.keys()].join(" + ")} · ${database.kind} (${redactUrl(dbUrl)}) · redis ${redis.url} · ${grids} grid cut-offs scheduled · ${startupMs} ms${dashboard?.url ? ` · 看板 dashboard ${dashboard.url}` : ""}`;
  if (consoleAdapter) consoleAdapter.info(started);
  else out.write(`${started}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await dashboard?.close();
    for (const a of adapters.values()) await a.stop().catch(() => undefined);
    await intake.stop(5000); // what is still waiting stays in the journal for the next start
    journalRedis.disconnect();
    await sends.drain(5000);
    await sends.close();
    await jobs.close();
    await database.close();
    await redis.stop();
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  if (consoleAdapter) {
    await consoleAdapter.closed;
    await stop();
  } else {
    await new Promise<void>(() => undefined); // runs until a signal
  }
}
