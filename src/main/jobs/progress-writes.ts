/**
 * A running job's progress, written to its row at most once per interval. Progress is for
 * watching: the `job.progress` event goes out at once, and the row only has to be near enough for
 * a window opened later (and for the lease, which heartbeats renew anyway). A worker that reports
 * progress several times a second — or a few times in a job that lasts a few milliseconds, as a
 * post does — would otherwise cost a database commit each time; the job's end writes its final
 * state over whatever is pending, so that is dropped then. Progress that carries a checkpoint is
 * never deferred (the caller writes it at once).
 */
export interface ProgressWrite {
  progress: number;
  message: string | null;
}

export const PROGRESS_WRITE_MS = 250;

export class ProgressWrites {
  private readonly pending = new Map<string, ProgressWrite>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Writes one job's latest progress (and renews its lease); false when the job is no longer this owner's. */
    private readonly write: (jobId: string, p: ProgressWrite) => void,
    private readonly intervalMs = PROGRESS_WRITE_MS,
  ) {}

  defer(jobId: string, p: ProgressWrite): void {
    this.pending.set(jobId, p);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** The job ended (or its progress was written with a checkpoint): what was pending is moot. */
  drop(jobId: string): void {
    this.pending.delete(jobId);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = [...this.pending];
    this.pending.clear();
    for (const [jobId, p] of due) this.write(jobId, p);
  }
}
