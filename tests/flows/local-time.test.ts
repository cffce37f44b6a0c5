// Calendar arithmetic in named zones (src/domain/local-time.ts): its offsets kept per UTC hour
// must give what Intl gives for every instant, across DST switches and odd offsets.
import { describe, expect, it } from "vitest";
import { localDate, localParts, zonedInstant } from "../../src/domain/local-time";

const reference = new Map<string, Intl.DateTimeFormat>();
/** What Intl says, for every instant (the reference). */
function intlParts(d: Date, tz: string) {
  const f =
    reference.get(tz) ??
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
  reference.set(tz, f);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(d)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const ZONES = [
  "Asia/Shanghai",
  "America/New_York", // DST at 02:00 local
  "Europe/London", // DST at 01:00 UTC
  "Australia/Lord_Howe", // a 30-minute DST
  "America/St_Johns", // −3:30, with DST
  "Asia/Kathmandu", // +5:45
  "Pacific/Chatham", // +12:45 / +13:45
  "America/Santiago", // DST switching at midnight local
  "Africa/Casablanca", // DST suspended for Ramadan: several switches a year
  "UTC",
];

describe("localParts", () => {
  it("gives Intl's wall clock in every zone, every 47 min 13.5 s through a year with their DST switches", () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    for (const tz of ZONES) {
      const wrong: string[] = [];
      for (let t = from; t < to; t += 2_833_500) {
        const d = new Date(t);
        const got = localParts(d, tz);
        const want = intlParts(d, tz);
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${d.toISOString()} ${JSON.stringify(got)}`);
      }
      expect(wrong.slice(0, 3), tz).toEqual([]);
    }
  });

  it("gives Intl's wall clock every 7.3 s around a switch, within the UTC hour asked first", () => {
    // New York, 2026-03-08 02:00 EST → 03:00 EDT (07:00 UTC); 2026-11-01 02:00 EDT → 01:00 EST (06:00 UTC).
    // Switches inside a UTC hour: St John's, 2026-03-08 02:00 NST → 03:00 NDT (05:30 UTC);
    // Lord Howe, 2026-10-04 02:00 +10:30 → 02:30 +11 (2026-10-03 15:30 UTC).
    for (const [tz, at] of [
      ["America/New_York", Date.UTC(2026, 2, 8, 7)],
      ["America/New_York", Date.UTC(2026, 10, 1, 6)],
      ["America/St_Johns", Date.UTC(2026, 2, 8, 5, 30)],
      ["Australia/Lord_Howe", Date.UTC(2026, 9, 3, 15, 30)],
    ] as const) {
      localParts(new Date(Math.floor(at / 3_600_000) * 3_600_000), tz); // the hour's offset before the switch, asked first
      for (let t = at - 5_400_000; t < at + 5_400_000; t += 7_297) {
        const d = new Date(t);
        expect(localParts(d, tz), `${tz} ${d.toISOString()}`).toEqual(intlParts(d, tz));
      }
    }
  });

  it("keeps an instant's milliseconds out of its seconds, before 1970 too", () => {
    for (const t of [Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 5, 1, 12, 0, 0, 1), -1, 0]) {
      const d = new Date(t);
      expect(localParts(d, "Europe/London")).toEqual(intlParts(d, "Europe/London"));
    }
  });

  it("rejects a zone Intl does not know, each time", () => {
    expect(() => localParts(new Date(), "Mars/Olympus")).toThrow(RangeError);
    expect(() => localParts(new Date(), "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("zonedInstant and localDate across DST", () => {
  it("finds the instant of a local time on the days New York switches", () => {
    expect(zonedInstant("2026-03-08", "09:00", "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(zonedInstant("2026-03-07", "09:00", "America/New_York").toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(zonedInstant("2026-11-01", "09:00", "America/New_York").toISOString()).toBe("2026-11-01T14:00:00.000Z");
    expect(zonedInstant("2026-12-06", "20:00", "Asia/Shanghai").toISOString()).toBe("2026-12-06T12:00:00.000Z");
  });

  it("dates an instant by the zone's calendar on either side of a switch", () => {
    expect(localDate(new Date("2026-03-08T04:59:59Z"), "America/New_York")).toBe("2026-03-07");
    expect(localDate(new Date("2026-03-08T05:00:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(localDate(new Date("2026-11-02T04:59:59Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDate(new Date("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
  });
});
