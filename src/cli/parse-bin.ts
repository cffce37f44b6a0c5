// The entry of the prebuilt `bin/baogong parse` (scripts/build.mjs bundles it into
// dist/parse.mjs): the parse command alone, without the other commands' imports.
import { runParseCommand } from "./parse-command";

await runParseCommand(process.stdin, process.stdout);
