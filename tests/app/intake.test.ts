// The intake's order of work, with a fake handler: no database, no Redis.
import { describe, expect, it } from "vitest";
import { Intake } from "../../src/app/intake";
import { IntakeQueue } from "../../src/app/intake-queue";
import { systemClock } from "../../src/domain/clock";
import type { InboundMessage } from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";

let n = 0;
const m = (chatId: string, senderId: string, text = "x"): InboundMessage => ({
  platform: "sim",
  chatId,
  messageId: `m${++n}`,
  senderId,
  senderName: senderId,
  text,
  at: new Date(),
  mentionsBot: false,
  action: null,
  replyTo: null,
  chatTitle: null,
  edits: null,
  recalls: null,
});

describe("IntakeQueue", () => {
  it("keeps one chat's messages in arrival order and lets chats take turns", () => {
    const q = new IntakeQueue<string>();
    q.push("a", "u1", "a1");
    q.push("a", "u2", "a2");
    q.push("b", "u3", "b1");
    q.push("a", "u1", "a3");
    const order: string[] = [];
    for (let w = q.next(); w; w = q.next()) {
      order.push(w.item);
      q.done(w);
    }
    // a is busy while a1 is handled; b goes meanwhile.
    expect(order).toEqual(["a1", "b1", "a2", "a3"]);
  });

  it("never hands out two messages of one chat at once", () => {
    const q = new IntakeQueue<string>();
    q.push("a", "u1", "a1");
    q.push("a", "u1", "a2");
    const first = q.next()!;
    expect(q.next()).toBeNull();
    q.done(first);
    expect(q.next()!.item).toBe("a2");
  });

  it("serves a flooding member only when nobody else in the chat waits", () => {
    const q = new IntakeQueue<string>(3);
    for (let i = 0; i < 10; i++) q.push("a", "flood", `f${i}`);
    q.push("a", "calm", "c1");
    const order: string[] = [];
    for (let w = q.next(); w; w = q.next()) {
      order.push(w.item);
      q.done(w);
    }
    expect(order[0]).toBe("c1");
    expect(order.slice(1)).toEqual(Array.from({ length: 10 }, (_, i) => `f${i}`));
  });
});

describe("Intake", () => {
  it("handles two chats at once while one chat's messages stay in order", async () => {
    const handled: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let running = 0;
    let most = 0;
    const intake = new Intake({
      handle: async (msg) => {
        running++;
        most = Math.max(most, running);
        // g1's first message is still being handled when g2's arrive: they must not wait for it.
        if (msg.text === "g1-1") await firstHeld;
        else await new Promise((r) => setTimeout(r, 2));
        handled.push(msg.text);
        running--;
      },
      journal: null,
      clock: systemClock,
      log: silentLogger,
      concurrency: 4,
    });
    await intake.start();
    const all = [
      intake.accept(m("g1", "a", "g1-1")),
      intake.accept(m("g1", "b", "g1-2")),
      intake.accept(m("g1", "a", "g1-3")),
    ];
    for (let i = 1; i <= 3; i++) all.push(intake.accept(m("g2", "c", `g2-${i}`)));
    for (let waited = 0; handled.length < 3 && waited < 5000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    expect(handled).toEqual(["g2-1", "g2-2", "g2-3"]); // g2 done while g1's first is held; g1's later ones wait behind it
    releaseFirst();
    await Promise.all(all);
    await intake.drain();
    expect(handled.filter((t) => t.startsWith("g1"))).toEqual(["g1-1", "g1-2", "g1-3"]);
    expect(most).toBe(2);
    await intake.stop();
  });

  it("a flood of 1,000 messages from one member does not delay another member's answer", async () => {
    const handled: string[] = [];
    const intake = new Intake({
      handle: async (msg) => {
        handled.push(msg.senderId);
        await new Promise((r) => setImmediate(r));
      },
      journal: null,
      clock: systemClock,
      log: silentLogger,
      concurrency: 4,
    });
    await intake.start();
    const all: Array<Promise<void>> = [];
    for (let i = 0; i < 1000; i++) all.push(intake.accept(m("g", "flood")));
    all.push(intake.accept(m("g", "neighbour")));
    await Promise.all(all);
    expect(handled).toHaveLength(1001);
    expect(handled.indexOf("neighbour")).toBeLessThanOrEqual(1);
    await intake.stop();
  });

  it("retries a chat's message while the handler fails for the infrastructure, keeping the chat's order; other chats go on", async () => {
    let down = true;
    const handled: string[] = [];
    const intake = new Intake({
      handle: async (msg) => {
        if (down && msg.chatId === "g1")
          throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        handled.push(msg.text);
      },
      journal: null,
      clock: systemClock,
      log: silentLogger,
      retryMs: 5,
      maxRetryMs: 20,
    });
    await intake.start();
    const p = [
      intake.accept(m("g1", "u1", "1")),
      intake.accept(m("g1", "u2", "2")),
      intake.accept(m("g2", "u3", "other")),
    ];
    await new Promise((r) => setTimeout(r, 60));
    expect(handled).toEqual(["other"]);
    down = false;
    await Promise.all(p);
    expect(handled).toEqual(["other", "1", "2"]);
    await intake.stop();
  });

  it("sets aside a message that keeps failing for its own reasons and says so, then goes on", async () => {
    const dead: string[] = [];
    const handled: string[] = [];
    const intake = new Intake({
      handle: async (msg) => {
        if (msg.text === "bad") throw new TypeError("Cannot read properties of undefined");
        handled.push(msg.text);
      },
      journal: null,
      clock: systemClock,
      log: silentLogger,
      retryMs: 1,
      maxAttempts: 3,
      onDead: async (msg) => {
        dead.push(msg.text);
      },
    });
    await intake.start();
    const bad = intake.accept(m("g1", "u1", "bad"));
    await expect(bad).rejects.toThrow(TypeError); // not kept anywhere: the platform may deliver it again
    await intake.accept(m("g1", "u1", "good"));
    expect(dead).toEqual(["bad"]);
    expect(handled).toEqual(["good"]);
    await intake.stop();
  });
});
