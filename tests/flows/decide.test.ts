// The decision about one message, as a pure function of a snapshot: table tests, no database.
import { describe, expect, it } from "vitest";
import { decideMessage } from "../../src/flows/decide";
import { household, lines, order, parsed, snapshot } from "./decide-support";

const entry = (hh: string | null, items: Array<[string, number]>, name: string | null = null) => ({
  household: hh,
  name,
  items: lines(...items),
  rejected: [],
});

describe("several households in one message", () => {
  it("places one order per household, each through the rules, and answers once listing each", () => {
    const p = parsed({ kind: "order", entries: [entry("5-2-301", [["PKG150", 1]]), entry("5-2-302", [["PKG50", 2]])] });
    const d = decideMessage(
      snapshot(p, {
        households: [
          household("5-2-302", {
            open: order({
              household: "5-2-302",
              lines: lines(["PKG50", 1]),
              placedAt: new Date("2026-12-05T08:00:00+08:00"),
            }),
          }),
        ],
      }),
    );
    expect(d.creates.map((c) => [c.household, c.lines.map((l) => [l.sku, l.qty])])).toEqual([
      ["5-2-301", [["PKG150", 1]]],
    ]);
    expect(d.events.filter((e) => e.type === "order.rejected")).toEqual([
      expect.objectContaining({ household: "5-2-302", reason: "TOO_SOON" }),
    ]);
    expect(d.say).toHaveLength(1);
    expect(d.say[0]!.text).toContain("5-2-301");
    expect(d.say[0]!.text).toContain("5-2-302");
    // each household's order has its own id, derived from the message and the household
    expect(d.creates[0]!.sourceMessage).toBe("sim:g1:m1#5-2-301");
  });

  it("never puts one household's goods on another's order", () => {
    const p = parsed({ kind: "order", entries: [entry("6-101", [["PKG100", 1]]), entry("6-102", [["PKG100", 1]])] });
    const d = decideMessage(snapshot(p));
    expect(d.creates.map((c) => c.household)).toEqual(["6-101", "6-102"]);
    expect(d.creates.every((c) => c.lines.length === 1 && c.lines[0]!.qty === 1)).toBe(true);
  });

  it("a volunteer's 代下单 for two neighbours is a proxy order for each: special care, first in the lists", () => {
    const p = parsed({
      kind: "order",
      entries: [entry("3-1-101", [["PKG50", 1]], "王奶奶"), entry("3-1-102", [["PKG50", 1]], "李爷爷")],
    });
    const d = decideMessage(
      snapshot(p, {
        from: "vol",
        roles: ["volunteer"],
        text: "代下单\n3-1-101 王奶奶 小套餐一份\n3-1-102 李爷爷 小套餐一份",
      }),
    );
    expect(d.creates.map((c) => [c.household, c.proxy, c.priority])).toEqual([
      ["3-1-101", true, true],
      ["3-1-102", true, true],
    ]);
    expect(d.specialCare).toEqual(["3-1-101", "3-1-102"]);
    expect(d.linkSender).toBeNull();
  });
});

