import type { Clock } from '../clock.js';
import { HEARTBEAT_TIMEOUT_MS } from './rules.js';

export interface JobBeat {
  job: string;
  period_ms: number;
  last_beat_at: number;
  last_ok: boolean;
  stale: boolean;
}

/**
 * Heartbeats of this instance's background jobs. A job beats each time a run ends (failed runs too:
 * a failure is reported on its own); a job that hangs, or whose timer stopped, stops beating.
 */
export class Heartbeats {
  private readonly jobs = new Map<string, { periodMs: number; at: number; ok: boolean }>();

  constructor(private readonly clock: Clock) {}

  /** Counts from now: a job that never runs goes stale one period and the timeout later. */
  register(job: string, periodMs: number): void {
    this.jobs.set(job, { periodMs, at: this.clock.now(), ok: true });
  }

  beat(job: string, ok: boolean): void {
    const j = this.jobs.get(job);
    if (j) this.jobs.set(job, { ...j, at: this.clock.now(), ok });
  }

  list(): JobBeat[] {
    const now = this.clock.now();
    return [...this.jobs].map(([job, j]) => ({ job, period_ms: j.periodMs, last_beat_at: j.at, last_ok: j.ok, stale: now - j.at > j.periodMs + HEARTBEAT_TIMEOUT_MS }));
  }
}
