// The JSON columns' readers: what older rows lack is filled in, what no version wrote is an error.
import { describe, expect, it } from "vitest";
import {
  readAckLine,
  readBatchSummary,
  readButtons,
  readJielongEntries,
  readMedicineItems,
  readRefusalAudit,
  readSummarySlots,
  StoredJsonError,
  toJson,
} from "../../src/flows/json-columns";

describe("JSON column readers", () => {
  it("a batch summary from before the pick list kept names, flags and order ids", () => {
    const s = readBatchSummary({
      orders: 1,
      totals: [{ sku: "PKG100", qty: 1 }],
      pickList: [{ household: "1-101", lines: [{ sku: "PKG100", qty: 1 }] }],
    });
    expect(s).toEqual({
      orders: 1,
      totals: [{ sku: "PKG100", qty: 1 }],
      amountCents: 0,
      pickList: [
        {
          household: "1-101",
          name: null,
          priority: false,
          paid: false,
          amountCents: 0,
          orderId: "",
          lines: [{ sku: "PKG100", qty: 1 }],
        },
      ],
    });
    expect(readBatchSummary(null)).toBeNull();
    expect(() => readBatchSummary({ orders: "many" })).toThrow(StoredJsonError);
    expect(readSummarySlots({ orders: 1, slots: { "1-101": "09:00-09:30" } })?.slots).toEqual({
      "1-101": "09:00-09:30",
    });
    expect(readSummarySlots(undefined)).toBeUndefined();
  });
  it("接龙 lines stored before `by` and `orderId` were kept", () => {
    expect(readJielongEntries([{ household: "5-1-101", name: "王", items: [{ sku: "FORMULA", qty: 2 }] }])).toEqual([
      { household: "5-1-101", name: "王", items: [{ sku: "FORMULA", qty: 2 }], rejected: [], by: null, orderId: null },
    ]);
    expect(() => readJielongEntries({})).toThrow(/JielongList.entries/);
  });
  it("medicine items, refusals, digest lines and buttons", () => {
    expect(readMedicineItems([{ name: "硝苯地平", qty: 2 }, { name: "布洛芬" }])).toEqual([
      { name: "硝苯地平", qty: 2 },
      { name: "布洛芬", qty: null },
    ]);
    expect(readRefusalAudit({ villageId: "v1" })).toEqual({
      villageId: "v1",
      gridId: null,
      chat: null,
      household: null,
      partial: false,
    });
    expect(readAckLine({ zh: "已收到", en: "Received" })).toEqual({ zh: "已收到", en: "Received" });
    expect(readButtons([{ text: "确认", data: "confirm:B1" }])).toEqual([{ text: "确认", data: "confirm:B1" }]);
    expect(() => readButtons([{ text: 1 }])).toThrow(StoredJsonError);
  });
  it("toJson keeps a typed value as plain JSON", () => {
    expect(toJson({ a: 1, b: undefined, c: [{ d: "x" }] })).toEqual({ a: 1, c: [{ d: "x" }] });
  });
});
