import { ApiError } from '../errors.js';

/** Per-user calls per minute (fixed one-minute windows): 429 with the seconds to wait. */
export class UserRateLimit {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly perMinute: number) {}

  hit(userId: string, now = Date.now()): void {
    const w = this.windows.get(userId);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (v.resetAt <= now) this.windows.delete(k);
      this.windows.set(userId, { count: 1, resetAt: now + 60_000 });
      return;
    }
    if (++w.count > this.perMinute) {
      throw new ApiError(429, 'RATE_LIMITED', `more than ${this.perMinute} generation calls a minute; wait and retry`, { retry_after_seconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) });
    }
  }
}

interface Waiter {
  priority: boolean;
  seq: number;
  grant: () => void;
}

/**
 * The concurrency cap of one upstream key. Past the cap, calls wait; a priority caller (the Pro
 * plan's "priority processing") is served before every non-priority one, each kind in arrival
 * order. A wait longer than `maxWaitMs` (or a client that hung up) leaves the queue: 503 with
 * Retry-After.
 */
export class UpstreamGate {
  private running = 0;
  private seq = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly cap: number,
    private readonly maxWaitMs: number,
  ) {}

  get inFlight(): number {
    return this.running;
  }
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with the function that gives the slot back (call it exactly once). */
  async acquire(priority: boolean, signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.cap && this.queue.length === 0) return this.take();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        grant: () => {
          cleanup();
          resolve(this.take());
        },
      };
      const leave = (err: ApiError) => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        cleanup();
        reject(err);
      };
      const timer = setTimeout(() => leave(busy(this.maxWaitMs)), this.maxWaitMs);
      const onAbort = () => leave(new ApiError(503, 'GEN_BUSY', 'the client left while waiting', { retry_after_seconds: 1 }));
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Priority callers go before the first non-priority waiter; otherwise arrival order.
      const at = priority ? this.queue.findIndex((w) => !w.priority) : -1;
      if (at < 0) this.queue.push(waiter);
      else this.queue.splice(at, 0, waiter);
    });
  }

  private take(): () => void {
    this.running++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.running--;
      const next = this.queue.shift();
      if (next) next.grant();
    };
  }
}

const busy = (waitedMs: number) =>
  new ApiError(503, 'GEN_BUSY', `every upstream slot stayed busy for ${Math.round(waitedMs / 1000)} s; retry shortly`, { retry_after_seconds: Math.max(1, Math.ceil(waitedMs / 1000)) });
