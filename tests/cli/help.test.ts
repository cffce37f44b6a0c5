// `bin/baogong <command> --help` for every subcommand, and arguments refused in one clear line.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../../src/cli/args";
import { CliError } from "../../src/cli/cli-error";
import { CLI_COMMANDS } from "../../src/texts/console";

const run = (args: string[]) =>
  promisify(execFile)("bin/baogong", args, {
    env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
  });

describe("bin/baogong --help", () => {
  it.each(CLI_COMMANDS.map((c) => c.name))(
    "%s --help prints its usage and options, touching nothing",
    async (name) => {
      const { stdout } = await run([name, "--help"]);
      expect(stdout).toMatch(new RegExp(`^usage: baogong ${name}`));
      expect(stdout).toContain("--help");
    },
    30_000,
  );
  it("lists every command", async () => {
    const { stdout } = await run(["--help"]);
    for (const c of CLI_COMMANDS) expect(stdout).toContain(`  ${c.name}`);
  }, 30_000);
  it("an unknown option is one line naming it", async () => {
    await expect(run(["setup", "--fast", "x.yaml"])).rejects.toMatchObject({
      stderr: 'baogong: setup: unknown argument "--fast" (baogong setup --help)\n',
    });
  }, 30_000);
});

describe("one parser", () => {
  it("reads --name value, --name=value and flags by each command's options", () => {
    expect(parseCommandArgs("report", ["--date=2026-12-05", "--out", "/tmp/r"])).toEqual({
      values: { date: "2026-12-05", out: "/tmp/r" },
      positionals: [],
    });
    expect(parseCommandArgs("setup", ["v.yaml", "--no-progress"])).toEqual({
      values: { "no-progress": true },
      positionals: ["v.yaml"],
    });
    expect(() => parseCommandArgs("export", ["batch", "B1", "--out"])).toThrow(CliError);
    expect(() => parseCommandArgs("parse", ["--verbose"])).toThrow(/unknown argument "--verbose"/);
    let printed = "";
    expect(
      parseCommandArgs("report", ["-h"], (s) => {
        printed += s;
      }),
    ).toBeNull();
    expect(printed).toContain("--date YYYY-MM-DD");
  });
});