describe("接龙 as a shared document", () => {
  const line = (hh: string, items: Array<[string, number]>, by: string) => ({
    household: hh,
    name: null,
    items: lines(...items),
    rejected: [],
    by,
    orderId: `o-${hh}`,
  });
  const stored = { title: "团购", lines: [line("1-101", [["PKG50", 1]], "a"), line("1-102", [["PKG100", 1]], "b")] };
  const open = (hh: string, items: Array<[string, number]>) =>
    household(hh, { open: order({ household: hh, lines: lines(...items) }) });
  const base = { list: stored, households: [open("1-101", [["PKG50", 1]]), open("1-102", [["PKG100", 1]])] };

  it("a copy missing someone else's line keeps that order and names it; a new line is a new order", () => {
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-101", [["PKG50", 1]]), entry("1-103", [["PKG150", 1]])],
    });
    const d = decideMessage(snapshot(p, { ...base, from: "c" }));
    expect(d.cancels).toEqual([]);
    expect(d.creates.map((c) => c.household)).toEqual(["1-103"]);
    expect(d.say[0]!.text).toContain("少了 1-102");
    expect(d.list!.lines.map((l) => [l.household, l.by])).toEqual([
      ["1-101", "a"],
      ["1-102", "b"],
      ["1-103", "c"],
    ]);
  });

  it("two copies made from the same base merge", () => {
    // a added 1-103 (stored); b's copy, made before, adds 1-104 instead.
    const withA = { title: "团购", lines: [...stored.lines, line("1-103", [["EGGS", 1]], "a")] };
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-101", [["PKG50", 1]]), entry("1-102", [["PKG100", 1]]), entry("1-104", [["MILK", 1]])],
    });
    const d = decideMessage(
      snapshot(p, { list: withA, households: [...base.households, open("1-103", [["EGGS", 1]])], from: "b" }),
    );
    expect(d.creates.map((c) => c.household)).toEqual(["1-104"]);
    expect(d.cancels).toEqual([]);
    expect(d.list!.lines.map((l) => l.household)).toEqual(["1-101", "1-102", "1-103", "1-104"]);
  });

  it("changes a line only for its owner, or a leader or volunteer", () => {
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-101", [["PKG50", 2]]), entry("1-102", [["PKG100", 1]])],
    });
    const other = decideMessage(snapshot(p, { ...base, from: "c" }));
    expect(other.changes).toEqual([]);
    expect(other.say[0]!.text).toContain("1-101 的内容与已登记的不同");
    const owner = decideMessage(snapshot(p, { ...base, from: "a" }));
    expect(owner.changes.map((c) => [c.household, c.lines.map((l) => l.qty)])).toEqual([["1-101", [2]]]);
    const leader = decideMessage(snapshot(p, { ...base, from: "lead", roles: ["leader"] }));
    expect(leader.changes.map((c) => c.household)).toEqual(["1-101"]);
  });

  it("a list changes only the orders it placed: a household's own order stands", () => {
    // 1-105 ordered by message; their line in the list was refused (TOO_SOON) and so is not the list's.
    const direct = household("1-105", {
      open: order({ household: "1-105", lines: lines(["PKG100", 1]), id: "o-direct", placedBy: "e" }),
    });
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-101", [["PKG50", 1]]), entry("1-102", [["PKG100", 1]]), entry("1-105", [["FORMULA", 2]])],
    });
    const d = decideMessage(
      snapshot(p, { ...base, households: [...base.households, direct], from: "e", senderHousehold: "1-105" }),
    );
    expect(d.changes).toEqual([]);
    expect(d.cancels).toEqual([]);
    expect(d.events).toContainEqual(
      expect.objectContaining({ type: "order.rejected", household: "1-105", reason: "TOO_SOON" }),
    );
  });

  it("the same list posted for the next round orders anew for households whose earlier orders were delivered", () => {
    const delivered = (hh: string) =>
      household(hh, {
        open: order({
          household: hh,
          lines: lines(["PKG50", 1]),
          status: "delivered",
          placedAt: new Date("2026-12-01T09:00:00+08:00"),
          deliveryDate: "2026-12-02",
        }),
      });
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-101", [["PKG50", 1]]), entry("1-102", [["PKG100", 1]])],
    });
    const d = decideMessage(
      snapshot(p, { list: stored, households: [delivered("1-101"), delivered("1-102")], from: "c" }),
    );
    expect(d.creates.map((c) => c.household)).toEqual(["1-101", "1-102"]);
    expect(d.say[0]!.text).toContain("预计12月6日送达");
  });

  it("a list longer than any group (a paste gone wrong) registers nothing and says so", () => {
    const many = Array.from({ length: 501 }, (_, i) => entry(`9-${i + 1}`, [["PKG50", 1]]));
    const d = decideMessage(snapshot(parsed({ kind: "jielong", title: "团购", entries: many })));
    expect(d.creates).toEqual([]);
    expect(d.say[0]!.text).toContain("501条");
  });

  // The one reading of a repost (src/flows/decide/list.ts): lines are keyed by household, and
  // a household listed twice in one copy is ordered by its first line.
  it("a household listed twice in one copy: its first line is the order, the later one changes nothing", () => {
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-107", [["PKG50", 1]]), entry("1-108", [["PKG100", 1]]), entry("1-107", [["PKG150", 2]])],
    });
    const d = decideMessage(snapshot(p, { from: "c" }));
    expect(d.creates.map((c) => [c.household, c.lines.map((l) => [l.sku, l.qty])])).toEqual([
      ["1-107", [["PKG50", 1]]],
      ["1-108", [["PKG100", 1]]],
    ]);
    expect(d.changes).toEqual([]);
    expect(d.list!.lines.map((l) => [l.household, l.items.map((i) => i.sku)])).toEqual([
      ["1-107", ["PKG50"]],
      ["1-108", ["PKG100"]],
    ]);
  });

  it("a line with a name and no household is refused, never matched to another line by name", () => {
    const named = {
      title: "团购",
      lines: [{ household: null, name: "王五", items: lines(["PKG50", 1]), rejected: [], by: "a", orderId: null }],
    };
    const p = parsed({ kind: "jielong", title: "团购", entries: [entry(null, [["PKG100", 1]], "王五")] });
    const d = decideMessage(snapshot(p, { list: named, from: "a" }));
    expect(d.creates).toEqual([]);
    expect(d.changes).toEqual([]);
    expect(d.say[0]!.text).toContain("王五");
  });

  it("renumbering and reordering a copy changes nothing", () => {
    const p = parsed({
      kind: "jielong",
      title: "团购",
      entries: [entry("1-102", [["PKG100", 1]]), entry("1-101", [["PKG50", 1]])],
    });
    const d = decideMessage(snapshot(p, { ...base, from: "a" }));
    expect([d.creates, d.changes, d.cancels]).toEqual([[], [], []]);
  });

  it("the owner taking their own line out cancels their order", () => {
    const p = parsed({ kind: "jielong", title: "团购", entries: [entry("1-101", [["PKG50", 1]])] });
    const d = decideMessage(snapshot(p, { ...base, from: "b" }));
    expect(d.cancels).toEqual([{ orderId: "o-1-102", household: "1-102" }]);
    expect(d.list!.lines.map((l) => l.household)).toEqual(["1-101"]);
  });
});

