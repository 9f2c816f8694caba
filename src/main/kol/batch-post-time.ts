import { REVIEW_UNDO_MS } from '../../shared/api/kol-contract.js';
import type { KolPostView } from '../../shared/kol/post-record.js';
import type { EventBus } from '../events.js';
import type { OutboxLink } from './outbox-link.js';
import type { PersonaService } from './personas.js';
import type { KolStore } from './store.js';

/**
 * A batch written for a post time (a schedule's "post at 20:00") puts each
 * of its posts on the calendar once a reviewer approved it (or the persona
 * auto-approves): on the persona's first account, at the first free slot from
 * the post time on (its daily limit and quiet hours). It waits out the undo
 * window first, so an approval can still be undone; posts approved while no
 * process was running are placed at start.
 */
export class BatchPostTime {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly kol: KolStore,
    private readonly personas: PersonaService,
    private readonly outbox: OutboxLink,
    private readonly events: EventBus,
    private readonly onError: (postId: string, err: unknown) => void,
    private readonly delayMs = REVIEW_UNDO_MS + 500,
  ) {}

  start(): void {
    this.stopListening = this.events.on('kol.post.updated', (post) => this.consider(post));
    const waiting = this.kol.store.sqlite
      .prepare("SELECT p.id FROM kol_posts p JOIN kol_batches b ON b.id = p.batch_id WHERE p.status = 'approved' AND b.post_at IS NOT NULL")
      .all() as { id: string }[];
    for (const { id } of waiting) this.later(id, 0);
  }

  stop(): void {
    this.stopListening?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private consider(post: KolPostView): void {
    if (post.status === 'approved' && this.postTimeOf(post.id) !== null) this.later(post.id, this.delayMs);
  }

  private later(postId: string, delay: number): void {
    clearTimeout(this.timers.get(postId));
    const timer = setTimeout(() => {
      this.timers.delete(postId);
      void this.place(postId).catch((err: unknown) => this.onError(postId, err));
    }, delay);
    timer.unref();
    this.timers.set(postId, timer);
  }

  private async place(postId: string): Promise<void> {
    const row = this.kol.post(postId);
    const postAt = this.postTimeOf(postId);
    // Undone, rejected or scheduled by hand meanwhile: nothing to do.
    if (!row || row.status !== 'approved' || postAt === null) return;
    const accountId = this.personas.active(row.persona_id).accountIds[0];
    if (accountId === undefined) return;
    await this.outbox.schedule({ id: postId, accountId, at: null, notBefore: postAt });
  }

  private postTimeOf(postId: string): number | null {
    const row = this.kol.store.sqlite.prepare('SELECT b.post_at FROM kol_posts p JOIN kol_batches b ON b.id = p.batch_id WHERE p.id = ?').get(postId) as { post_at: number | null } | undefined;
    return row?.post_at ?? null;
  }
}
