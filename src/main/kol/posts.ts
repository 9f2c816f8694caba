import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { SYSTEM_ACTORS, type KolPostState, type KolPostTransition, type KolPostView } from '../../shared/kol/post-record.js';
import type { KolPostFilter, KolPostPage } from '../../shared/api/kol-contract.js';
import type { EventBus } from '../events.js';
import type { DraftSink, GeneratedDraft } from './ports.js';
import type { PersonaService } from './personas.js';
import { decodeCursor, encodeCursor, type KolQueue } from './queue.js';
import type { DraftScorer } from './scoring.js';
import { kolPostView, type KolPostRow, type KolStore } from './store.js';

/** States a post's text may be edited in: before approval, or when the reviewer asked for changes. */
const EDITABLE: readonly KolPostState[] = ['draft', 'pending_review', 'needs_changes'];

/** What every change of a post record ends with: `kol.post.updated` with the record as it is now. */
export function emitPost(events: EventBus, row: KolPostRow): KolPostView {
  const view = kolPostView(row);
  events.emit('kol.post.updated', view);
  return view;
}

export function postNotFound(): StudioError {
  return new StudioError({ code: 'NOT_FOUND', message: 'That post no longer exists.', ...say('kol.core.postNotFound') });
}

/**
 * Post records (issue 14): written by hand or handed over by a batch
 * (DraftSink), edited in place before approval, submitted to review, and
 * listed as the review queue. Every change of state goes through
 * KolStore.transition (the state machine's guard and the history row).
 */
export class PostService implements DraftSink {
  /** The record a batch item or trigger item already has (asked once per written post: prepared once). */
  private readonly byBatchItem: BetterSqlite3.Statement<[string, number], { id: string }>;
  private readonly byTriggerItem: BetterSqlite3.Statement<[string, string, string], { id: string }>;

  constructor(
    private readonly kol: KolStore,
    private readonly personas: PersonaService,
    private readonly queue: KolQueue,
    private readonly scorer: DraftScorer,
    private readonly events: EventBus,
    private readonly now: () => number,
    /** Who is acting (the reviewer's name) for a post written or changed by hand. */
    private readonly actor: () => string,
  ) {
    this.byBatchItem = kol.store.sqlite.prepare('SELECT id FROM kol_posts WHERE batch_id = ? AND batch_item = ?');
    this.byTriggerItem = kol.store.sqlite.prepare('SELECT id FROM kol_posts WHERE trigger_id = ? AND trigger_item = ? AND persona_id = ?');
  }

  create(input: { personaId: string; topic: string; title: string; content: string; tags: string[]; submit: boolean }): KolPostView {
    const persona = this.personas.active(input.personaId);
    const id = randomUUID();
    this.kol.insertPost({
      id,
      personaId: input.personaId,
      topic: input.topic,
      title: input.title,
      content: input.content,
      contentMd: input.content,
      tags: input.tags,
      status: input.submit ? 'pending_review' : 'draft',
      scores: this.scorer.score({ personaId: input.personaId, postId: null, persona, title: input.title, content: input.content, tags: input.tags }),
      generation: null,
      triggerId: null,
      triggerItem: null,
      batchId: null,
      batchItem: null,
      actor: this.actor(),
      now: this.now(),
    });
    return emitPost(this.events, this.mustGet(id));
  }

  /** A written post, pending review (approved at once only when its persona auto-approves); the same batch item twice is the first record. */
  saveGenerated(draft: GeneratedDraft): KolPostView {
    const existing = this.existingFor(draft);
    if (existing) return kolPostView(existing);
    const persona = this.personas.active(draft.personaId);
    const id = randomUUID();
    const now = this.now();
    this.kol.insertPost({
      ...draft,
      id,
      status: 'pending_review',
      scores: this.scorer.score({ personaId: draft.personaId, postId: null, persona, title: draft.title, content: draft.content, tags: draft.tags }),
      actor: draft.batchId !== null ? SYSTEM_ACTORS.batch : draft.triggerId !== null ? SYSTEM_ACTORS.trigger : SYSTEM_ACTORS.batch,
      now,
    });
    let row = this.mustGet(id);
    if (persona.autoApprove) {
      row = this.kol.transition(id, 'pending_review', 'approved', SYSTEM_ACTORS.autoApprove, now, null, { approvedBy: SYSTEM_ACTORS.autoApprove, approvedAt: now });
    }
    return emitPost(this.events, row);
  }

