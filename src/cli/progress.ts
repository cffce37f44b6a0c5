// A progress bar for long imports, drawn on a terminal only (stderr): piped or in CI the
// command prints nothing until its one line at the end. A few lines instead of a
// dependency: one bar, redrawn at most every 100 ms.
export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

const WIDTH = 30;

export function progressBar(
  label: string,
  o: { stream?: NodeJS.WriteStream; enabled?: boolean; now?: () => number } = {},
): ProgressBar {
  const stream = o.stream ?? process.stderr;
  const enabled = o.enabled ?? stream.isTTY === true;
  const now = o.now ?? (() => performance.now());
  let last = -Infinity;
  let drawn = false;
  let stale = false; // an update not yet drawn
  let stopped = false;
  let shown = { done: 0, total: 0 };
  const draw = () => {
    const { done, total } = shown;
    const f = total > 0 ? Math.min(1, done / total) : 1;
    const full = Math.round(f * WIDTH);
    stream.write(
      `\r${label} [${"█".repeat(full)}${"░".repeat(WIDTH - full)}] ${String(Math.floor(f * 100)).padStart(3)}% ${done}/${total}`,
    );
    drawn = true;
    stale = false;
  };
  return {
    update(done, total) {
      if (!enabled || stopped) return;
      shown = { done, total };
      stale = true;
      const t = now();
      if (t - last >= 100 || done >= total) {
        last = t;
        draw();
      }
    },
    stop() {
      if (enabled && drawn && !stopped) {
        if (stale) draw();
        stream.write("\n");
      }
      stopped = true;
    },
  };
}
