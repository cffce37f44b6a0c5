// The setup's progress bar: drawn on a terminal only, at most every 100 ms, the last state once.
import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/progress";

function sink() {
  const out: string[] = [];
  return { out, stream: { write: (s: string) => out.push(s), isTTY: false } as unknown as NodeJS.WriteStream };
}

describe("progress bar", () => {
  it("draws nothing when not asked for and not on a terminal", () => {
    const s = sink();
    const bar = progressBar("setup", { stream: s.stream });
    bar.update(5, 10);
    bar.stop();
    expect(s.out).toEqual([]);
  });
  it("redraws at most every 100 ms and ends on the final state, once", () => {
    const s = sink();
    let t = 0;
    const bar = progressBar("setup", { stream: s.stream, enabled: true, now: () => t });
    bar.update(1, 10);
    t = 50;
    bar.update(2, 10);
    t = 150;
    bar.update(3, 10);
    bar.update(10, 10);
    bar.stop();
    bar.stop();
    expect(s.out.map((x) => x.replace(/.*\] +/, "").trim())).toEqual(["10% 1/10", "30% 3/10", "100% 10/10", ""]);
  });
});
