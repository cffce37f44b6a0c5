// `bin/baogong dashboard`: the web dashboard alone, on DASHBOARD_PORT, over the same
// database and Redis as the bot (with PostgreSQL; the embedded PGlite database is
// opened by one process at a time, so there the bot serves the dashboard itself).
import { CatalogCache } from "../app/catalog-cache";
import { databaseUrl, redactUrl, type Config } from "../config";
import { openDatabase } from "../db/database";
import { systemClock } from "../domain/clock";
import { createLogger } from "../infra/logger";
import { ensureRedis } from "../infra/redis";
import { startDashboard } from "../web/start";
import { CliError } from "./cli-error";

export async function runDashboard(cfg: Config): Promise<void> {
  const addr = cfg.DASHBOARD_PORT;
  if (!addr) throw new CliError("dashboard: DASHBOARD_PORT is off");
  const log = createLogger({ level: cfg.LOG_LEVEL });
  const dbUrl = databaseUrl(cfg);
  const database = await openDatabase(dbUrl);
  const redis = await ensureRedis({ url: cfg.REDIS_URL, dataDir: cfg.DATA_DIR, log: (m) => log.warn({}, m) }).catch(
    async (e: unknown) => {
      await database.close();
      throw e;
    },
  );
  const catalog = new CatalogCache(database.prisma);
  await catalog.load();
  const deps = { db: database.prisma, clock: systemClock, catalog, log, timezone: cfg.BAOGONG_TZ };
  const web = await startDashboard(deps, {
    ...addr,
    queues: { redisUrl: redis.url, prefix: cfg.BAOGONG_QUEUE_PREFIX },
  }).catch(async (e: unknown) => {
    await database.close();
    await redis.stop();
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`dashboard: cannot listen on ${addr.host}:${addr.port} (${code ?? (e as Error).message})`);
  });
  process.stdout.write(
    `baogong 看板 / dashboard: ${web.url} · ${database.kind} (${redactUrl(dbUrl)}) · redis ${redis.url}\n` +
      `登录：在工作群发送 /dashboard / sign in: send /dashboard in the officials' chat\n`,
  );
  // Officials change the catalog from the chat: pick up new names.
  const refresh = setInterval(() => void catalog.load().catch(() => undefined), 60_000);
  refresh.unref();
  const stop = async () => {
    clearInterval(refresh);
    await web.close();
    await database.close();
    await redis.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  await new Promise<void>(() => undefined); // runs until a signal
}
