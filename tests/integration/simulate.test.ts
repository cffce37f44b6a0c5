// `simulate` scenarios: the contract's events and reason codes for each rule.
import fs from "node:fs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runSimulate } from "../../src/cli/simulate";
import { TEST_DATABASE_URL } from "../support/db";

type Ev = Record<string, unknown> & { type: string; at: string };

async function simulate(file: string): Promise<Ev[]> {
  const out: string[] = [];
  await runSimulate(
    fs.readFileSync(file, "utf8"),
    (l) => out.push(l),
    () => undefined,
    { databaseUrl: TEST_DATABASE_URL },
  );
  return out.map((l) => JSON.parse(l) as Ev);
}

describe("simulate: the shared example", () => {
  it("prints two accepted orders delivered 2026-12-06, through the real command", async () => {
    const { stdout } = await promisify(execFile)(
      "sh",
      ["-c", "bin/baogong simulate < ../shared/contracts/example-scenario.jsonl"],
      { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL } },
    );
    const evs = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Ev);
    const acc = evs.filter((e) => e.type === "order.accepted");
    expect(acc.map((e) => [e.household, e.deliveryDate])).toEqual([
      ["2-1-101", "2026-12-06"],
      ["2-1-102", "2026-12-06"],
    ]);
    expect(evs.filter((e) => e.type === "order.amended")).toHaveLength(1);
    expect(evs.filter((e) => e.type === "batch.ready")).toHaveLength(1);
    expect(evs.filter((e) => e.type === "batch.confirmed")).toHaveLength(1);
    expect(evs.filter((e) => e.type === "announce")).toHaveLength(1);
    // events come in time order, each with at and type
    const times = evs.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // nothing is said on "谢谢团长"
    expect(evs.filter((e) => e.type === "reply" && String(e.text).includes("谢谢"))).toHaveLength(0);
  });
  it("leaves no state behind: a second run gives the same events", async () => {
    const a = await simulate("../shared/contracts/example-scenario.jsonl");
    const b = await simulate("../shared/contracts/example-scenario.jsonl");
    const strip = (e: Ev[]) => e.map(({ orderId: _o, ...r }) => r);
    expect(strip(b)).toEqual(strip(a));
  });
});

describe("simulate: an order handled after its cut-off, and commands delivered twice", () => {
  it("the late order ends in exactly one batch with a truthful date; each command acts once", async () => {
    const evs = await simulate("tests/scenarios/late-and-twice.jsonl");
    const of = (t: string) => evs.filter((e) => e.type === t);
    // g1: sent 19:59:58, handled after the 20:00 batch was posted: joins it, told 12-06.
    const acc = of("order.accepted").map((e) => [e.household, e.deliveryDate, e.deferredFrom ?? null]);
    expect(acc).toEqual([
      ["2-1-101", "2026-12-06", null],
      ["9-1-101", "2026-12-06", null],
      ["2-1-102", "2026-12-06", null],
      ["9-1-102", "2026-12-07", "2026-12-06"],
    ]);
    expect(evs.find((e) => e.type === "reply" && String(e.text).includes("2-1-102"))?.text).toContain(
      "预计12月6日送达",
    );
    expect(of("batch.updated")).toEqual([expect.objectContaining({ chat: "g1", orders: 2, added: ["2-1-102"] })]);
    // g2's leader wrote 确认 at 19:59:59, before the batch existed: it confirms nothing; the next one does.
    // Then 9-1-102 (sent 19:59:50, handled after the confirmation) moves to 12-07 and is told so.
    expect(evs.find((e) => e.type === "reply" && String(e.text).includes("9-1-102"))?.text).toContain(
      "已赶不上12月6日的配送",
    );
    // Each batch confirmed once though 确认 c1 came twice; g1's includes the late order.
    expect(of("batch.confirmed").map((e) => e.chat)).toEqual(["g2", "g1"]);
    expect(of("announce").find((e) => e.chat === "g1")?.text).toContain("2-1-102");
    // 已送达 d1 twice: one batch delivered, said once.
    expect(of("batch.delivered")).toHaveLength(1);
    expect(evs.filter((e) => e.type === "reply" && String(e.text).includes("全部送达"))).toHaveLength(1);
  });
});

