// The live daily report: one BullMQ job scheduler that fires `daily-report` at the
// configured local time (the `alerts.reportTime` setting, default 21:30). Upserting
// it again (a new time, a restart) replaces it; start.ts calls this after syncCutoffs.
import path from "node:path";
import type { Queue } from "bullmq";
import type { Db } from "../db/database";
import { ALERT_SETTINGS_KEY, readAlertSettings } from "../flows/officials/settings";
import { JOBS } from "../app/job-port";
import { cutoffPattern, jobIdOf, retryOf } from "./bullmq-runtime";

export const DAILY_REPORT_SCHEDULER = jobIdOf("daily-report");

export async function upsertReportScheduler(
  queue: Queue,
  opts: { time: string; tz: string; dataDir?: string },
): Promise<void> {
  const data = JOBS["daily-report"].payload.parse(opts.dataDir ? { dir: path.join(opts.dataDir, "reports") } : {});
  await queue.upsertJobScheduler(
    DAILY_REPORT_SCHEDULER,
    { pattern: cutoffPattern(opts.time), tz: opts.tz },
    { name: "daily-report", data, opts: { ...retryOf("daily-report"), removeOnComplete: { age: 7 * 86_400 } } },
  );
}

/** Reads the report time from the stored settings and upserts the scheduler; returns the time used. */
export async function syncReportScheduler(
  queue: Queue,
  db: Db,
  opts: { tz: string; dataDir?: string },
): Promise<string> {
  const row = await db.setting.findUnique({ where: { key: ALERT_SETTINGS_KEY } });
  const time = readAlertSettings(row?.value).reportTime;
  await upsertReportScheduler(queue, { time, tz: opts.tz, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  return time;
}