describe("edits and recalls", () => {
  const placed = order({ household: "2-1-101", lines: lines(["PKG50", 1]), sourceMessage: "sim:g1:m0" });
  const orig = { kind: "order", orders: [placed] };
  const hh = [household("2-1-101", { open: placed })];

  it("an edited order is amended to the new reading", () => {
    const d = decideMessage(
      snapshot(parsed({ kind: "order", household: "2-1-101", items: lines(["PKG100", 1]) }), {
        kind: "edit",
        original: orig,
        households: hh,
      }),
    );
    expect(d.changes).toEqual([
      expect.objectContaining({ orderId: placed.id, lines: [expect.objectContaining({ sku: "PKG100", qty: 1 })] }),
    ]);
    expect(d.events.map((e) => e.type)).toEqual(["order.amended"]);
  });

  it("an order edited into chatter is cancelled", () => {
    const d = decideMessage(snapshot(parsed({ kind: "none" }), { kind: "edit", original: orig, households: hh }));
    expect(d.cancels).toEqual([{ orderId: placed.id, household: "2-1-101" }]);
  });

  it("after the leader's confirmation an edit changes nothing and is refused", () => {
    const confirmed = { ...placed, status: "confirmed" as const, batchId: "B1", batchStatus: "confirmed" as const };
    const d = decideMessage(
      snapshot(parsed({ kind: "order", household: "2-1-101", items: lines(["PKG100", 1]) }), {
        kind: "edit",
        original: { kind: "order", orders: [confirmed] },
        households: [household("2-1-101", { open: confirmed })],
      }),
    );
    expect(d.changes).toEqual([]);
    expect(d.say).toEqual([expect.objectContaining({ refusal: { household: "2-1-101", reason: "BATCH_CONFIRMED" } })]);
  });

  it("a message that placed nothing, edited into an order, places it", () => {
    const d = decideMessage(
      snapshot(parsed({ kind: "order", household: "2-1-102", items: lines(["PKG50", 1]) }), {
        kind: "edit",
        original: { kind: "none", orders: [] },
      }),
    );
    expect(d.creates.map((c) => c.household)).toEqual(["2-1-102"]);
  });

  it("a recall cancels its order (the household may order again at once); after confirmation the leader is told", () => {
    const d = decideMessage(snapshot(parsed({ kind: "none" }), { kind: "recall", original: orig, households: hh }));
    expect(d.cancels).toEqual([{ orderId: placed.id, household: "2-1-101" }]);
    const confirmed = { ...placed, status: "confirmed" as const, batchStatus: "confirmed" as const, batchId: "B1" };
    const late = decideMessage(
      snapshot(parsed({ kind: "none" }), {
        kind: "recall",
        original: { kind: "order", orders: [confirmed] },
        households: [household("2-1-101", { open: confirmed })],
      }),
    );
    expect(late.cancels).toEqual([]);
    expect(late.events).toEqual([
      expect.objectContaining({ type: "order.recall_after_confirm", household: "2-1-101" }),
    ]);
    expect(late.say[0]!.text).toContain("团长");
  });
});

