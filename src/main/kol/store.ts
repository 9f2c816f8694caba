import type BetterSqlite3 from 'better-sqlite3';
import { StudioError } from '../../shared/errors.js';
import { say, type Localized } from '../../shared/messages.js';
import type { PersonaSettings } from '../../shared/kol/persona.js';
import { canTransition, type GenerationParams, type KolActor, type KolPostState, type KolPostTransition, type KolPostView } from '../../shared/kol/post-record.js';
import type { DraftScores } from '../../shared/kol/scores.js';
import type { PublishPlatform } from '../../shared/publish/platforms.js';
import type { Store } from '../store/db.js';
import { limitedStatement } from '../store/limited.js';

/**
 * Personas and post records (migration 6) as prepared statements. A change of
 * state is one guarded UPDATE (`WHERE status = from`) and its history row, in
 * one transaction, so two reviewers (or a reviewer and the outbox) never both
 * move one post.
 */
export interface PersonaRow {
  id: string;
  nickname: string;
  settings: string;
  client_id: string | null;
  auto_approve: number;
  learning_enabled: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface KolPostRow {
  id: string;
  persona_id: string;
  persona_nickname: string;
  client_id: string | null;
  topic: string;
  title: string;
  content: string;
  content_md: string;
  tags: string;
  status: KolPostState;
  reviewer_notes: string | null;
  approved_by: string | null;
  approved_at: number | null;
  account_id: string | null;
  platform: PublishPlatform | null;
  outbox_post_id: string | null;
  scheduled_at: number | null;
  published_at: number | null;
  platform_post_id: string | null;
  url: string | null;
  publish_error: string | null;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  metrics_at: number | null;
  metrics_source: 'platform' | 'manual' | 'csv' | null;
  quality_score: number | null;
  ai_detection_score: number | null;
  risk_level: 'low' | 'medium' | 'high' | null;
  scores: string | null;
  generation_params: string | null;
  trigger_id: string | null;
  trigger_item: string | null;
  batch_id: string | null;
  batch_item: number | null;
  created_at: number;
  updated_at: number;
}

export interface NewKolPost {
  id: string;
  personaId: string;
  topic: string;
  title: string;
  content: string;
  contentMd: string;
  tags: string[];
  status: 'draft' | 'pending_review';
  scores: DraftScores | null;
  generation: GenerationParams | null;
  triggerId: string | null;
  triggerItem: string | null;
  batchId: string | null;
  batchItem: number | null;
  actor: KolActor;
  now: number;
}

/** Fields a transition may set along with the state (approval, schedule, the outbox's answer). */
export interface TransitionPatch {
  reviewerNotes?: string | null;
  approvedBy?: string | null;
  approvedAt?: number | null;
  accountId?: string | null;
  platform?: PublishPlatform | null;
  outboxPostId?: string | null;
  scheduledAt?: number | null;
  publishedAt?: number | null;
  platformPostId?: string | null;
  url?: string | null;
  publishError?: Localized | null;
}

const PATCH_COLUMNS: Record<keyof TransitionPatch, string> = {
  reviewerNotes: 'reviewer_notes',
  approvedBy: 'approved_by',
  approvedAt: 'approved_at',
  accountId: 'account_id',
  platform: 'platform',
  outboxPostId: 'outbox_post_id',
  scheduledAt: 'scheduled_at',
  publishedAt: 'published_at',
  platformPostId: 'platform_post_id',
  url: 'url',
  publishError: 'publish_error',
};

/** Post columns with the persona's nickname, for every read that builds a view. */
export const KOL_POST_SELECT = 'SELECT p.*, k.nickname AS persona_nickname FROM kol_posts p JOIN kol_personas k ON k.id = p.persona_id';

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export class KolStore {
  private readonly s: Record<string, BetterSqlite3.Statement>;
  private readonly recent: (limit: number) => BetterSqlite3.Statement;
  private readonly recentBut: (limit: number) => BetterSqlite3.Statement;

  constructor(readonly store: Store) {
    const db = store.sqlite;
    this.recent = limitedStatement(db, (n) => `SELECT content FROM kol_posts WHERE persona_id = ? ORDER BY created_at DESC LIMIT ${n}`);
    this.recentBut = limitedStatement(db, (n) => `SELECT content FROM kol_posts WHERE persona_id = ? AND id != ? ORDER BY created_at DESC LIMIT ${n}`);
    this.s = {
      insertPersona: db.prepare(
        `INSERT INTO kol_personas (id, nickname, settings, client_id, auto_approve, learning_enabled, created_at, updated_at)
         VALUES (@id, @nickname, @settings, @clientId, @autoApprove, @learningEnabled, @now, @now)`,
      ),
      updatePersona: db.prepare(
        `UPDATE kol_personas SET nickname = @nickname, settings = @settings, client_id = @clientId, auto_approve = @autoApprove,
           learning_enabled = @learningEnabled, updated_at = @now WHERE id = @id AND archived_at IS NULL`,
      ),
      archivePersona: db.prepare('UPDATE kol_personas SET archived_at = @now, updated_at = @now WHERE id = @id AND archived_at IS NULL'),
      getPersona: db.prepare('SELECT * FROM kol_personas WHERE id = ?'),
      clearAccounts: db.prepare('DELETE FROM kol_persona_accounts WHERE persona_id = ?'),
      addAccount: db.prepare('INSERT INTO kol_persona_accounts (persona_id, account_id) VALUES (?, ?)'),
      accountsOf: db.prepare('SELECT account_id FROM kol_persona_accounts WHERE persona_id = ? ORDER BY account_id'),
      insertPost: db.prepare(
        `INSERT INTO kol_posts (id, persona_id, client_id, topic, title, content, content_md, tags, status, quality_score, ai_detection_score, risk_level, scores,
           generation_params, trigger_id, trigger_item, batch_id, batch_item, created_at, updated_at)
         VALUES (@id, @personaId, (SELECT client_id FROM kol_personas WHERE id = @personaId), @topic, @title, @content, @contentMd, @tags, @status, @quality, @ai, @risk, @scores,
           @generation, @triggerId, @triggerItem, @batchId, @batchItem, @now, @now)`,
      ),
      getPost: db.prepare(`${KOL_POST_SELECT} WHERE p.id = ?`),
      getPosts: db.prepare(`${KOL_POST_SELECT} WHERE p.id IN (SELECT value FROM json_each(?))`),
      byOutbox: db.prepare(`${KOL_POST_SELECT} WHERE p.outbox_post_id = ?`),
      moveScheduled: db.prepare("UPDATE kol_posts SET scheduled_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'"),
      statusOf: db.prepare('SELECT status FROM kol_posts WHERE id = ?'),
      lastEvent: db.prepare('SELECT MAX(seq) AS seq FROM kol_post_events WHERE post_id = ?'),
      insertEvent: db.prepare('INSERT INTO kol_post_events (post_id, seq, from_status, to_status, actor, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      events: db.prepare('SELECT seq, from_status, to_status, actor, at, note FROM kol_post_events WHERE post_id = ? ORDER BY seq'),
    };
  }

  insertPersona(id: string, settings: PersonaSettings, now: number): void {
    this.store.transaction(() => {
      this.s.insertPersona!.run({ id, now, ...personaColumns(settings) });
      this.setAccounts(id, settings.accountIds);
    });
  }

  /** False when the persona does not exist or is archived. */
  updatePersona(id: string, settings: PersonaSettings, now: number): boolean {
    return this.store.transaction(() => {
      if (this.s.updatePersona!.run({ id, now, ...personaColumns(settings) }).changes === 0) return false;
      this.setAccounts(id, settings.accountIds);
      return true;
    });
  }

  archivePersona(id: string, now: number): boolean {
    return this.s.archivePersona!.run({ id, now }).changes > 0;
  }

  persona(id: string): PersonaRow | undefined {
    return this.s.getPersona!.get(id) as PersonaRow | undefined;
  }

  accountsOf(personaId: string): string[] {
    return (this.s.accountsOf!.all(personaId) as { account_id: string }[]).map((r) => r.account_id);
  }

  private setAccounts(personaId: string, accountIds: readonly string[]): void {
    this.s.clearAccounts!.run(personaId);
    for (const accountId of new Set(accountIds)) this.s.addAccount!.run(personaId, accountId);
  }

  /** Inserts a post record and its first history row. */
  insertPost(post: NewKolPost): void {
    this.store.transaction(() => {
      this.s.insertPost!.run({
        id: post.id,
        personaId: post.personaId,
        topic: post.topic,
        title: post.title,
        content: post.content,
        contentMd: post.contentMd,
        tags: JSON.stringify(post.tags),
        status: post.status,
        quality: post.scores?.quality.score ?? null,
        ai: post.scores?.aiLikeness.score ?? null,
        risk: post.scores?.risk.level ?? null,
        scores: post.scores ? JSON.stringify(post.scores) : null,
        generation: post.generation ? JSON.stringify(post.generation) : null,
        triggerId: post.triggerId,
        triggerItem: post.triggerItem,
        batchId: post.batchId,
        batchItem: post.batchItem,
        now: post.now,
      });
      this.s.insertEvent!.run(post.id, 1, null, post.status, post.actor, post.now, null);
    });
  }

  post(id: string): KolPostRow | undefined {
    return this.s.getPost!.get(id) as KolPostRow | undefined;
  }

  /** Several records at once, in no particular order. */
  rows(ids: readonly string[]): KolPostRow[] {
    return this.s.getPosts!.all(JSON.stringify(ids)) as KolPostRow[];
  }

  /** The record an outbox post carries, if any. */
  byOutboxPost(outboxPostId: string): KolPostRow | undefined {
    return this.s.byOutbox!.get(outboxPostId) as KolPostRow | undefined;
  }

  /** A scheduled post moved on the calendar: the new time, no change of state. */
  moveScheduled(id: string, scheduledAt: number, now: number): boolean {
    return this.s.moveScheduled!.run(scheduledAt, now, id).changes > 0;
  }

  /** The sequence number of the post's latest history row (what an undo checks nothing moved it since). */
  lastSeq(postId: string): number {
    return (this.s.lastEvent!.get(postId) as { seq: number | null }).seq ?? 0;
  }

  /**
   * Moves a post from `from` to `to` (refused when the state machine does not
   * allow it or the post is no longer in `from`), sets the patch's fields and
   * records who did it. Returns the row after the change.
   */
  transition(id: string, from: KolPostState, to: KolPostState, actor: KolActor, now: number, note: string | null = null, patch: TransitionPatch = {}): KolPostRow {
    if (!canTransition(from, to)) {
      throw new StudioError({ code: 'CONFLICT', message: `A post cannot go from ${from} to ${to}.`, ...say('kol.core.illegalTransition', { from, to }) });
    }
    return this.store.transaction(() => {
      const sets = ['status = @to', 'updated_at = @now'];
      const params: Record<string, unknown> = { id, from, to, now };
      for (const [field, value] of Object.entries(patch) as [keyof TransitionPatch, TransitionPatch[keyof TransitionPatch]][]) {
        sets.push(`${PATCH_COLUMNS[field]} = @${field}`);
        params[field] = field === 'publishError' && value !== null && value !== undefined ? JSON.stringify(value) : value;
      }
      const changed = this.store.sqlite.prepare(`UPDATE kol_posts SET ${sets.join(', ')} WHERE id = @id AND status = @from`).run(params).changes;
      if (changed === 0) {
        const current = this.s.statusOf!.get(id) as { status: KolPostState } | undefined;
        if (!current) throw new StudioError({ code: 'NOT_FOUND', message: `There is no post ${id}.`, ...say('kol.core.postNotFound') });
        throw new StudioError({ code: 'CONFLICT', message: `The post is ${current.status} now, not ${from}.`, ...say('kol.core.stateChanged', { state: current.status }) });
      }
      const seq = ((this.s.lastEvent!.get(id) as { seq: number | null }).seq ?? 0) + 1;
      this.s.insertEvent!.run(id, seq, from, to, actor, now, note);
      return this.post(id)!;
    });
  }

  history(postId: string): KolPostTransition[] {
    return (this.s.events!.all(postId) as { seq: number; from_status: KolPostState | null; to_status: KolPostState; actor: string; at: number; note: string | null }[]).map((r) => ({
      seq: r.seq,
      from: r.from_status,
      to: r.to_status,
      actor: r.actor,
      at: r.at,
      note: r.note,
    }));
  }

  /** The persona's latest post texts, newest first (duplication is scored against the last 50); without `exceptPostId` (a post scored again after an edit is no duplicate of itself). */
  recentContents(personaId: string, limit = 50, exceptPostId?: string): string[] {
    const rows = exceptPostId === undefined ? this.recent(limit).all(personaId) : this.recentBut(limit).all(personaId, exceptPostId);
    return (rows as { content: string }[]).map((r) => r.content);
  }
}

function personaColumns(settings: PersonaSettings): Record<string, unknown> {
  return {
    nickname: settings.nickname,
    settings: JSON.stringify(settings),
    clientId: settings.clientId,
    autoApprove: settings.autoApprove ? 1 : 0,
    learningEnabled: settings.learningEnabled ? 1 : 0,
  };
}

export function kolPostView(row: KolPostRow): KolPostView {
  return {
    id: row.id,
    personaId: row.persona_id,
    personaNickname: row.persona_nickname,
    clientId: row.client_id,
    topic: row.topic,
    title: row.title,
    content: row.content,
    contentMd: row.content_md,
    tags: JSON.parse(row.tags) as string[],
    status: row.status,
    reviewerNotes: row.reviewer_notes,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    accountId: row.account_id,
    platform: row.platform,
    outboxPostId: row.outbox_post_id,
    scheduledAt: row.scheduled_at,
    publishedAt: row.published_at,
    platformPostId: row.platform_post_id,
    url: row.url,
    publishError: parse<Localized>(row.publish_error),
    metrics: { views: row.views, likes: row.likes, comments: row.comments, shares: row.shares, saves: row.saves, fetchedAt: row.metrics_at, source: row.metrics_source },
    scores: parse<DraftScores>(row.scores),
    generation: parse<GenerationParams>(row.generation_params),
    triggerId: row.trigger_id,
    triggerItem: row.trigger_item,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