describe("simulate: edits and recalls", () => {
  it("an edit brings its order in line with the new text; a recall cancels it; after confirmation neither changes anything", async () => {
    const evs = await simulate("tests/scenarios/edits-recalls.jsonl");
    const of = (t: string) => evs.filter((e) => e.type === t);
    expect(of("order.amended").map((e) => [e.household, e.items])).toEqual([["2-1-101", [{ sku: "PKG100", qty: 1 }]]]);
    // m2 recalled: cancelled, and the household orders again at once (no TOO_SOON).
    expect(of("order.cancelled").map((e) => e.household)).toEqual(["2-1-102", "2-1-104"]);
    expect(of("order.accepted").map((e) => e.household)).toEqual([
      "2-1-101",
      "2-1-102",
      "2-1-102",
      "2-1-103",
      "2-1-104",
    ]);
    expect(of("order.rejected").filter((e) => e.reason === "TOO_SOON")).toEqual([]);
    // After the leader confirmed: the edits are refused once, the recall goes to the leader.
    expect(
      of("order.rejected")
        .filter((e) => e.reason === "BATCH_CONFIRMED")
        .map((e) => e.household),
    ).toEqual(["2-1-101", "2-1-101"]);
    expect(evs.filter((e) => e.type === "reply" && String(e.text).includes("团长已确认本批订单"))).toHaveLength(1);
    expect(of("order.recall_after_confirm").map((e) => e.household)).toEqual(["2-1-102"]);
    expect(of("batch.confirmed")).toHaveLength(1);
    expect(of("announce")[0]!.text).toContain("2-1-103");
  });
});

describe("simulate: a rush in one WeChat group", () => {
  it("100 orders in ten minutes get digests, not 100 replies; a flood from one member one refusal; a question its answer at once", async () => {
    const evs = await simulate("tests/scenarios/wechat-rush.jsonl");
    const replies = evs.filter((e) => e.type === "reply");
    const beforeCutoff = replies.filter((e) => e.at < "2026-12-05T20:00:00+08:00");
    expect(evs.filter((e) => e.type === "order.accepted")).toHaveLength(100);
    expect(beforeCutoff.length).toBeLessThanOrEqual(5);
    // every acknowledged household is in a message the group saw
    const said = beforeCutoff.map((e) => String(e.text)).join("\n");
    for (const e of evs.filter((x) => x.type === "order.accepted")) expect(said).toContain(String(e.household));
    // the flood's 50 refusals: one line
    expect(said.split("9-9-909").length - 1).toBe(1);
    // the status question at 19:49 is answered within a WeChat pace of it
    const answer = replies.find((e) => String(e.text).startsWith("📦 1-1-101"))!;
    expect(Date.parse(answer.at) - Date.parse("2026-12-05T19:49:00+08:00")).toBeLessThan(10_000);
    // WeChat's pace held: at least 3 s between any two messages
    const times = replies.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3000);
    // the batch list goes in parts within WeChat's limit, the file after it
    expect(
      replies
        .filter((e) => String(e.text).includes("批次已汇总") || /^\(\d\/\d\)/.test(String(e.text)))
        .every((e) => String(e.text).length <= 1800),
    ).toBe(true);
  }, 180_000); // 150 messages through virtual WeChat pacing: seconds alone, minutes on a loaded 2-core machine
});