describe("whose word changes an order", () => {
  const theirs = [
    household("3-2-501", { open: order({ household: "3-2-501", lines: lines(["PKG100", 1]), placedBy: "owner" }) }),
  ];
  it("another household's member cannot cancel or change it (a typo in the address must not cancel a neighbour's order)", () => {
    const d = decideMessage(
      snapshot(parsed({ kind: "cancel", household: "3-2-501" }), {
        from: "neighbour",
        senderHousehold: "3-2-510",
        households: theirs,
      }),
    );
    expect(d.cancels).toEqual([]);
    expect(d.events).toEqual([
      expect.objectContaining({ type: "order.rejected", household: "3-2-501", reason: "NOT_YOUR_ORDER" }),
    ]);
    expect(d.say[0]!.text).toContain("本户、下单人或团长");
  });
  it("the household, whoever placed it, or a leader can", () => {
    for (const who of [
      { from: "x", senderHousehold: "3-2-501" },
      { from: "owner", senderHousehold: null },
      { from: "lead", roles: ["leader" as const] },
    ]) {
      const d = decideMessage(
        snapshot(parsed({ kind: "cancel", household: "3-2-501" }), { ...who, households: theirs }),
      );
      expect(d.cancels).toHaveLength(1);
    }
  });
});

describe("a message handled days after it was sent", () => {
  it("is delivered after it is read, never on a day that has passed, and says so", () => {
    const p = parsed({ kind: "order", household: "2-1-101", items: lines(["PKG50", 1]) });
    const d = decideMessage(
      snapshot(p, { sentAt: "2026-12-05T18:00:00+08:00", handledAt: "2026-12-06T21:00:00+08:00" }),
    );
    expect(d.creates[0]).toMatchObject({ deliveryDate: "2026-12-07" });
    expect(d.events[0]).toMatchObject({
      type: "order.accepted",
      deliveryDate: "2026-12-07",
      deferredFrom: "2026-12-06",
    });
    expect(d.say[0]!.text).toContain("已赶不上12月6日的配送");
  });
});

