/**
 * Short-lived values a worker process keeps between the posts it makes, in
 * its memory only (never written anywhere, gone with the process): Facebook
 * Page tokens, which every post to a Page would otherwise ask the Graph API
 * for again (one more call per post, counted against the app's rate limit).
 * Each value is kept until its own deadline, and the caller drops it as soon
 * as a call made with it fails.
 */
export interface WorkerMemo {
  get(key: string, now: number): string | null;
  set(key: string, value: string, until: number): void;
  delete(key: string): void;
}

/** A worker talks to a few hundred Pages at most; past this many, the expired entries go first, then the oldest. */
const MAX_ENTRIES = 1_000;

export class MemoryMemo implements WorkerMemo {
  private readonly entries = new Map<string, { value: string; until: number }>();

  get(key: string, now: number): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  set(key: string, value: string, until: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until });
    if (this.entries.size <= MAX_ENTRIES) return;
    for (const [k, e] of this.entries) if (e.until <= Date.now()) this.entries.delete(k);
    // Maps keep insertion order: the first keys are the oldest.
    for (const k of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(k);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
