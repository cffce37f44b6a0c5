// The operators' queue dashboard (bull-board) at /admin/queues: the job queue and
// the send queues (one per chat account known when the dashboard starts, and one per
// platform for messages whose group's account is not known yet), for officials only (the role check runs before every bull-board
// route, its API and its files included).
import { throttled } from "../../infra/logger";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import { connectionFor, JOBS_QUEUE } from "../../jobs/bullmq-runtime";
import { SendAccounts, sendQueueName } from "../../jobs/send-job";
import { redisClient } from "../../infra/redis-connection";
import type { WebDeps } from "../deps";
import { guard } from "./guard";

export const QUEUES_PATH = "/admin/queues";
const SEND_PLATFORMS = ["wechat", "telegram", "console"];

/** The send queues: each platform's, and each account's that ever sent from this prefix. */
async function sendQueues(o: { redisUrl: string; prefix: string }): Promise<string[]> {
  const redis = redisClient(o.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on("error", () => undefined);
  try {
    const accounts = new SendAccounts(redis, o.prefix);
    const names: string[] = [];
    for (const p of SEND_PLATFORMS) {
      names.push(sendQueueName(p));
      for (const a of await accounts.known(p).catch(() => [])) names.push(sendQueueName(p, a.account));
    }
    return names;
  } finally {
    redis.disconnect();
  }
}

export async function queueRoutes(
  app: FastifyInstance,
  deps: WebDeps,
  o: { redisUrl: string; prefix: string },
): Promise<void> {
  const queues = [JOBS_QUEUE, ...(await sendQueues(o))].map(
    (name) => new Queue(name, { connection: connectionFor(o.redisUrl), prefix: o.prefix }),
  );
  const warn = throttled(60_000, (f, m) => deps.log.warn(f, m));
  for (const q of queues) q.on("error", (e) => warn({ err: e.message, queue: q.name }, "queue dashboard: redis error"));
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "baogong 队列" } },
  });
  await app.register(async (scope) => {
    scope.addHook("preHandler", guard(deps, "queues"));
    await scope.register(adapter.registerPlugin(), { prefix: QUEUES_PATH });
  });
  app.addHook("onClose", async () => {
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
  });
}