describe("simulate: the language setting", () => {
  it("en: English only; zh+en: both, and English alone to an English message; zh (default): Chinese only", async () => {
    const run = async (language: string | null, text: string) => {
      const setup = { groups: [{ chat: "g1", village: "村", grid: "1" }], ...(language ? { language } : {}) };
      const script = [
        { setup },
        { at: "2026-12-05T09:00:00+08:00", chat: "g1", from: "r1", name: "2-1-101 王", text },
        { at: "2026-12-05T10:00:00+08:00", end: true },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n");
      const out: string[] = [];
      await runSimulate(
        script,
        (l) => out.push(l),
        () => undefined,
        { databaseUrl: TEST_DATABASE_URL },
      );
      return String(out.map((l) => JSON.parse(l) as Ev).find((e) => e.type === "reply")!.text);
    };
    expect(await run(null, "50元套餐1份")).toMatch(/^✅ 已收到 2-1-101[^\n]*$/);
    expect(await run("en", "50元套餐1份")).toMatch(/^Order received for 2-1-101/);
    const both = await run("zh+en", "50元套餐1份");
    expect(both).toContain("✅ 已收到 2-1-101");
    expect(both).toContain("Order received for 2-1-101");
    expect(await run("zh+en", "one 50 yuan package please")).toMatch(/^Order received for 2-1-101/);
    expect(await run("zh", "one 50 yuan package please")).toMatch(/^✅ 已收到/);
  });
});

describe("simulate: rules day", () => {
  it("shows every rule with its event and reason code", async () => {
    const evs = await simulate("tests/scenarios/rules-day.jsonl");
    const of = (t: string) => evs.filter((e) => e.type === t);
    const rejected = of("order.rejected").map((e) => [e.household, e.reason]);
    expect(rejected).toEqual([
      ["2-1-102", "OVER_LIMIT"],
      ["2-1-102", "CATEGORY_NOT_ALLOWED"],
      [null, "NO_HOUSEHOLD"],
      ["2-1-101", "TOO_SOON"],
      ["2-1-102", "BATCH_CONFIRMED"],
    ]);
    expect(of("order.accepted").map((e) => [e.household, e.deliveryDate])).toEqual([
      ["2-1-101", "2026-12-06"],
      ["2-1-102", "2026-12-06"],
      ["3-1-101", "2026-12-06"],
      ["9-9-901", "2026-12-06"],
      ["6-6-606", "2026-12-07"],
    ]);
    expect(of("batch.ready").map((e) => [e.chat, e.grid, e.orders, e.deliveryDate])).toEqual([
      ["g1", "1", 3, "2026-12-06"],
      ["g2", "2", 1, "2026-12-06"],
    ]);
    expect(of("denied")).toEqual([expect.objectContaining({ chat: "g1", from: "r1", reason: "NOT_LEADER" })]);
    expect(of("batch.confirmed")).toEqual([expect.objectContaining({ chat: "g1", grid: "1", by: "lead_a" })]);
    const ann = of("announce");
    expect(ann).toHaveLength(1);
    expect(ann[0]!.text).toMatch(/3-1-101：09:00-09:30[\s\S]*2-1-102：09:30-10:00/);
    // g2's leader never confirmed: reminded at 21:00, officials told at 23:00
    expect(evs.some((e) => e.type === "reply" && e.chat === "g2" && String(e.text).includes("还没有确认"))).toBe(true);
    expect(evs.some((e) => e.type === "reply" && e.chat === "gov" && String(e.text).includes("仍未确认"))).toBe(true);
    // the redelivered m1 was handled once
    expect(of("order.accepted").filter((e) => e.household === "2-1-101")).toHaveLength(1);
  });
});

describe("simulate: limits, intervals and proxies", () => {
  it("officials set and lift limits; a 3-day interval and an 18:00 cut-off hold; proxies go first", async () => {
    const evs = await simulate("tests/scenarios/limits-and-proxy.jsonl");
    const of = (t: string) => evs.filter((e) => e.type === t);
    expect(of("denied")).toEqual([expect.objectContaining({ chat: "g1", from: "lead", reason: "NOT_OFFICIAL" })]);
    expect(of("order.rejected").map((e) => [e.household, e.reason])).toEqual([
      ["1-1-101", "OVER_LIMIT"],
      ["1-1-101", "TOO_SOON"],
    ]);
    expect(of("order.accepted").map((e) => [e.household, e.deliveryDate])).toEqual([
      ["1-1-101", "2026-12-11"],
      ["1-1-109", "2026-12-11"],
      ["1-1-102", "2026-12-12"],
      ["1-1-101", "2026-12-14"],
    ]);
    expect(of("order.rejected")[1]).toMatchObject({ nextDate: "2026-12-13" });
    const ready = of("batch.ready");
    // Nobody confirms: at each cut-off the batch whose delivery day it is can no longer be delivered
    // on its day, and its orders move into the batch being built.
    expect(ready.map((e) => [e.deliveryDate, e.orders])).toEqual([
      ["2026-12-11", 2],
      ["2026-12-12", 3],
      ["2026-12-13", 3],
    ]);
    expect(
      of("order.deferred")
        .map((e) => [e.household, e.from, e.deliveryDate])
        .sort(),
    ).toEqual([
      ["1-1-101", "2026-12-11", "2026-12-12"],
      ["1-1-101", "2026-12-12", "2026-12-13"],
      ["1-1-102", "2026-12-12", "2026-12-13"],
      ["1-1-109", "2026-12-11", "2026-12-12"],
      ["1-1-109", "2026-12-12", "2026-12-13"],
    ]);
    const readyText = evs.find((e) => e.type === "reply" && String(e.text).includes("批次已汇总"))!.text as string;
    expect(readyText.indexOf("1-1-109")).toBeLessThan(readyText.indexOf("1-1-101"));
    expect(readyText).toContain("★1-1-109");
  });
});

describe("simulate on the embedded database", () => {
  it("runs the shared example on PGlite in memory, leaving nothing behind", async () => {
    const out: string[] = [];
    await runSimulate(
      fs.readFileSync("../shared/contracts/example-scenario.jsonl", "utf8"),
      (l) => out.push(l),
      () => undefined,
      {},
    );
    const acc = out.map((l) => JSON.parse(l) as Ev).filter((e) => e.type === "order.accepted");
    expect(acc.map((e) => [e.household, e.deliveryDate])).toEqual([
      ["2-1-101", "2026-12-06"],
      ["2-1-102", "2026-12-06"],
    ]);
  }, 60_000);

  it("gives the same events on PGlite as on PostgreSQL for every scenario (no transaction waits on itself)", async () => {
    const files = fs
      .readdirSync("tests/scenarios")
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => `tests/scenarios/${f}`);
    const strip = (evs: string[]) =>
      evs.map((l) => JSON.parse(l) as Ev).map(({ orderId: _o, requestId: _r, noticeId: _n, ...e }) => e);
    for (const file of files) {
      const embedded: string[] = [];
      const server: string[] = [];
      await runSimulate(
        fs.readFileSync(file, "utf8"),
        (l) => embedded.push(l),
        () => undefined,
        {},
      );
      await runSimulate(
        fs.readFileSync(file, "utf8"),
        (l) => server.push(l),
        () => undefined,
        { databaseUrl: TEST_DATABASE_URL },
      );
      expect({ file, events: strip(embedded) }).toEqual({ file, events: strip(server) });
    }
  }, 180_000);

  it("answers a bad script with a clear error", async () => {
    await expect(
      runSimulate(
        "not json\n",
        () => undefined,
        () => undefined,
        { databaseUrl: TEST_DATABASE_URL },
      ),
    ).rejects.toThrow(/simulate: line 1 is not JSON/);
    await expect(
      runSimulate(
        '{"setup": {"groups": []}}\n',
        () => undefined,
        () => undefined,
        { databaseUrl: TEST_DATABASE_URL },
      ),
    ).rejects.toThrow(/setup\.groups/);
    const errs: string[] = [];
    const out: string[] = [];
    const setup = '{"setup": {"groups": [{"chat": "g1", "village": "v", "grid": "1"}]}}';
    await runSimulate(
      `${setup}\n{"chat": "g1"}\nnot json\n{"at": "2026-12-05T08:00:00+08:00", "chat": "g1", "from": "r", "text": "1-1-101 50元套餐1份"}\n`,
      (l) => out.push(l),
      (l) => errs.push(l),
      { databaseUrl: TEST_DATABASE_URL },
    );
    expect(errs).toEqual([expect.stringContaining("line 2"), expect.stringContaining("line 3: not JSON")]);
    expect(out.some((l) => l.includes("order.accepted"))).toBe(true);
  });
});
