// What operators read at the terminal: `bin/baogong` and each subcommand's --help, and
// the chat console's help. The README's tables are these same words (tests/texts/readme.test.ts).
import { text, type Text } from "./text";

export interface CliOptionText {
  readonly name: string;
  readonly value?: string;
  readonly help: string;
}
export interface CliCommandText {
  readonly name: string;
  /** What follows the command name: its arguments, as the README shows them. */
  readonly args: string;
  readonly summary: string;
  readonly options: readonly CliOptionText[];
}

const HELP_OPTION: CliOptionText = { name: "help", help: "show this help" };

/** Every `bin/baogong` subcommand, in the order the help lists them. */
export const CLI_COMMANDS = [
  {
    name: "start",
    args: "",
    summary: "run the bot (the local chat console when no platform is configured)",
    options: [],
  },
  {
    name: "worker",
    args: "",
    summary: "job workers only (cut-offs, reminders, reports) — run more of these to scale out",
    options: [],
  },
  {
    name: "setup",
    args: "<village.yaml>",
    summary:
      "import villages, grids, groups, leaders, officials, rules, alerts, catalog and households (safe to re-run; errors name file, line and field)",
    options: [
      { name: "progress", help: "show a progress bar even when stderr is not a terminal" },
      { name: "no-progress", help: "never show one" },
    ],
  },
  {
    name: "parse",
    args: "",
    summary: "JSON lines in, parsed requests out (`../shared/contracts/README.md`)",
    options: [],
  },
  {
    name: "simulate",
    args: "< scenario.jsonl",
    summary:
      "a scripted day in, JSON lines of events out (`../shared/contracts/README.md`); uses a throwaway in-memory database, or a throwaway schema when `DATABASE_URL` names a PostgreSQL server",
    options: [],
  },
  {
    name: "export",
    args: "batch <id> [--out DIR]",
    summary: "a batch's pick lists, one per pickup point, as CSV and XLSX",
    options: [{ name: "out", value: "DIR", help: "where to write the files (default DATA_DIR/exports)" }],
  },
  {
    name: "report",
    args: "[--date YYYY-MM-DD] [--out DIR]",
    summary: "the daily report, printed and written as CSV",
    options: [
      { name: "date", value: "YYYY-MM-DD", help: "the day (default: today in BAOGONG_TZ)" },
      { name: "out", value: "DIR", help: "where to write the CSV (default DATA_DIR/reports)" },
    ],
  },
  {
    name: "dashboard",
    args: "",
    summary: "the web dashboard alone, on `DASHBOARD_PORT` (the bot serves it too)",
    options: [],
  },
] as const satisfies readonly CliCommandText[];

export type CliCommandName = (typeof CLI_COMMANDS)[number]["name"];

const plain = (s: string) => s.replace(/`/g, "");
const optionLine = (o: CliOptionText) => `${`  --${o.name}${o.value ? ` ${o.value}` : ""}`.padEnd(26)} ${o.help}`;

export const consoleTexts = {
  /** `bin/baogong --help`. */
  usage(): string {
    return [
      "usage: baogong <command> [options]    (baogong <command> --help for one command)",
      ...CLI_COMMANDS.map((c) => `  ${`${c.name}${c.args ? ` ${c.args}` : ""}`.padEnd(40)} ${plain(c.summary)}`),
    ].join("\n");
  },
  /** `bin/baogong <command> --help`. */
  commandHelp(name: CliCommandName): string {
    const c: CliCommandText = CLI_COMMANDS.find((x) => x.name === name)!;
    return [
      `usage: baogong ${c.name}${c.args ? ` ${c.args}` : ""}`,
      "",
      plain(c.summary),
      "",
      "options:",
      ...[...c.options, HELP_OPTION].map(optionLine),
    ].join("\n");
  },
  unknownCommand: (cmd: string): string => `unknown command "${cmd}"`,
  badArguments: (cmd: string, why: string): string => `${cmd}: ${why} (baogong ${cmd} --help)`,
  setupDone(o: {
    file: string;
    villages: number;
    grids: number;
    groups: number;
    members: number;
    catalog: number;
    households: number;
    seconds: number;
  }): string {
    return `imported ${o.file}: ${o.villages} villages, ${o.grids} grids, ${o.groups} groups, ${o.members} roles, ${o.catalog} catalog items, ${o.households} households in ${o.seconds.toFixed(1)} s`;
  },
};

/** One line of the chat console's help: the command, then what it does in both languages. */
export interface ConsoleHelpLine {
  readonly command: string;
  readonly says: Text;
}

/** The chat console's own commands (everything else goes to the bot as a chat message). */
export const CONSOLE_HELP = {
  asResident: {
    command: "/as 3-2-501 张三",
    says: text("以居民身份发言（群昵称；加 #id 指定用户）", "speak as a resident with that display name (群昵称)"),
  },
  asRole: (role: string): ConsoleHelpLine => ({
    command: `/as ${role}`,
    says: text(`以${role}身份发言`, `speak as ${role}`),
  }),
  chat: (ids: readonly string[]): ConsoleHelpLine => ({
    command: "/chat <id>",
    says: text(`切换群：${ids.join(", ")}`, `switch group (${ids.map((i) => `\`${i}\``).join(", ")})`),
  }),
  cutoff: (cutoff: string): ConsoleHelpLine => ({
    command: "/cutoff",
    says: text(`立即截单汇总本网格（不等${cutoff}）`, `run this grid's cut-off now instead of waiting for ${cutoff}`),
  }),
  help: { command: "/?", says: text("显示本帮助；Ctrl-D 退出", "help; Ctrl-D quits") },
} as const;

/** A console help line as printed: `  /chat <id>   切换群 … / switch group …`. */
export const consoleHelpLine = (l: ConsoleHelpLine): string => `  ${l.command.padEnd(22)} ${l.says.zh} / ${l.says.en}`;

/**
 * The chat console's help, as printed at start and on `/?`: the identities (`/as …`), the
 * groups to switch to, the wiring's console-only commands (e.g. /cutoff), one line each.
 */
export function consoleHelp(o: {
  identities: readonly string[];
  chats: readonly string[];
  extra: readonly ConsoleHelpLine[];
}): string {
  return [
    "控制台命令 / console commands:",
    CONSOLE_HELP.asResident,
    ...o.identities.map(CONSOLE_HELP.asRole),
    CONSOLE_HELP.chat(o.chats),
    ...o.extra,
    CONSOLE_HELP.help,
  ]
    .map((l) => (typeof l === "string" ? l : consoleHelpLine(l)))
    .join("\n");
}
