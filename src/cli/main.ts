// bin/baogong: start, worker, setup, parse, simulate, export, report, dashboard. Every
// subcommand's arguments go through one parser (./args.ts) and each has --help.
import { ConfigError, databaseUrl, loadConfig } from "../config";
import { CLI_COMMANDS, consoleTexts, type CliCommandName } from "../texts/console";
import { parseCommandArgs } from "./args";
import { CliError } from "./cli-error";

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

const isCommand = (c: string | undefined): c is CliCommandName => CLI_COMMANDS.some((x) => x.name === c);

/** A command that takes no arguments but --help: true when it should run. */
function noArguments(name: CliCommandName, args: readonly string[]): boolean {
  const a = parseCommandArgs(name, args);
  if (a?.positionals.length)
    throw new CliError(consoleTexts.badArguments(name, `unexpected argument "${a.positionals[0]}"`));
  return a !== null;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  if (cmd === undefined || cmd === "help" || cmd === "--help" || cmd === "-h") {
    const topic = cmd === "help" ? args[0] : undefined;
    process.stdout.write(`${isCommand(topic) ? consoleTexts.commandHelp(topic) : consoleTexts.usage()}\n`);
    return;
  }
  if (!isCommand(cmd)) fail(`${consoleTexts.unknownCommand(cmd)}\n${consoleTexts.usage()}`);
  switch (cmd) {
    case "parse": {
      if (!noArguments(cmd, args)) return;
      const { runParseCommand } = await import("./parse-command");
      await runParseCommand(process.stdin, process.stdout);
      return;
    }
    case "simulate": {
      if (!noArguments(cmd, args)) return;
      const cfg = loadConfig();
      const { runSimulate } = await import("./simulate");
      const input = await readStdin();
      const lines: string[] = [];
      await runSimulate(
        input,
        (l) => lines.push(l),
        (l) => process.stderr.write(`${l}\n`),
        { databaseUrl: cfg.DATABASE_URL },
      );
      process.stdout.write(lines.length ? `${lines.join("\n")}\n` : "");
      return;
    }
    case "setup": {
      const a = parseCommandArgs(cmd, args);
      if (!a) return;
      const [file, ...extra] = a.positionals;
      if (!file || extra.length)
        throw new CliError(consoleTexts.badArguments(cmd, "give one village file: baogong setup village.yaml"));
      const cfg = loadConfig();
      const { runSetup } = await import("./setup");
      await runSetup(databaseUrl(cfg), file, {
        progress: a.values["no-progress"] ? false : a.values.progress ? true : undefined,
      });
      return;
    }
    case "start":
    case "worker": {
      if (!noArguments(cmd, args)) return;
      const cfg = loadConfig();
      const { start } = await import("./start");
      await start(cfg, { mode: cmd === "worker" ? "worker" : "bot" });
      return;
    }
    case "export": {
      if (!parseCommandArgs(cmd, args)) return; // --help
      const { runExport } = await import("./export");
      await runExport(loadConfig(), args);
      return;
    }
    case "dashboard": {
      if (!noArguments(cmd, args)) return;
      const cfg = loadConfig();
      const { runDashboard } = await import("./dashboard");
      await runDashboard(cfg);
      return;
    }
    case "report": {
      if (!parseCommandArgs(cmd, args)) return; // --help
      const { runReport } = await import("./report");
      await runReport(loadConfig(), args);
      return;
    }
  }
}

main(process.argv.slice(2)).then(
  () => undefined,
  async (e: unknown) => {
    const { DatabaseUnavailableError } = await import("../db/database");
    const { RedisUnavailableError } = await import("../infra/redis");
    const { VillageFileError } = await import("./village-file");
    if (e instanceof CliError) fail(e.message);
    if (
      e instanceof ConfigError ||
      e instanceof DatabaseUnavailableError ||
      e instanceof RedisUnavailableError ||
      e instanceof VillageFileError
    )
      fail(e.message);
    process.stderr.write(`baogong: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
