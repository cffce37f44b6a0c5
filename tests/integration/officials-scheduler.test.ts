// The live daily report: one BullMQ job scheduler at the configured local time, on a real Redis.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySetup } from "../../src/app/apply-setup";
import { SetupSpecSchema } from "../../src/app/setup-spec";
import { connectionFor, JOBS_QUEUE } from "../../src/jobs/bullmq-runtime";
import { DAILY_REPORT_SCHEDULER, syncReportScheduler, upsertReportScheduler } from "../../src/jobs/report-scheduler";
import { openTestDatabase, TEST_REDIS_URL, uniqueName } from "../support/db";

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let queue: Queue;
const prefix = uniqueName("bgtest");
beforeAll(async () => {
  db = await openTestDatabase();
  queue = new Queue(JOBS_QUEUE, { connection: connectionFor(TEST_REDIS_URL), prefix });
});
afterAll(async () => {
  await queue?.close();
  const r = new Redis(TEST_REDIS_URL);
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
  await db?.drop();
});

describe("daily report scheduler", () => {
  it("fires at the setup's report time in the town's zone, and moves when upserted again", async () => {
    await applySetup(
      db.prisma,
      SetupSpecSchema.parse({
        villages: [{ name: "测试村", grids: [{ code: "1" }] }],
        alerts: { reportTime: "21:45" },
      }),
    );
    expect(await syncReportScheduler(queue, db.prisma, { tz: "Asia/Shanghai", dataDir: "/var/lib/baogong" })).toBe(
      "21:45",
    );
    let s = await queue.getJobScheduler(DAILY_REPORT_SCHEDULER);
    expect(s).toMatchObject({ pattern: "45 21 * * *", tz: "Asia/Shanghai", name: "daily-report" });
    expect(s?.template?.data).toEqual({ dir: "/var/lib/baogong/reports" });
    await upsertReportScheduler(queue, { time: "07:05", tz: "Asia/Shanghai" });
    s = await queue.getJobScheduler(DAILY_REPORT_SCHEDULER);
    expect(s).toMatchObject({ pattern: "5 7 * * *" });
    expect(await queue.getJobSchedulersCount()).toBe(1);
  });
});
