// Starting the dashboard: in the bot process (`bin/baogong start`, wired from
// src/cli/start.ts) or alone (`bin/baogong dashboard`).
import os from "node:os";
import type { AddressInfo } from "node:net";
import type { AppDeps } from "../app/deps";
import { ConfigError, type Config } from "../config";
import type { WebDeps } from "./deps";
import { buildDashboard, publicUrl, type DashboardOptions } from "./server";

export interface RunningDashboard {
  /** Where people open it (and where login links point). */
  url: string;
  close(): Promise<void>;
}

export async function startDashboard(
  deps: WebDeps,
  o: DashboardOptions & { host: string; port: number },
): Promise<RunningDashboard> {
  const { app } = await buildDashboard(deps, o);
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (e) {
    await app.close();
    throw e;
  }
  const { port } = app.server.address() as AddressInfo;
  return { url: publicUrl(o.host, port, os.networkInterfaces()), close: () => app.close() };
}

/**
 * In the bot process: serves the dashboard on DASHBOARD_PORT (unless it is `off`) and
 * points the chat's `/dashboard` links at it. Several bot processes on one machine:
 * the first serves it, the others only link to it.
 */
export async function startDashboardInBot(
  cfg: Config,
  deps: AppDeps,
  o: { redisUrl: string },
): Promise<{ url: string | null; close(): Promise<void> }> {
  const addr = cfg.DASHBOARD_PORT;
  if (!addr) return { url: null, close: async () => undefined };
  deps.dashboard = { url: publicUrl(addr.host, addr.port, os.networkInterfaces()) };
  try {
    const d = await startDashboard(deps, {
      ...addr,
      queues: { redisUrl: o.redisUrl, prefix: cfg.BAOGONG_QUEUE_PREFIX },
    });
    deps.dashboard = { url: d.url };
    return d;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      deps.log.warn(
        { address: `${addr.host}:${addr.port}` },
        "dashboard: the address is in use; login links point there (another process serves the dashboard)",
      );
      return { url: deps.dashboard.url, close: async () => undefined };
    }
    throw new ConfigError(
      `configuration: DASHBOARD_PORT ${addr.host}:${addr.port} cannot be listened on (${code ?? (e as Error).message})`,
    );
  }
}
