import { say } from '../../shared/messages.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { PublishDispatcher } from './dispatch.js';
import type { OutboxStore, PostRow } from './store.js';

/** The scheduler's time: the wall clock, or a controlled one in tests. */
export interface Clock {
  now(): number;
}

export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/**
 * A post counts as missed when it came due more than this long before the
 * studio started: within it, it is simply on time (the issue allows ±1 min).
 */
export const MISSED_GRACE_MS = 60_000;
/** The longest the scheduler sleeps: posts written by another process sharing the database (the CLI) are seen within it. */
export const MAX_SLEEP_MS = 15_000;

/**
 * Publishes scheduled posts on time in every process that works the job
 * queue (the desktop window, `kingjam serve`, `kingjam jobs run`): it sleeps
 * until the earliest due post (or the moment a rate window frees a slot),
 * then lets the dispatcher start what is due. At start, posts that came due
 * while no studio ran follow their missed policy: `publish` starts them now,
 * `mark-missed` fails them with `missed` set and a message that says when
 * they were due (failed rather than canceled: a failed post shows its reason
 * on the calendar and can be rescheduled or published now).
 */
export class PublishScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly dispatcher: PublishDispatcher,
    private readonly clock: Clock,
    private readonly changed: (postId: string) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.markMissed();
    this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Posts that came due while the studio was off and whose policy says not to publish late. */
  markMissed(): PostRow[] {
    const now = this.clock.now();
    const late = this.outbox.scheduledBefore(now - MISSED_GRACE_MS, 100_000).filter((p) => p.missed_policy === 'mark-missed');
    for (const post of late) {
      const due = new Date(post.scheduled_at!).toISOString();
      const error: ErrorInfo = { code: 'PUBLISH_BAD_POST', message: `This post was due at ${due} while the studio was not running; it was not published late.`, ...say('publish.outbox.missed', { due }) };
      if (this.outbox.missed(post.id, error, now)) this.changed(post.id);
    }
    return late;
  }

  /** Starts what is due now and sleeps until the next thing is; called on every change that may make a post due sooner. */
  tick(): void {
    if (!this.running) return;
    let wake: number | null = null;
    try {
      wake = this.dispatcher.dispatchDue();
    } catch (err) {
      // One bad pass (the database busy, a row another process changed) must not stop publishing: the next pass tries again.
      console.error(`publishing: a dispatch pass failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (this.timer) clearTimeout(this.timer);
    const now = this.clock.now();
    const delay = wake === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, wake - now));
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }
}
