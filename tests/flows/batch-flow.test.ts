import { describe, expect, it } from "vitest";
import {
  assignPickupSlots,
  batchStepsDue,
  compareHouseholds,
  summariseBatch,
  type BatchOrder,
} from "../../src/flows/batch-flow";
import { seededRandom } from "../../src/domain/seeded-random";
import { addDays, daysBetween, localDate, zonedInstant } from "../../src/domain/local-time";
import { isoInZone } from "../../src/domain/iso";

const order = (household: string, priority: boolean, lines: Array<[string, number]>, amount: number): BatchOrder => ({
  orderId: `o-${household}`,
  household,
  name: null,
  priority,
  lines: lines.map(([sku, qty]) => ({ sku, qty })),
  amountCents: amount,
  paid: false,
});

describe("batch summary", () => {
  const s = summariseBatch([
    order(
      "3-2-501",
      false,
      [
        ["PKG100", 1],
        ["FORMULA", 1],
      ],
      29800,
    ),
    order("10-1-101", false, [["PKG50", 2]], 10000),
    order("3-1-101", true, [["PKG50", 1]], 5000),
    order("3-2-101", false, [["PKG100", 1]], 10000),
  ]);
  it("totals per sku", () => {
    expect(s.totals).toEqual([
      { sku: "FORMULA", qty: 1 },
      { sku: "PKG100", qty: 2 },
      { sku: "PKG50", qty: 3 },
    ]);
    expect(s.orders).toBe(4);
    expect(s.amountCents).toBe(54800);
  });
  it("puts special-care households first, then by address numerically", () => {
    expect(s.pickList.map((p) => p.household)).toEqual(["3-1-101", "3-2-101", "3-2-501", "10-1-101"]);
  });
  it("orders the pick list exactly as compareHouseholds does, however the addresses are written", () => {
    const next = seededRandom(14);
    const part = () => (next() < 0.1 ? "B" : String(Math.floor(next() * 12)));
    const orders = Array.from({ length: 300 }, (_, i) => {
      const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, part);
      return { ...order(parts.join("-"), next() < 0.2, [["PKG50", 1]], 5000), orderId: `o${i}` };
    });
    const expected = [...orders].sort(compareHouseholds).map((o) => o.orderId);
    expect(summariseBatch(orders).pickList.map((p) => p.orderId)).toEqual(expected);
  });
});

describe("pickup slots (错峰取物)", () => {
  it("fills slots of the given length and capacity in order", () => {
    const m = assignPickupSlots(["a", "b", "c", "d", "e"], {
      opensAt: "09:00",
      closesAt: "10:00",
      slotMinutes: 20,
      slotCapacity: 2,
    });
    expect([...m.values()]).toEqual(["09:00-09:20", "09:00-09:20", "09:20-09:40", "09:20-09:40", "09:40-10:00"]);
  });
  it("never leaves a household without a slot", () => {
    const m = assignPickupSlots(
      Array.from({ length: 30 }, (_, i) => `h${i}`),
      { opensAt: "09:00", closesAt: "09:30", slotMinutes: 30, slotCapacity: 10 },
    );
    expect(m.size).toBe(30);
    expect(m.get("h29")).toBe("10:00-10:30");
  });
});

describe("local time", () => {
  it("turns wall-clock time in a zone into an instant and back", () => {
    const t = zonedInstant("2026-12-05", "20:00", "Asia/Shanghai");
    expect(t.toISOString()).toBe("2026-12-05T12:00:00.000Z");
    expect(isoInZone(t, "Asia/Shanghai")).toBe("2026-12-05T20:00:00+08:00");
    expect(localDate(new Date("2026-12-05T16:30:00Z"), "Asia/Shanghai")).toBe("2026-12-06");
  });
  it("handles a DST zone", () => {
    expect(zonedInstant("2026-07-01", "09:00", "Europe/Berlin").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(zonedInstant("2026-12-01", "09:00", "Europe/Berlin").toISOString()).toBe("2026-12-01T08:00:00.000Z");
  });
  it("counts calendar days", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
  });
});

describe("a batch's reminders: one set of timings for the jobs and the sweep", () => {
  const tz = "Asia/Shanghai";
  type Steps = Parameters<typeof batchStepsDue>[0];
  const ready: Steps = {
    status: "ready",
    readyAt: new Date("2026-12-05T20:00:00+08:00"),
    deliveryDate: "2026-12-06",
    remindedAt: null,
    escalatedAt: null,
    morningAt: null,
  };
  const due = (b: Steps, t: string) => batchStepsDue(b, new Date(t), tz);
  it("reminds the leader after an hour and tells the officials after three", () => {
    expect(due(ready, "2026-12-05T20:59:00+08:00")).toEqual({ remind: false, escalate: false, morning: false });
    expect(due(ready, "2026-12-05T21:00:00+08:00")).toEqual({ remind: true, escalate: false, morning: false });
    expect(due(ready, "2026-12-05T23:00:00+08:00")).toEqual({ remind: true, escalate: true, morning: false });
    expect(due({ ...ready, remindedAt: new Date() }, "2026-12-05T23:00:00+08:00")).toEqual({
      remind: false,
      escalate: true,
      morning: false,
    });
  });
  it("reminds households on the delivery morning, from 07:00 that day only", () => {
    const confirmed = { ...ready, status: "confirmed" };
    expect(due(confirmed, "2026-12-06T06:59:00+08:00").morning).toBe(false);
    expect(due(confirmed, "2026-12-06T07:00:00+08:00")).toEqual({ remind: false, escalate: false, morning: true });
    expect(due(confirmed, "2026-12-07T07:30:00+08:00").morning).toBe(false);
    expect(due({ ...confirmed, morningAt: new Date() }, "2026-12-06T08:00:00+08:00").morning).toBe(false);
  });
});
