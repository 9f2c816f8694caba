/**
 * Finished non-streamed answers, kept in memory for a while so a retried call with the same
 * Idempotency-Key gets the same answer without going upstream again. Never in the database
 * (outputs are not stored). Bounded by age and total bytes; the oldest go first.
 */
export interface StoredAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export class ReplayCache {
  private readonly entries = new Map<string, { answer: StoredAnswer; expiresAt: number }>();
  private bytes = 0;

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  put(callId: string, answer: StoredAnswer, now = Date.now()): void {
    // An answer larger than the whole cache is not kept: its retry reads the call record instead.
    if (answer.body.length > this.maxBytes) return;
    this.drop(callId);
    this.entries.set(callId, { answer, expiresAt: now + this.ttlMs });
    this.bytes += answer.body.length;
    for (const [id, e] of this.entries) {
      if (this.bytes <= this.maxBytes && e.expiresAt > now) break;
      this.drop(id);
    }
  }

  get(callId: string, now = Date.now()): StoredAnswer | undefined {
    const e = this.entries.get(callId);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.drop(callId);
      return undefined;
    }
    return e.answer;
  }

  private drop(callId: string): void {
    const e = this.entries.get(callId);
    if (!e) return;
    this.bytes -= e.answer.body.length;
    this.entries.delete(callId);
  }
}
