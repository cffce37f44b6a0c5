// The webhook endpoint: Telegram POSTs one update per request. A handler failure
// answers 500 so Telegram delivers the update again later.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { TgUpdate } from "./wire";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const MAX_BODY_BYTES = 1_000_000;

export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

/** A path nobody can guess from the domain alone, stable for one token. */
export function defaultWebhookPath(token: string): string {
  return `/telegram/${createHash("sha256").update(token).digest("hex").slice(0, 32)}`;
}

export function webhookUrl(domain: string, path: string): string {
  const host = /^https?:\/\//.test(domain) ? new URL(domain).host : domain;
  return `https://${host}${path}`;
}

function sameSecret(expected: string, got: string | string[] | undefined): boolean {
  if (typeof got !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startWebhookServer(opts: {
  port: number;
  host?: string;
  path: string;
  secretToken?: string;
  handle(update: TgUpdate): Promise<void>;
  log: (obj: object, msg: string) => void;
}): Promise<WebhookServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0];
      if (req.method !== "POST" || path !== opts.path) return void res.writeHead(404).end();
      if (opts.secretToken !== undefined && !sameSecret(opts.secretToken, req.headers[SECRET_HEADER])) {
        return void res.writeHead(401).end();
      }
      const body = await readBody(req);
      let update: unknown;
      try {
        update = body === null ? null : JSON.parse(body);
      } catch {
        update = null;
      }
      if (typeof update !== "object" || update === null || typeof (update as TgUpdate).update_id !== "number") {
        return void res.writeHead(400).end();
      }
      try {
        await opts.handle(update as TgUpdate);
        res.writeHead(200).end();
      } catch (err) {
        opts.log(
          { err: String(err), updateId: (update as TgUpdate).update_id },
          "telegram: webhook update failed, Telegram will retry",
        );
        res.writeHead(500).end();
      }
    })().catch((err: unknown) => {
      opts.log({ err: String(err) }, "telegram: webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => opts.log({ err: String(err) }, "telegram: webhook server error"));
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : opts.port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