  private existingFor(draft: GeneratedDraft): KolPostRow | undefined {
    const found =
      draft.batchId !== null && draft.batchItem !== null
        ? this.byBatchItem.get(draft.batchId, draft.batchItem)
        : draft.triggerId !== null && draft.triggerItem !== null
          ? this.byTriggerItem.get(draft.triggerId, draft.triggerItem, draft.personaId)
          : undefined;
    return found ? this.kol.post(found.id) : undefined;
  }

  /** Changes the text in place (draft, pending review or needs changes only) and scores it again. */
  edit(input: { id: string; title?: string | undefined; content?: string | undefined; tags?: string[] | undefined }): KolPostView {
    const row = this.mustGet(input.id);
    if (!EDITABLE.includes(row.status)) {
      throw new StudioError({ code: 'CONFLICT', message: `A post that is ${row.status} can no longer be edited.`, ...say('kol.core.notEditable', { state: row.status }) });
    }
    const title = input.title ?? row.title;
    const content = input.content ?? row.content;
    const tags = input.tags ?? (JSON.parse(row.tags) as string[]);
    const persona = this.personas.active(row.persona_id);
    const scores = this.scorer.score({ personaId: row.persona_id, postId: row.id, persona, title, content, tags });
    const changed = this.kol.store.sqlite
      .prepare(
        `UPDATE kol_posts SET title = ?, content = ?, content_md = ?, tags = ?, scores = ?, quality_score = ?, ai_detection_score = ?, risk_level = ?, updated_at = ?
         WHERE id = ? AND status = ?`,
      )
      .run(
        title,
        content,
        input.content !== undefined ? content : row.content_md,
        JSON.stringify(tags),
        JSON.stringify(scores),
        scores.quality.score,
        scores.aiLikeness.score,
        scores.risk.level,
        this.now(),
        row.id,
        row.status,
      ).changes;
    if (changed === 0) {
      const now = this.kol.post(row.id);
      if (!now) throw postNotFound();
      throw new StudioError({ code: 'CONFLICT', message: `The post is ${now.status} now.`, ...say('kol.core.stateChanged', { state: now.status }) });
    }
    return emitPost(this.events, this.mustGet(row.id));
  }

  /** Sends a draft (or a post revised after "needs changes") to review. */
  submit(id: string): KolPostView {
    const row = this.mustGet(id);
    return emitPost(this.events, this.kol.transition(id, row.status, 'pending_review', this.actor(), this.now()));
  }

  get(id: string): { post: KolPostView; history: KolPostTransition[] } {
    return { post: kolPostView(this.mustGet(id)), history: this.kol.history(id) };
  }

  list(input: { filter: KolPostFilter; cursor?: string | undefined; limit: number }): KolPostPage {
    const { ids, next } = this.queue.page(input.filter, input.cursor !== undefined ? decodeCursor(input.cursor) : null, input.limit);
    return { items: this.views(ids), nextCursor: next ? encodeCursor(next) : null };
  }

  /** The records in the order of `ids` (one query). */
  views(ids: string[]): KolPostView[] {
    if (ids.length === 0) return [];
    const rows = this.kol.rows(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [kolPostView(row)] : [];
    });
  }

  mustGet(id: string): KolPostRow {
    const row = this.kol.post(id);
    if (!row) throw postNotFound();
    return row;
  }
}
