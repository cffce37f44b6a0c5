// The layers of ../shared/STYLE.md ("The way a message travels"), checked by `npm run lint`
// (depcruise src bin bench tests scripts). Violations that exist today and belong to
// other work are listed in .dependency-cruiser-known-violations.json (regenerate with
// `npm run lint:deps:baseline`); that file should only ever shrink.

/** Packages and modules that do I/O or belong to a platform, a queue or a database. */
const INFRA_PACKAGES = [
  // npm packages resolve to their files under node_modules (types under @types/…)
  "(^|/)node_modules/(@types/)?(wechaty|wechaty-[^/]+|telegraf|bullmq|ioredis|@prisma/[^/]+|prisma|pg|pglite-prisma-adapter|@electric-sql/[^/]+|fastify|@fastify/[^/]+|@bull-board/[^/]+|pino|exceljs)/",
  // node's own modules resolve to their bare names
  "^(node:)?(fs|fs/promises|net|child_process|http|https|http2|dgram|cluster|worker_threads|readline)$",
];

/** The layers around flows, domain and texts: the effect runner, queues, adapters, I/O, entry points. */
const OUTER_LAYERS = "^src/((app|jobs|bot|db|infra|web|cli|generated)/|config\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "flows-pure",
      comment:
        "src/flows decides and does no I/O: no platform, queue, database, file or network module " +
        "(not even a type from one), and none of the layers around it.",
      severity: "error",
      from: { path: "^src/flows/" },
      to: { path: [...INFRA_PACKAGES, OUTER_LAYERS] },
    },
    {
      name: "domain-innermost",
      comment: "src/domain is the innermost layer: it imports only itself, zod and pure node modules.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: {
        pathNot: ["^src/domain/", "(^|/)node_modules/zod/", "^(node:)?(crypto|util)$"],
      },
    },
    {
      name: "bot-only-domain",
      comment:
        "An adapter only translates: src/bot/<platform> imports src/domain and its own platform's " +
        "code, never flows, app, jobs, db, another platform's adapter …",
      severity: "error",
      from: { path: "^src/bot/([^/]+)/" },
      to: {
        path: "^src/",
        pathNot: ["^src/domain/", "^src/bot/$1/"],
      },
    },
    {
      name: "app-not-jobs-or-bot",
      comment:
        "src/app reaches jobs and sending through its ports (src/app/job-port.ts, src/app/deps.ts): " +
        "it never imports the job runtimes (src/jobs), an adapter (src/bot) or the wiring (src/cli).",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^src/(jobs|bot|cli)/" },
    },
    {
      name: "texts-pure",
      comment: "Text for people is pure formatting: like flows, no I/O and no outer layer.",
      severity: "error",
      from: { path: "^src/texts/" },
      to: {
        path: [...INFRA_PACKAGES, OUTER_LAYERS],
      },
    },
    {
      name: "src-not-tests",
      comment: "Product code never imports test code or benchmarks.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(tests|bench)/" },
    },
    {
      name: "no-circular",
      comment: "No import cycles: a cycle is a layer that was not drawn.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a typo or a package missing from package.json).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-non-package-json",
      comment: "Every package imported is a declared dependency, not one that happens to be installed.",
      severity: "error",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "not-to-dev-dep",
      comment: "Product code runs without devDependencies (npm ci --omit=dev).",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^src/generated/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
