// One clock for the whole bot. Rules about days and cut-offs take the clock and
// the time zone explicitly.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests and `simulate`). */
export class VirtualClock implements Clock {
  private t: number;
  constructor(start: Date) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(d: Date): void {
    this.t = d.getTime();
  }
  /** Moves forward only: scheduled work never runs in the past. */
  advanceTo(d: Date): void {
    if (d.getTime() > this.t) this.t = d.getTime();
  }
}

export function fixedClock(iso: string): Clock {
  const d = new Date(iso);
  return { now: () => new Date(d) };
}
