// Integration tests run against the real PostgreSQL of the machine, each test
// file in a schema of its own, dropped afterwards.
import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "../../src/db/database";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export async function openTestDatabase(): Promise<Database & { schema: string; drop(): Promise<void> }> {
  const schema = uniqueName("t");
  const db = await openDatabase(TEST_DATABASE_URL, { schema });
  return {
    ...db,
    schema,
    async drop() {
      await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await db.close();
    },
  };
}
