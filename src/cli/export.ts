// `bin/baogong export batch <id> [--out DIR]`: the batch's pick lists, one per
// pickup point, as CSV and XLSX, for the supplier and the volunteers.
import fs from "node:fs";
import path from "node:path";
import { CliError } from "./cli-error";
import { parseCommandArgs, stringOption } from "./args";
import { consoleTexts } from "../texts/console";
import { databaseUrl, type Config } from "../config";
import { openDatabase } from "../db/database";
import { loadPickLists, pickListCsv, pickListXlsx } from "../app/exports";

export async function runExport(cfg: Config, args: readonly string[]): Promise<void> {
  const parsed = parseCommandArgs("export", args);
  if (!parsed) return;
  const [what, id, ...extra] = parsed.positionals;
  if (what !== "batch" || !id || extra.length)
    throw new CliError(consoleTexts.badArguments("export", "export batch <id> [--out DIR]"));
  const outDir = stringOption(parsed, "out") ?? path.join(cfg.DATA_DIR, "exports");
  const database = await openDatabase(databaseUrl(cfg));
  try {
    const files = await exportBatch(database.prisma, id, outDir).catch((e: NodeJS.ErrnoException) => {
      if (e instanceof CliError || !e.code) throw e;
      throw new CliError(`export: cannot write to ${outDir} (${e.message}); use --out DIR`);
    });
    for (const f of files) process.stdout.write(`${f}\n`);
  } finally {
    await database.close();
  }
}

export async function exportBatch(
  db: Awaited<ReturnType<typeof openDatabase>>["prisma"],
  id: string,
  outDir: string,
): Promise<string[]> {
  const lists = await loadPickLists(db, id);
  if (!lists)
    throw new CliError(`export: no batch ${id} (batch ids are in the batch.ready message, e.g. B20261206-g_…)`);
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const [point, rows] of lists.points) {
    const base = path.join(outDir, `${id}-${point}`.replace(/[\\/:*?"<>|\s（）()]+/g, "_"));
    fs.writeFileSync(`${base}.csv`, pickListCsv(rows));
    fs.writeFileSync(`${base}.xlsx`, await pickListXlsx(lists, [point]));
    files.push(`${base}.csv`, `${base}.xlsx`);
  }
  return files;
}
