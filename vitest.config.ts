import { defineConfig } from "vitest/config";

// Tests that need neither PostgreSQL nor Redis: the parser, flows, officials' rules, texts,
// pure page values, the logger, the intake's in-memory queue, and the adapters against their
// in-process fakes (wechaty-puppet-mock, a local fake Bot API). They run with the services
// unreachable (DATABASE_URL, REDIS_URL, TEST_DATABASE_URL, TEST_REDIS_URL on a closed port).
const UNIT = [
  "tests/parse/**/*.test.ts",
  "tests/flows/**/*.test.ts",
  "tests/officials/**/*.test.ts",
  "tests/texts/**/*.test.ts",
  "tests/adapters/**/*.test.ts",
  "tests/app/intake.test.ts",
  "tests/infra/logger*.test.ts",
  "tests/web/pure.test.ts",
  "tests/e2e/telegram-privacy.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The integration files each get their own schema and queue prefix, so they may run side by
    // side, but no more than two at a time on the project's 2-core machines.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        // Fully parallel in worker threads; first, so `npm test` fails fast on a broken parser.
        test: { name: "unit", include: UNIT, pool: "threads", isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // Real PostgreSQL and Redis; after the unit project, never beside it.
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: UNIT,
          pool: "forks",
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
