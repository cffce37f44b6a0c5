// The entry of the prebuilt `bin/baogong parse` (scripts/build.mjs bundles it into
// dist/parse.mjs): the parse command alone, without the other commands' imports — its
// arguments read by the same parser as every other command (`--help`; anything else is
// one clear line and exit 1, as from src/cli/main.ts).
import "./parse-v8";
import { parseCommandArgs } from "./args";
import { CliError } from "./cli-error";
import { consoleTexts } from "../texts/console";
import { runParseCommand } from "./parse-command";

try {
  const a = parseCommandArgs("parse", process.argv.slice(2));
  if (a?.positionals.length)
    throw new CliError(consoleTexts.badArguments("parse", `unexpected argument "${a.positionals[0]}"`));
  if (a) await runParseCommand(process.stdin, process.stdout);
} catch (e) {
  if (!(e instanceof CliError)) throw e;
  process.stderr.write(`baogong: ${e.message}\n`);
  process.exit(1);
}
