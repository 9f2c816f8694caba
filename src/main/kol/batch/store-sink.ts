import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTORS, type KolPostView } from '../../../shared/kol/post-record.js';
import type { DraftSink, GeneratedDraft } from '../ports.js';
import { kolPostView, type KolStore } from '../store.js';

/**
 * The plainest DraftSink: the written post as a record pending review,
 * unscored, once per batch item. The studio uses it until the KOL service
 * (`studio.kol`, which scores drafts and auto-approves where a persona says
 * so) provides its own; tests of the batch engine use it as it is.
 */
export class StoreDraftSink implements DraftSink {
  constructor(
    private readonly kol: KolStore,
    private readonly now: () => number = Date.now,
  ) {}

  saveGenerated(draft: GeneratedDraft): KolPostView {
    const existing = draft.batchId !== null && draft.batchItem !== null ? this.byBatchItem(draft.batchId, draft.batchItem) : undefined;
    if (existing) return kolPostView(this.kol.post(existing)!);
    const id = randomUUID();
    this.kol.insertPost({ id, ...draft, status: 'pending_review', scores: null, actor: SYSTEM_ACTORS.batch, now: this.now() });
    return kolPostView(this.kol.post(id)!);
  }

  private byBatchItem(batchId: string, batchItem: number): string | undefined {
    const row = this.kol.store.sqlite.prepare('SELECT id FROM kol_posts WHERE batch_id = ? AND batch_item = ?').get(batchId, batchItem) as { id: string } | undefined;
    return row?.id;
  }
}
