// Configuration: parsed once, with zod, at start-up. Nothing else reads process.env.
import path from "node:path";
import { z } from "zod";

const DEFAULT_DATA_DIR = "./data";

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const DatabaseUrlSchema = z
  .string()
  .refine(
    (v) => /^(postgres|postgresql):\/\/.+/.test(v) || /^(pglite|file):.+/.test(v) || v === "memory://",
    "must be postgresql://user@host:port/db, pglite:./dir (embedded, on disk) or memory:// (embedded, in memory)",
  );

const RedisUrlSchema = z
  .string()
  .refine(
    (v) => /^(rediss?|redis-cluster):\/\/.+/.test(v),
    "must be redis://host:port[/db], rediss://… or redis-cluster://host:port,host:port,…",
  );

export const ConfigSchema = z.object({
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  DATABASE_URL: DatabaseUrlSchema.optional(),
  REDIS_URL: RedisUrlSchema.optional(),
  BAOGONG_TZ: z
    .string()
    .refine(isValidTimeZone, "is not a known IANA time zone (e.g. Asia/Shanghai)")
    .default("Asia/Shanghai"),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, "must look like 123456:ABC-DEF… (from BotFather)")
    .optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_WEBHOOK_DOMAIN: z.string().min(1).optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WECHATY_PUPPET: z.string().min(1).optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().min(1).optional(),
  WECHATY_NAME: z.string().min(1).default("baogong"),
  /** The village file loaded by `npm start` when the database has no village yet. */
  BAOGONG_VILLAGE_FILE: z.string().min(1).optional(),
  /**
   * Redis key prefix of the queues, limits and inbound journal: two bots sharing one Redis keep
   * apart by it. Hash-tagged (`{…}`) so that on a Redis Cluster each queue's keys share a slot.
   */
  BAOGONG_QUEUE_PREFIX: z
    .string()
    .regex(/^(\{[\w-]+\}|[\w-]+)$/, "may hold letters, digits, _ and - only, in braces for a Redis Cluster ({baogong})")
    .default("{baogong}"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The language of what the bot says where no village setting applies (e.g. that messages wait): zh, zh+en or en. */
  BAOGONG_LANGUAGE: z.enum(["zh", "zh+en", "en"]).default("zh"),
  /** Inbound messages handled at once (different chats; one chat's are always in order). */
  INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** WeChat: least milliseconds between two messages the bot sends (bulk sending gets accounts blocked). */
  WECHAT_SEND_INTERVAL_MS: z.coerce.number().int().min(0).default(3000),
  /** The dashboard (src/web): `8080` (on 127.0.0.1), `host:port` or `off`; the bot serves it and its login links point there. */
  DASHBOARD_PORT: z
    .string()
    .regex(
      /^(off|((\d{1,3}(\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]+\]):)?\d{1,5})$/i,
      "must be a port (8080), host:port (0.0.0.0:8080) or off",
    )
    .transform((v) => {
      if (v.toLowerCase() === "off") return null;
      const i = v.lastIndexOf(":");
      return i < 0
        ? { host: "127.0.0.1", port: Number(v) }
        : { host: v.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(v.slice(i + 1)) };
    })
    .refine((a) => a === null || a.port <= 65535, "has a port above 65535")
    .default({ host: "127.0.0.1", port: 8080 }),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a wrong value names the variable and what is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== "") picked[key] = v;
  }
  const r = ConfigSchema.safeParse(picked);
  if (!r.success) {
    const first = r.error.issues[0]!;
    const name = String(first.path[0] ?? "environment");
    const shown = picked[name] !== undefined ? ` (got "${redactUrl(picked[name]!)}")` : "";
    throw new ConfigError(`configuration: ${name} ${first.message}${shown}`);
  }
  return r.data;
}

/** The embedded database location when DATABASE_URL is not set. */
export function databaseUrl(cfg: Config): string {
  return cfg.DATABASE_URL ?? `pglite:${path.join(cfg.DATA_DIR, "pglite")}`;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}
