// bin/baogong: start, setup, parse, simulate, export, report, dashboard.
import { ConfigError, databaseUrl, loadConfig } from "../config";

const USAGE = `usage: baogong <command>
  start                 run the bot (the local chat console when no platform is configured)
  worker                run job workers only (cut-offs, reminders, reports), to scale out beside bot processes
  setup <village.yaml>  import villages, grids, groups, leaders, officials, rules, catalog (safe to re-run)
  parse                 JSON lines in → parsed requests out (see ../shared/contracts)
  simulate              a scripted day in → JSON lines of events out (see ../shared/contracts)
  export batch <id> [--out DIR]   write a batch's pick lists as CSV and XLSX
  report [--date YYYY-MM-DD] [--out DIR]   print the officials' daily report and write it as CSV (DATA_DIR/reports)
  dashboard             serve the web dashboard alone, on DASHBOARD_PORT (the bot serves it too)`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Expected failures end with one clear line, not a stack trace. */
function fail(msg: string): never {
  process.stderr.write(`baogong: ${msg}\n`);
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case "parse": {
      const { runParseCommand } = await import("./parse-command");
      await runParseCommand(process.stdin, process.stdout);
      return;
    }
    case "simulate": {
      const cfg = loadConfig();
      const { runSimulate } = await import("./simulate");
      const input = await readStdin();
      const lines: string[] = [];
      await runSimulate(input, (l) => lines.push(l), (l) => process.stderr.write(`${l}\n`), { databaseUrl: cfg.DATABASE_URL });
      process.stdout.write(lines.length ? `${lines.join("\n")}\n` : "");
      return;
    }
    case "setup": {
      const file = args[0];
      if (!file) fail("setup needs a file: baogong setup village.yaml");
      const cfg = loadConfig();
      const { readVillageFile } = await import("./village-file");
      const spec = readVillageFile(file);
      const { openDatabase } = await import("../db/database");
      const { applySetup } = await import("../app/apply-setup");
      const db = await openDatabase(databaseUrl(cfg));
      try {
        const n = await applySetup(db.prisma, spec);
        process.stdout.write(`imported ${file}: ${n.villages} villages, ${n.grids} grids, ${n.groups} groups, ${n.members} roles, ${n.catalog} catalog items\n`);
      } finally {
        await db.close();
      }
      return;
    }
    case "start":
    case "worker": {
      const cfg = loadConfig();
      const { start } = await import("./start");
      await start(cfg, { mode: cmd === "worker" ? "worker" : "bot" });
      return;
    }
    case "export": {
      const cfg = loadConfig();
      const { runExport } = await import("./export");
      await runExport(cfg, args);
      return;
    }
    case "dashboard": {
      const cfg = loadConfig();
      const { runDashboard } = await import("./dashboard");
      await runDashboard(cfg);
      return;
    }
    case "report": {
      const cfg = loadConfig();
      const { runReport } = await import("./report");
      await runReport(cfg, args);
      return;
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`unknown command "${cmd}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  () => undefined,
  async (e: unknown) => {
    const { DatabaseUnavailableError } = await import("../db/database");
    const { RedisUnavailableError } = await import("../infra/redis");
    const { VillageFileError } = await import("./village-file");
    const { CliError } = await import("./cli-error");
    if (e instanceof CliError) fail(e.message);
    if (e instanceof ConfigError || e instanceof DatabaseUnavailableError || e instanceof RedisUnavailableError || e instanceof VillageFileError) fail(e.message);
    process.stderr.write(`baogong: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
