// Logs are JSON lines (pino). Phone numbers are masked before anything is written.
import pino from "pino";

export type Logger = Pick<pino.Logger, "info" | "warn" | "error" | "debug" | "child">;

const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
export function maskPhones(s: string): string {
  return s.replace(PHONE, "$1****$2");
}

function maskDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return maskPhones(v);
  if (depth > 4 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Date || v instanceof Error) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = maskDeep(x, depth + 1);
  return out;
}

export function createLogger(opts: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => maskDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    (opts.destination ?? process.stderr) as pino.DestinationStream,
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
