// Small helpers for the dashboard's aggregate queries (raw SQL through Prisma's
// tagged template: every value is a bound parameter).

/**
 * A timestamp parameter, compared with Prisma's `timestamp(3)` columns, which hold
 * UTC wall time. Cast explicitly so the session's TimeZone setting cannot shift it:
 * `${ts(d)}::timestamptz AT TIME ZONE 'UTC'`.
 */
export function ts(d: Date): string {
  return d.toISOString();
}

/** Counts and sums come back as bigint or string depending on the driver. */
export function n(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** A timestamp column read back through a raw query (a Date, or text in UTC). */
export function asDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
}
