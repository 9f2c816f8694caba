/**
 * A timer loop for work on the studio's clock (the photo studio's deletions,
 * the lifecycle cleanups): one pass at start, then the next after the delay
 * the owner names when a pass ends, until stopped. `pass` handles its own
 * failures, so one bad pass never ends the loop; the timer never keeps the
 * process alive.
 */
export class WakeLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly nextDelayMs: () => number,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.arm(0);
  }

  /** Stops the loop and waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private arm(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().then(() => {
        this.running = null;
        this.arm(this.nextDelayMs());
      });
    }, delay);
    this.timer.unref();
  }
}
