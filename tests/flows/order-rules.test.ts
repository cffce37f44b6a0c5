import { describe, expect, it } from "vitest";
import {
  applyAmendment,
  checkNewOrder,
  cutoffInstant,
  deliveryDateFor,
  deliveryDateOfLastCutoff,
  mergeLines,
  nextOrderDate,
  DEFAULT_RULES,
  type Rules,
} from "../../src/flows/order-rules";
import { DEFAULT_CATALOG } from "../../src/domain/catalog";

const rules: Rules = { ...DEFAULT_RULES, limits: { PKG150: 2 } };
const categoryOf = (sku: string) => DEFAULT_CATALOG.find((c) => c.sku === sku)?.category ?? null;
const at = (iso: string) => new Date(iso);

describe("delivery date and cut-off", () => {
  it.each([
    ["2026-12-05T08:30:00+08:00", "2026-12-06"],
    ["2026-12-05T19:59:59+08:00", "2026-12-06"],
    ["2026-12-05T20:00:00+08:00", "2026-12-07"],
    ["2026-12-05T23:59:00+08:00", "2026-12-07"],
    ["2026-12-05T00:01:00+08:00", "2026-12-06"],
    ["2026-12-31T21:00:00+08:00", "2027-01-02"],
    // 23:30 UTC on the 4th is 07:30 on the 5th in Shanghai
    ["2026-12-04T23:30:00Z", "2026-12-06"],
  ])("placed %s → delivered %s", (placed, want) => {
    expect(deliveryDateFor(at(placed), rules)).toBe(want);
  });
  it("honours another cut-off and time zone", () => {
    expect(deliveryDateFor(at("2026-12-05T18:30:00+08:00"), { timezone: "Asia/Shanghai", cutoff: "18:00" })).toBe(
      "2026-12-07",
    );
    expect(deliveryDateFor(at("2026-12-05T10:30:00Z"), { timezone: "Europe/London", cutoff: "11:00" })).toBe(
      "2026-12-06",
    );
  });
  it("one rule: the cut-off of a date is the evening before; the last cut-off's date is the day before the next one's", () => {
    expect(cutoffInstant("2026-12-06", rules).toISOString()).toBe("2026-12-05T12:00:00.000Z");
    for (const t of ["2026-12-05T19:59:59+08:00", "2026-12-05T20:00:00+08:00", "2026-12-06T00:30:00+08:00"]) {
      const next = deliveryDateFor(at(t), rules);
      expect(at(t).getTime()).toBeLessThan(cutoffInstant(next, rules).getTime());
      expect(at(t).getTime()).toBeGreaterThanOrEqual(
        cutoffInstant(deliveryDateOfLastCutoff(at(t), rules), rules).getTime(),
      );
    }
    expect(deliveryDateOfLastCutoff(at("2026-12-05T20:00:00+08:00"), rules)).toBe("2026-12-06");
    expect(deliveryDateOfLastCutoff(at("2026-12-05T19:59:00+08:00"), rules)).toBe("2026-12-05");
  });
});

describe("one order per household per interval", () => {
  const base = { rules, categoryOf };
  it("accepts a first order", () => {
    expect(
      checkNewOrder([{ sku: "PKG100", qty: 1 }], {
        ...base,
        now: at("2026-12-01T09:00:00+08:00"),
        lastPlacedDate: null,
      }),
    ).toEqual({ ok: true });
  });
  it("ordered on the 1st: refused on the 1st and 2nd with the date it becomes possible, accepted from the 3rd", () => {
    const last = "2026-12-01";
    for (const [now, ok] of [
      ["2026-12-01T21:00:00+08:00", false],
      ["2026-12-02T23:59:00+08:00", false],
      ["2026-12-03T00:00:00+08:00", true],
    ] as const) {
      const r = checkNewOrder([{ sku: "PKG50", qty: 1 }], { ...base, now: at(now), lastPlacedDate: last });
      if (ok) expect(r).toEqual({ ok: true });
      else expect(r).toEqual({ ok: false, reason: "TOO_SOON", nextDate: "2026-12-03" });
    }
  });
  it("uses intervalDays", () => {
    expect(nextOrderDate("2026-12-30", 3)).toBe("2027-01-02");
    const r = checkNewOrder([{ sku: "PKG50", qty: 1 }], {
      ...base,
      rules: { ...rules, intervalDays: 3 },
      now: at("2027-01-01T10:00:00+08:00"),
      lastPlacedDate: "2026-12-30",
    });
    expect(r).toMatchObject({ reason: "TOO_SOON", nextDate: "2027-01-02" });
  });
});

describe("limits and categories", () => {
  const ctx = { rules, categoryOf, now: at("2026-12-01T09:00:00+08:00"), lastPlacedDate: null };
  it("refuses more than the per-order limit", () => {
    expect(checkNewOrder([{ sku: "PKG150", qty: 3 }], ctx)).toEqual({
      ok: false,
      reason: "OVER_LIMIT",
      sku: "PKG150",
      max: 2,
    });
    expect(checkNewOrder([{ sku: "PKG150", qty: 2 }], ctx)).toEqual({ ok: true });
  });
  it("refuses a sku outside the allowed categories or unknown", () => {
    expect(checkNewOrder([{ sku: "CIGARETTES", qty: 1 }], ctx)).toMatchObject({
      ok: false,
      reason: "CATEGORY_NOT_ALLOWED",
    });
  });
});

describe("amendments", () => {
  const isPackage = (s: string) => s.startsWith("PKG");
  it("sets a quantity", () => {
    expect(
      applyAmendment(
        [
          { sku: "PKG100", qty: 1 },
          { sku: "FORMULA", qty: 1 },
        ],
        [{ sku: "FORMULA", qty: 3 }],
        isPackage,
      ),
    ).toEqual([
      { sku: "PKG100", qty: 1 },
      { sku: "FORMULA", qty: 3 },
    ]);
  });
  it("a named package replaces the packages", () => {
    expect(
      applyAmendment(
        [
          { sku: "PKG50", qty: 1 },
          { sku: "EGGS", qty: 1 },
        ],
        [{ sku: "PKG100", qty: 1 }],
        isPackage,
      ),
    ).toEqual([
      { sku: "EGGS", qty: 1 },
      { sku: "PKG100", qty: 1 },
    ]);
  });
  it("adds a new item and removes one set to zero", () => {
    expect(applyAmendment([{ sku: "PKG50", qty: 1 }], [{ sku: "MILK", qty: 2 }], isPackage)).toEqual([
      { sku: "PKG50", qty: 1 },
      { sku: "MILK", qty: 2 },
    ]);
    expect(
      applyAmendment(
        [
          { sku: "PKG50", qty: 1 },
          { sku: "MILK", qty: 2 },
        ],
        [{ sku: "MILK", qty: 0 }],
        isPackage,
      ),
    ).toEqual([{ sku: "PKG50", qty: 1 }]);
  });
  it("merges repeated skus", () => {
    expect(
      mergeLines([
        { sku: "EGGS", qty: 1 },
        { sku: "RICE", qty: 1 },
        { sku: "EGGS", qty: 2 },
      ]),
    ).toEqual([
      { sku: "EGGS", qty: 3 },
      { sku: "RICE", qty: 1 },
    ]);
  });
});
