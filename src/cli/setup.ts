// `bin/baogong setup <village.yaml>`: the village file imported in one transaction, with
// a progress bar on a terminal and one line at the end.
import { applySetup } from "../app/apply-setup";
import { openDatabase } from "../db/database";
import { consoleTexts } from "../texts/console";
import { progressBar } from "./progress";
import { readVillageFile } from "./village-file";

export async function runSetup(
  dbUrl: string,
  file: string,
  o: { progress?: boolean | undefined; out?: (s: string) => void } = {},
): Promise<void> {
  const out = o.out ?? ((s: string) => process.stdout.write(s));
  const spec = readVillageFile(file);
  const started = performance.now();
  const db = await openDatabase(dbUrl);
  const bar = progressBar("setup", { ...(o.progress !== undefined ? { enabled: o.progress } : {}) });
  try {
    const n = await applySetup(db.prisma, spec, (done, total) => bar.update(done, total));
    bar.stop();
    out(`${consoleTexts.setupDone({ file, ...n, seconds: (performance.now() - started) / 1000 })}\n`);
  } finally {
    bar.stop();
    await db.close();
  }
}
