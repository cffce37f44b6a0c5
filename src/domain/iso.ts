import { localParts } from "./local-time";

/** ISO-8601 with the zone's offset, e.g. 2026-12-05T20:00:00+08:00. */
export function isoInZone(d: Date, tz: string): string {
  const p = localParts(d, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const off = Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60000);
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const sign = off >= 0 ? "+" : "-";
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}
