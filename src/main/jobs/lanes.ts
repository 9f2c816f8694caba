import { jobKinds, type JobKind } from '../../shared/jobs/kinds.js';
import type { QueueName } from '../../shared/jobs/queues.js';
import type { JobSystemConfig } from './config.js';
import type { JobRow } from './store.js';

/** A lane of a queue: the queue's own jobs, or the jobs of one kind with a lane of its own (config.lanes). */
export interface Lane {
  name: string;
  concurrency: number;
  /** What the lane's claim takes: one kind, or the queue's jobs but the kinds with lanes of their own. */
  claim: { kind: JobKind } | { skip: JobKind[] };
}

/**
 * The queue's lanes and their slots: how many jobs run in each, and which
 * lanes a claim last found empty. Each claim is a write statement, so a pump
 * that only follows a job's end (a freed slot is no new work) skips the lanes
 * known empty; a job queued in a lane clears that lane, and anything else
 * that may bring work (the tick, the backoff wake-up, a settings change)
 * clears them all before the next pass.
 */
export class LaneSlots {
  /** Running jobs by lane name. */
  private readonly running = new Map<string, number>();
  private readonly empty = new Set<string>();
  private forgetAtNextPass = false;

  /** `config` is read at each call: concurrency can change while the queue runs. */
  constructor(private readonly config: Pick<JobSystemConfig, 'concurrency' | 'lanes'>) {}

  /** The queue's own lane, then each of its kind lanes': their slots are counted apart. */
  lanesOf(queue: QueueName): Lane[] {
    const kinds = this.kindsWithLaneIn(queue);
    return [
      { name: queue, concurrency: this.config.concurrency[queue], claim: { skip: kinds } },
      ...kinds.map((kind) => ({ name: kind, concurrency: this.config.lanes[kind]!.concurrency, claim: { kind } })),
    ];
  }

  /** The lane a job runs in: its kind's own when config.lanes has one for the job's queue, else its queue's. */
  laneOf(row: Pick<JobRow, 'queue' | 'kind'>): string {
    return this.kindsWithLaneIn(row.queue as QueueName).includes(row.kind as JobKind) ? row.kind : row.queue;
  }

  /** Whether a claim in `lane` may start a job: a free slot, and not found empty since work last came. */
  mayClaim(lane: Lane): boolean {
    return (this.running.get(lane.name) ?? 0) < lane.concurrency && !this.empty.has(lane.name);
  }

  /**
   * Whether a job of this kind lane may start as it is queued: a free slot, and the lane known to
   * have nothing queued ahead of it (a claim found it empty since work last came, and nothing since).
   */
  mayStartAtEnqueue(row: Pick<JobRow, 'queue' | 'kind'>): boolean {
    const name = this.laneOf(row);
    if (name !== row.kind || this.forgetAtNextPass || !this.empty.has(name)) return false;
    return (this.running.get(name) ?? 0) < this.config.lanes[row.kind as JobKind]!.concurrency;
  }

  foundEmpty(lane: Lane): void {
    this.empty.add(lane.name);
  }

  /** A job was queued (or queued again) in this row's lane. */
  workArrived(row: Pick<JobRow, 'queue' | 'kind'>): void {
    this.empty.delete(this.laneOf(row));
  }

  /** Work may have come anywhere: the next pass tries every lane. */
  forgetEmpty(): void {
    this.forgetAtNextPass = true;
  }

  /** At the start of a pump's pass. */
  beginPass(): void {
    if (this.forgetAtNextPass) this.empty.clear();
    this.forgetAtNextPass = false;
  }

  started(row: Pick<JobRow, 'queue' | 'kind'>): void {
    const lane = this.laneOf(row);
    this.running.set(lane, (this.running.get(lane) ?? 0) + 1);
  }

  ended(row: Pick<JobRow, 'queue' | 'kind'>): void {
    const lane = this.laneOf(row);
    this.running.set(lane, Math.max(0, (this.running.get(lane) ?? 1) - 1));
  }

  /** The queue stopped: nothing runs. */
  reset(): void {
    this.running.clear();
  }

  /** The kinds with a lane of their own in a queue: those config.lanes names whose jobs go to that queue. */
  private kindsWithLaneIn(queue: QueueName): JobKind[] {
    return (Object.keys(this.config.lanes) as JobKind[]).filter((kind) => jobKinds[kind]?.queue === queue);
  }
}
