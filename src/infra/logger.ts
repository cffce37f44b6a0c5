// Logs are JSON lines (pino). Personal data (mobile and ID-card numbers, in every form
// src/domain/personal-data.ts knows) is masked before anything is written.
import pino from "pino";
import { maskPersonalData } from "../domain/personal-data";

export type Logger = Pick<pino.Logger, "info" | "warn" | "error" | "debug" | "child">;

function maskDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return maskPersonalData(v);
  if (depth > 4 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Date) return v;
  if (v instanceof Error) return maskError(v);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = maskDeep(x, depth + 1);
  return out;
}

/** An error whose message quotes a chat message: a copy (still an Error, for pino's serializer) with it masked. */
function maskError(e: Error): Error {
  const message = maskPersonalData(e.message);
  const stack = typeof e.stack === "string" ? maskPersonalData(e.stack) : e.stack;
  if (message === e.message && stack === e.stack) return e;
  const copy = Object.create(Object.getPrototypeOf(e) as object) as Error;
  Object.assign(copy, e);
  Object.defineProperty(copy, "message", { value: message, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(copy, "stack", { value: stack, enumerable: false, writable: true, configurable: true });
  return copy;
}

type ChildFn = (this: unknown, bindings: pino.Bindings, options?: unknown) => unknown;

export function createLogger(opts: { level: string; destination?: NodeJS.WritableStream }): Logger {
  const log = pino(
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
  // A child's fields (log.child({ sender })) are written with every line it logs but never pass
  // through logMethod. Children inherit this method, so grandchildren are masked too.
  const pinoChild = log.child as unknown as ChildFn;
  const maskedChild: ChildFn = function (bindings, options) {
    return pinoChild.call(this, maskDeep(bindings) as pino.Bindings, options);
  };
  log.child = maskedChild as unknown as typeof log.child;
  return log;
}

export const silentLogger: Logger = pino({ level: "silent" });

/**
 * A log call that says the same thing at most once per `everyMs` (a Redis that is down
 * makes every client report an error several times a second): the first one is logged,
 * the rest counted and reported with the next.
 */
export function throttled(
  everyMs: number,
  log: (fields: object, msg: string) => void,
): (fields: object, msg: string) => void {
  let last = -Infinity;
  let skipped = 0;
  return (fields, msg) => {
    const now = performance.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    last = now;
    log(skipped ? { ...fields, repeated: skipped } : fields, msg);
    skipped = 0;
  };
}
