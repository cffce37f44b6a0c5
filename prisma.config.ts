// Prisma CLI configuration. Prisma 6.19 with the JavaScript engine: the CLI
// migrates through a driver adapter and never downloads a native engine
// (see ../shared/STACK.md). The CLI is only used by developers to generate the
// client and to write new migrations; the app applies migrations itself
// (src/db/migrate.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The schema's datasource url must resolve or the CLI falls back to a native engine.
process.env.DATABASE_URL ??= "postgresql://localhost/baogong";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    // In memory: the CLI only diffs schemas and migrations, it keeps no state.
    // (the adapter bundles an older copy of Prisma's adapter types; the interface is the same)
    return new PrismaPGlite(new PGlite()) as never;
  },
});
