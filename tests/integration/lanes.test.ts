// Lane order under a backlog, through the real send queue (BullMQ on Redis) and a paced
// account (WeChat's pacing, scaled down): with many acknowledgement digests already
// waiting, the leader's batch list goes next, then urgent notices, answers, other notices,
// the digests, and last the pick-list files.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  LANE_PRIORITY,
  type ChatAdapter,
  type Lane,
  type OutboundMessage,
  type OutboundMessageInput,
  type Platform,
  type SendResult,
} from "../../src/domain/messages";
import { startSendRuntime, type SendRuntime } from "../../src/jobs/send-queue";
import { TEST_REDIS_URL, uniqueName } from "../support/db";

class RecordingAdapter implements ChatAdapter {
  readonly sent: OutboundMessage[] = [];
  constructor(readonly platform: Platform) {}
  account(): string {
    return "bot";
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(msg: OutboundMessage): Promise<SendResult> {
    this.sent.push(msg);
    return { ok: true, messageId: String(this.sent.length) };
  }
  async sendFile(chatId: string, _file: { name: string; data: Buffer }, caption: string): Promise<SendResult> {
    this.sent.push({ platform: this.platform, chatId, text: caption, buttons: [], lane: "file" });
    return { ok: true, messageId: String(this.sent.length) };
  }
}

const prefix = uniqueName("lanes");
let runtime: SendRuntime | undefined;
afterAll(async () => {
  await runtime?.close();
  const r = new Redis(TEST_REDIS_URL);
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
});

describe("lanes", () => {
  it("serve a backlog most urgent first: batch list, urgent notice, answers, notices, digests, files", async () => {
    const wechat = new RecordingAdapter("wechat");
    runtime = await startSendRuntime({
      redisUrl: TEST_REDIS_URL,
      prefix,
      adapters: () => new Map([["wechat", wechat]]),
      log: { warn: () => undefined },
      limits: { wechat: { minIntervalMs: 60, jitterMs: 0, perChat: { limit: 1000, windowMs: 60_000 } } },
      attachments: async () => ({ name: "pick-list.xlsx", data: Buffer.from("x") }),
    });
    const m = (lane: Lane, i: number): { msg: OutboundMessageInput; opts: { key: string } } => ({
      msg: {
        platform: "wechat",
        chatId: `g${i % 7}`,
        text: `${lane} ${i}`,
        lane,
        ...(lane === "file" ? { attachment: { kind: "pick-list", batchId: `b${i}` } } : {}),
      },
      opts: { key: `${lane}-${i}` },
    });
    // The backlog: digests of a rush hour, files of the last cut-off, queued first.
    await runtime.outbox.sendMany!([
      ...Array.from({ length: 12 }, (_, i) => m("digest", i)),
      ...Array.from({ length: 3 }, (_, i) => m("file", i)),
    ]);
    // Then, in the reverse of their urgency.
    await runtime.outbox.sendMany!([
      ...Array.from({ length: 3 }, (_, i) => m("notice", i)),
      ...Array.from({ length: 3 }, (_, i) => m("answer", i)),
      ...Array.from({ length: 2 }, (_, i) => m("urgent", i)),
      m("batch", 0),
      m("batch", 1),
    ]);
    await runtime.drain(20_000);
    expect(wechat.sent).toHaveLength(25);
    // What was already being sent when the rest arrived goes first (one at a time on a paced
    // account, at most two held); after that the lanes are served strictly in order.
    const lanes = wechat.sent.map((s) => s.text.split(" ")[0] as Lane);
    const held = lanes.indexOf("batch");
    expect(held).toBeLessThanOrEqual(2);
    const rest = lanes.slice(held).filter((l, i) => !(i < 2 && l === "digest"));
    const ranks = rest.map((l) => LANE_PRIORITY[l]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rest.slice(0, 7)).toEqual(["batch", "batch", "urgent", "urgent", "answer", "answer", "answer"]);
    expect(lanes.slice(-3)).toEqual(["file", "file", "file"]);
  }, 30_000);
});
