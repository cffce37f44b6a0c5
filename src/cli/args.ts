// Every subcommand's arguments through one parser (node:util parseArgs), from the
// options its help lists (src/texts/console.ts): what --help says is what is accepted.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CLI_COMMANDS, consoleTexts, type CliCommandName, type CliOptionText } from "../texts/console";
import { CliError } from "./cli-error";

export interface CommandArgs {
  /** --name value (string) or --flag (true). */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The command's arguments; null when --help was asked for (the help is printed). */
export function parseCommandArgs(
  name: CliCommandName,
  argv: readonly string[],
  print: (s: string) => void = (s) => process.stdout.write(s),
): CommandArgs | null {
  const command = CLI_COMMANDS.find((c) => c.name === name)!;
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
  for (const o of command.options as readonly CliOptionText[])
    options[o.name] = { type: o.value ? "string" : "boolean" };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(consoleTexts.badArguments(name, explain(e)));
  }
  if (parsed.values.help) {
    print(`${consoleTexts.commandHelp(name)}\n`);
    return null;
  }
  return { values: parsed.values as CommandArgs["values"], positionals: parsed.positionals };
}

/** parseArgs' errors, said the way the rest of the CLI says them. */
function explain(e: unknown): string {
  const code = (e as { code?: string }).code;
  const msg = (e as Error).message;
  const opt = /'(-{1,2}[^'\s]+)/.exec(msg)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown argument "${opt ?? msg}"`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${opt ?? "an option"} needs a value`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument (${msg})`;
  return msg;
}

/** A string option's value, or undefined. */
export const stringOption = (a: CommandArgs, name: string): string | undefined => {
  const v = a.values[name];
  return typeof v === "string" ? v : undefined;
};
