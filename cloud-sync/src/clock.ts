/** The server's notion of "now" (epoch ms). The ledger reads time only through a Clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be set from outside (`--test-clock`, tests). Starts at the real time. */
export class TestClock implements Clock {
  private offset = 0;
  private fixed: number | null = null;
  constructor(start?: number) {
    if (start !== undefined) this.fixed = start;
  }
  now(): number {
    return this.fixed ?? Date.now() + this.offset;
  }
  /** Sets the clock; it stays at that instant (frozen) until set again. */
  set(now: number): void {
    this.fixed = now;
  }
  advance(ms: number): void {
    this.fixed = this.now() + ms;
  }
}
