// The README's command tables are the words the CLI's --help and the chat console's help print.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI_COMMANDS, CONSOLE_HELP, consoleTexts } from "../../src/texts/console";

const readme = fs.readFileSync("README.md", "utf8");
const row = (cmd: string) =>
  readme.split("\n").find((l) => l.startsWith(`| \`${cmd}`) || l.startsWith(`| \`npm start\` / \`${cmd}`));

describe("README and help say the same", () => {
  it.each(CLI_COMMANDS.map((c) => c.name))("bin/baogong %s", (name) => {
    const c = CLI_COMMANDS.find((x) => x.name === name)!;
    const r = row(`bin/baogong ${name}`);
    expect(r, `README row for bin/baogong ${name}`).toBeDefined();
    expect(r!.split(" | ")[1]!.replace(/ \|$/, "")).toBe(c.summary);
    expect(consoleTexts.commandHelp(name)).toContain(c.summary.replace(/`/g, ""));
  });
  it("the chat console's commands", () => {
    for (const l of [
      CONSOLE_HELP.asResident,
      CONSOLE_HELP.chat(["zhangjia-1", "zhangjia-2", "officials"]),
      CONSOLE_HELP.cutoff("20:00"),
      CONSOLE_HELP.help,
    ]) {
      expect(readme).toContain(`| \`${l.command}\` | ${l.says.en} |`);
    }
  });
});
