// The scheduler of `simulate` and of unit tests: jobs wait in memory and run, in
// time order, when the virtual clock reaches them, through the same handlers.
import type { VirtualClock } from "../domain/clock";
import { addDays, localDate, zonedInstant } from "../domain/local-time";
import type { JobRequest, Scheduler } from "../app/job-port";

interface Daily {
  key: string;
  name: JobRequest["name"];
  payload: unknown;
  hhmm: string;
  tz: string;
  next: Date;
}

export class VirtualScheduler implements Scheduler {
  private queue: Array<JobRequest & { seq: number }> = [];
  private keys = new Set<string>();
  private daily: Daily[] = [];
  private seq = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly run: (job: JobRequest) => Promise<void>,
  ) {}

  async schedule(job: JobRequest): Promise<void> {
    if (this.keys.has(job.key)) return;
    this.keys.add(job.key);
    this.queue.push({ ...job, seq: this.seq++ });
  }

  /** A job every day at local `hhmm` (the live bot uses a BullMQ job scheduler for this). */
  everyDay(key: string, name: JobRequest["name"], payload: unknown, hhmm: string, tz: string): void {
    const now = this.clock.now();
    let next = zonedInstant(localDate(now, tz), hhmm, tz);
    if (next.getTime() <= now.getTime()) next = zonedInstant(addDays(localDate(now, tz), 1), hhmm, tz);
    this.daily = this.daily.filter((d) => d.key !== key);
    this.daily.push({ key, name, payload, hhmm, tz, next });
  }

  private nextDue(until: Date): { at: Date; take: () => JobRequest } | null {
    let best: { at: Date; take: () => JobRequest; seq: number } | null = null;
    for (const j of this.queue) {
      if (j.runAt.getTime() > until.getTime()) continue;
      if (!best || j.runAt < best.at || (j.runAt.getTime() === best.at.getTime() && j.seq < best.seq)) {
        best = {
          at: j.runAt,
          seq: j.seq,
          take: () => {
            this.queue.splice(this.queue.indexOf(j), 1);
            return j;
          },
        };
      }
    }
    for (const d of this.daily) {
      if (d.next.getTime() > until.getTime()) continue;
      if (!best || d.next < best.at) {
        best = {
          at: d.next,
          seq: -1,
          take: () => {
            const job: JobRequest = {
              name: d.name,
              payload: d.payload,
              runAt: d.next,
              key: `${d.key}@${d.next.toISOString()}`,
            };
            d.next = zonedInstant(addDays(localDate(d.next, d.tz), 1), d.hhmm, d.tz);
            return job;
          },
        };
      }
    }
    return best;
  }

  /** When the next job falls due, if by `until`. */
  nextDueAt(until: Date): Date | null {
    return this.nextDue(until)?.at ?? null;
  }

  /** Runs the next job due by `until` (the clock moves to its time); false when none is. */
  async runOne(until: Date): Promise<boolean> {
    const due = this.nextDue(until);
    if (!due) return false;
    const job = due.take();
    this.clock.advanceTo(due.at);
    await this.run(job);
    return true;
  }

  /** Runs everything due up to `until`, moving the clock to each job's time. */
  async runUntil(until: Date): Promise<void> {
    for (let guard = 0; guard < 100_000; guard++) {
      const due = this.nextDue(until);
      if (!due) break;
      const job = due.take();
      this.clock.advanceTo(due.at);
      await this.run(job);
    }
    this.clock.advanceTo(until);
  }
}
