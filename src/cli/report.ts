// `bin/baogong report [--date YYYY-MM-DD] [--out DIR]`: the officials' daily report
// (日报) of one day (default: today in BAOGONG_TZ), printed, and written as CSV under
// DATA_DIR/reports (or DIR).
import { CliError } from "./cli-error";
import { parseCommandArgs, stringOption } from "./args";
import { consoleTexts } from "../texts/console";
import path from "node:path";
import { z } from "zod";
import { CatalogCache } from "../app/catalog-cache";
import { reportFor, writeReportCsv } from "../app/officials/report";
import { databaseUrl, type Config } from "../config";
import { openDatabase } from "../db/database";
import { systemClock, type Clock } from "../domain/clock";
import { localDate } from "../domain/local-time";
import { render, reportText } from "../texts";
import { officialsLanguage } from "../app/officials/common";

const ArgsSchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "--date must look like 2026-12-05")
    .optional(),
  out: z.string().min(1).optional(),
});

export class ReportUsageError extends CliError {}

/** The arguments, checked; null when --help was asked for (and printed). */
export function parseReportArgs(args: readonly string[], out?: (s: string) => void): z.infer<typeof ArgsSchema> | null {
  const parsed = parseCommandArgs("report", args, out);
  if (!parsed) return null;
  if (parsed.positionals.length)
    throw new ReportUsageError(consoleTexts.badArguments("report", `unknown argument "${parsed.positionals[0]}"`));
  const r = ArgsSchema.safeParse({ date: stringOption(parsed, "date"), out: stringOption(parsed, "out") });
  if (!r.success)
    throw new ReportUsageError(consoleTexts.badArguments("report", r.error.issues[0]?.message ?? "bad arguments"));
  return r.data;
}

export async function runReport(
  cfg: Config,
  args: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  clock: Clock = systemClock,
): Promise<string | null> {
  const a = parseReportArgs(args, out);
  if (!a) return null;
  const date = a.date ?? localDate(clock.now(), cfg.BAOGONG_TZ);
  const database = await openDatabase(databaseUrl(cfg));
  try {
    const catalog = new CatalogCache(database.prisma);
    await catalog.load();
    const report = await reportFor({ db: database.prisma, catalog, timezone: cfg.BAOGONG_TZ }, date);
    const dir = a.out ?? path.join(cfg.DATA_DIR, "reports");
    out(`${render(reportText(report), await officialsLanguage(database.prisma))}\n`); // printed whether or not the file can be written
    let file: string;
    try {
      file = writeReportCsv(report, dir);
    } catch (e) {
      throw new CliError(`report: cannot write the CSV to ${dir} (${(e as Error).message}); use --out DIR`);
    }
    out(`${file}\n`);
    return file;
  } finally {
    await database.close();
  }
}
