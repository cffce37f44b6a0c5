// Standalone entry for the parser while bin/baogong is wired up: node --import tsx src/cli/parse-main.ts < in.jsonl
import { runParseCommand } from "./parse-command";

await runParseCommand(process.stdin, process.stdout);
