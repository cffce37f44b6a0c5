// DATA_DIR holds the embedded database, a Redis started here, reports and exports.
// Checked once at start-up, so that a directory nobody can write ends with one clear
// line instead of a stack trace — or a report job that fails every night unnoticed.
import fs from "node:fs";
import path from "node:path";

/** Why `dir` cannot be written (created if missing), or null when it can. */
export function dataDirProblem(dir: string): string | null {
  const abs = path.resolve(dir);
  try {
    fs.mkdirSync(abs, { recursive: true });
    const probe = path.join(abs, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe, { force: true });
    return null;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : err.message;
  }
}
