// Calendar arithmetic in a named time zone, with the platform's Intl data only.

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of `d` in `tz`, read from Intl (the reference the cache below is checked against). */
function formattedParts(d: Date, tz: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of fmt(tz).formatToParts(d)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const HOUR_MS = 3_600_000;
/** Per zone, by UTC hour: the zone's offset (ms) throughout that hour, or null when it changes within it. */
const offsets = new Map<string, Map<number, number | null>>();
/** Hours kept per zone before its cache is started afresh (messages are "now": one or two are in use). */
const OFFSETS_KEPT = 512;
/** Before this (year 1000) every instant is read from Intl. */
const FAST_FROM = Date.UTC(1000, 0, 1);

/** The zone's offset at instant `t` (ms, whole seconds floored): local wall clock read as UTC, minus `t`. */
function offsetAt(t: number, tz: string): number {
  const p = formattedParts(new Date(t), tz);
  const second = t - (((t % 1000) + 1000) % 1000);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - second;
}

/**
 * The wall-clock fields of `d` in the IANA zone `tz`. Intl's formatToParts is slow (it was the
 * app's largest own cost per message), so the zone's offset is kept per UTC hour: read at the
 * hour's first and last millisecond, and used for the whole hour only when both agree (no
 * zone changes its offset twice within an hour); an hour with a change in it (a DST switch)
 * is read from Intl for every instant.
 */
export function localParts(d: Date, tz: string): LocalParts {
  const t = d.getTime();
  if (!(t >= FAST_FROM)) return formattedParts(d, tz); // NaN, and years Date.UTC would take for 19xx
  const hour = Math.floor(t / HOUR_MS);
  let offset = offsets.get(tz)?.get(hour);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR_MS, tz); // an unknown zone throws here, before anything is kept
    offset = first === offsetAt((hour + 1) * HOUR_MS - 1, tz) ? first : null;
    let byHour = offsets.get(tz);
    if (!byHour) offsets.set(tz, (byHour = new Map()));
    if (byHour.size >= OFFSETS_KEPT) byHour.clear();
    byHour.set(hour, offset);
  }
  if (offset === null) return formattedParts(d, tz);
  const l = new Date(t + offset);
  return {
    year: l.getUTCFullYear(),
    month: l.getUTCMonth() + 1,
    day: l.getUTCDate(),
    hour: l.getUTCHours(),
    minute: l.getUTCMinutes(),
    second: l.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The local calendar date, YYYY-MM-DD. */
export function localDate(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function parseHhMm(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatHhMm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole calendar days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  return Math.round((tb - ta) / 86_400_000);
}

/** The instant at which the local wall-clock time `date hh:mm` occurs in tz. */
export function zonedInstant(date: string, hhmm: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const minutes = parseHhMm(hhmm);
  const guess = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  // Two passes settle the offset, including across a DST change.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(t), tz);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    t = t + (guess - asUtc);
  }
  return new Date(t);
}

/** 12月6日 style, for Chinese text. */
export function zhDate(date: string): string {
  const [, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${m}月${d}日`;
}
