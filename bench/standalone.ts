// A bench file run on its own (`npx tsx bench/x-bench.ts`) rather than through bench/run.ts.

/**
 * When the module at `url` (its `import.meta.url`) is the script node was started with, runs
 * `bench` and prints its figures as `name: value` lines, exiting 0; on an error, prints it and
 * exits 1. Imported by bench/run.ts, it does nothing.
 */
export function runWhenMain(url: string, bench: () => Promise<Record<string, number | string>>): void {
  if (url !== `file://${process.argv[1]}`) return;
  bench().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k}: ${v}`);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