describe("amendments", () => {
  const hh = [
    household("4-1-101", { open: order({ household: "4-1-101", lines: lines(["PKG100", 1], ["EGGS", 1]) }) }),
  ];
  const linesAfter = (p: ReturnType<typeof parsed>) =>
    decideMessage(snapshot(p, { households: hh })).changes[0]?.lines.map((l) => [l.sku, l.qty]);

  it("add adds, set sets, removed takes out", () => {
    expect(linesAfter(parsed({ kind: "amend", household: "4-1-101", mode: "add", items: lines(["EGGS", 1]) }))).toEqual(
      [
        ["PKG100", 1],
        ["EGGS", 2],
      ],
    );
    expect(linesAfter(parsed({ kind: "amend", household: "4-1-101", items: lines(["EGGS", 3]) }))).toEqual([
      ["PKG100", 1],
      ["EGGS", 3],
    ]);
    expect(linesAfter(parsed({ kind: "amend", household: "4-1-101", removed: ["EGGS"] }))).toEqual([["PKG100", 1]]);
    expect(
      linesAfter(parsed({ kind: "amend", household: "4-1-101", removed: ["EGGS"], items: lines(["MILK", 1]) })),
    ).toEqual([
      ["PKG100", 1],
      ["MILK", 1],
    ]);
  });

  it("再加 with nothing open is a new order", () => {
    const d = decideMessage(
      snapshot(parsed({ kind: "amend", household: "4-1-102", mode: "add", items: lines(["MILK", 1]) })),
    );
    expect(d.creates.map((c) => c.household)).toEqual(["4-1-102"]);
  });

  it("a leader changes a proxy order by the person's name; an unknown or shared name is asked about", () => {
    const named = [{ code: "3-1-102", name: "李爷爷" }];
    const hhs = [
      household("3-1-102", { name: "李爷爷", open: order({ household: "3-1-102", lines: lines(["PKG100", 1]) }) }),
    ];
    const p = parsed({ kind: "amend", forName: "李爷爷", items: lines(["PKG50", 1]) });
    const d = decideMessage(snapshot(p, { from: "lead", roles: ["leader"], named, households: hhs }));
    expect(d.changes).toEqual([
      expect.objectContaining({ household: "3-1-102", lines: [expect.objectContaining({ sku: "PKG50", qty: 1 })] }),
    ]);
    const unknown = decideMessage(snapshot(p, { from: "lead", roles: ["leader"], named: [] }));
    expect(unknown.changes).toEqual([]);
    expect(unknown.say[0]!.text).toContain("李爷爷");
  });

  it("a change that is only refused (改成一万份) changes nothing and says why", () => {
    const d = decideMessage(
      snapshot(
        parsed({ kind: "amend", household: "4-1-101", rejected: [{ text: "一万份", reason: "BAD_QUANTITY" }] }),
        { households: hh },
      ),
    );
    expect(d.changes).toEqual([]);
    expect(d.say).toEqual([expect.objectContaining({ refusal: { household: "4-1-101", reason: "BAD_QUANTITY" } })]);
  });
});

describe("messages that are not requests", () => {
  it("a price complaint goes to the officials and nothing is said in the group", () => {
    const d = decideMessage(
      snapshot(parsed({ kind: "none", complaint: { goods: "鸡蛋", sku: "EGGS", price: 30, unit: "盒" } })),
    );
    expect(d.complaint).toEqual({ goods: "鸡蛋", sku: "EGGS", price: 30, unit: "盒" });
    expect(d.say).toEqual([]);
    expect(d.creates).toEqual([]);
  });

  it("names a household and goods but not what it wants: one short question, quoting it", () => {
    const d = decideMessage(
      snapshot(parsed({ kind: "none", household: "7-101", unclear: true }), { text: "7-101 鸡蛋两盒？" }),
    );
    expect(d.say).toHaveLength(1);
    expect(d.say[0]!.text).toContain("7-101 鸡蛋两盒？");
    expect(d.say[0]!.refusal).toEqual({ household: "7-101", reason: "UNCLEAR" });
  });
});

describe("placement after the cut-off", () => {
  it("joins the posted batch while unconfirmed; moves on past a confirmed one; makes the batch when none exists", () => {
    const p = parsed({ kind: "order", household: "2-1-101", items: lines(["PKG50", 1]) });
    const at = { sentAt: "2026-12-05T19:59:58+08:00", handledAt: "2026-12-05T20:00:03+08:00" };
    const joins = decideMessage(
      snapshot(p, { ...at, batches: [{ id: "B6", deliveryDate: "2026-12-06", status: "ready" }] }),
    );
    expect(joins.creates[0]).toMatchObject({ deliveryDate: "2026-12-06", batchId: "B6" });
    expect(joins.jobs).toEqual([{ kind: "batch-update", batchId: "B6" }]);
    const moves = decideMessage(
      snapshot(p, { ...at, batches: [{ id: "B6", deliveryDate: "2026-12-06", status: "confirmed" }] }),
    );
    expect(moves.creates[0]).toMatchObject({ deliveryDate: "2026-12-07", batchId: null });
    expect(moves.say[0]!.text).toContain("顺延");
    const makes = decideMessage(snapshot(p, at));
    expect(makes.jobs).toEqual([{ kind: "cutoff-now", gridId: "grid1", deliveryDate: "2026-12-06" }]);
  });
});
