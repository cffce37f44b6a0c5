// Transaction-scoped PostgreSQL advisory locks, named by a string (hashed to the
// lock's integer key). Held until the transaction ends; a lock is never released early.
// Used to serialise what rows alone cannot: one household's orders, a grid's batch
// against the orders joining it, one commodity's price alerts.

import { asSql, type PrismaRaw, type Sql } from "./sql";

/** Anything that runs raw SQL inside a transaction: an `Sql` transaction, or a Prisma transaction client. */
type RawRunner = Sql | PrismaRaw;

/**
 * Waits for the locks on `keys`, taken in one statement in a fixed order, so that two
 * transactions locking overlapping sets never wait on each other in a circle.
 * Exclusive: one transaction at a time. Shared: any number of holders at once, but none while
 * someone holds it exclusively (orders joining a batch share it; the cut-off and the
 * confirmation take it exclusively).
 */
export async function lock(
  tx: RawRunner,
  keys: string | readonly string[],
  mode: "exclusive" | "shared" = "exclusive",
): Promise<void> {
  const list = typeof keys === "string" ? [keys] : keys;
  if (list.length === 0) return;
  const fn = mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
  const sql = asSql(tx);
  if (list.length === 1) await sql.run(`SELECT ${fn}(hashtext($1))`, list[0]);
  else
    await sql.run(`SELECT ${fn}(hashtext(k)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY k) s`, [...list]);
}

/**
 * `lock` for two sets in one statement: every `exclusive` key, then every `shared` one
 * (each set in a fixed order, as two calls of `lock` take them one set after the other).
 */
export async function lockExclusiveThenShared(
  tx: RawRunner,
  exclusive: readonly string[],
  shared: readonly string[],
): Promise<void> {
  if (exclusive.length === 0) return lock(tx, shared, "shared");
  if (shared.length === 0) return lock(tx, exclusive, "exclusive");
  await asSql(tx).run(
    `SELECT CASE WHEN s THEN pg_advisory_xact_lock_shared(hashtext(k)) ELSE pg_advisory_xact_lock(hashtext(k)) END
       FROM (SELECT DISTINCT u.k, u.s FROM unnest($1::text[], $2::boolean[]) AS u(k, s) ORDER BY u.s, u.k) x`,
    [...exclusive, ...shared],
    [...exclusive.map(() => false), ...shared.map(() => true)],
  );
}

/** The lock a batch is built, confirmed and joined under. */
export const batchLockKey = (batchId: string): string => `batch:${batchId}`;
/** The lock one household's orders are placed and changed under. */
export const householdLockKey = (villageId: string, code: string): string => `hh:${villageId}:${code}`;
/** The lock reposts of one 接龙 list take turns under. */
export const jielongLockKey = (chatGroupId: string, title: string): string => `jl:${chatGroupId}:${title}`;
/** The lock one commodity's price reports and alerts take turns under. */
export const priceLockKey = (sku: string): string => `price:${sku}`;
