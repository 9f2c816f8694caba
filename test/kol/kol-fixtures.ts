import { randomUUID } from 'node:crypto';
import { KolStore } from '../../src/main/kol/store.js';
import type { Store } from '../../src/main/store/db.js';
import { personaInputSchema, type PersonaInput } from '../../src/shared/kol/persona.js';
import type { PublishPlatform } from '../../src/shared/publish/platforms.js';

/**
 * Personas, publish accounts and published KOL post records as the outbox
 * leaves them once a post is live: the review and publishing steps before
 * are other tests' subject, so the rows are written as they end up.
 */

export function seedPersona(store: Store, input: Partial<PersonaInput> & { id?: string } = {}): string {
  const id = input.id ?? randomUUID();
  const { id: _drop, ...rest } = input;
  new KolStore(store).insertPersona(id, personaInputSchema.parse({ nickname: 'Ming', persona: 'A retail investor who explains markets plainly.', ...rest }), 0);
  return id;
}

export interface SeedAccount {
  platform: PublishPlatform;
  connectionId: string;
  /** The connection's own account on the platform. */
  platformAccountId: string;
  /** The Page (Facebook) or Instagram user the post went out as. */
  targetId?: string | null;
  timeZone?: string;
}

export function seedAccount(store: Store, a: SeedAccount): string {
  const id = randomUUID();
  store.sqlite
    .prepare(
      `INSERT INTO publish_accounts (id, platform, connection_id, platform_account_id, target_id, display_name, time_zone, missed_policy, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'publish', 0)`,
    )
    .run(id, a.platform, a.connectionId, a.platformAccountId, a.targetId ?? null, `${a.platform} account`, a.timeZone ?? 'Asia/Taipei');
  return id;
}

export interface SeedPost {
  personaId: string;
  accountId?: string | null;
  platform?: PublishPlatform | null;
  platformPostId?: string | null;
  url?: string | null;
  publishedAt?: number | null;
  status?: 'published' | 'approved';
  content?: string;
  topic?: string;
  tags?: string[];
  outboxPostId?: string | null;
  metrics?: { views: number; likes: number; comments: number; shares: number; saves: number; at: number } | null;
}

export function seedPost(store: Store, p: SeedPost): string {
  const id = randomUUID();
  new KolStore(store).insertPost({
    id,
    personaId: p.personaId,
    topic: p.topic ?? '台股開盤',
    title: 'A post',
    content: p.content ?? '今天台股開高走低 #台股',
    contentMd: p.content ?? '今天台股開高走低 #台股',
    tags: p.tags ?? [],
    status: 'pending_review',
    scores: null,
    generation: null,
    triggerId: null,
    triggerItem: null,
    batchId: null,
    batchItem: null,
    actor: 'test',
    now: 0,
  });
  store.sqlite
    .prepare(
      `UPDATE kol_posts SET status = @status, account_id = @accountId, platform = @platform, platform_post_id = @platformPostId, url = @url,
         published_at = @publishedAt, outbox_post_id = @outboxPostId WHERE id = @id`,
    )
    .run({
      id,
      status: p.status ?? 'published',
      accountId: p.accountId ?? null,
      platform: p.platform ?? null,
      platformPostId: p.platformPostId ?? null,
      url: p.url ?? null,
      publishedAt: p.status === 'approved' ? null : (p.publishedAt ?? 0),
      outboxPostId: p.outboxPostId ?? null,
    });
  if (p.metrics) {
    store.sqlite
      .prepare(`UPDATE kol_posts SET views = @views, likes = @likes, comments = @comments, shares = @shares, saves = @saves, metrics_at = @at, metrics_source = 'platform' WHERE id = @id`)
      .run({ id, ...p.metrics });
  }
  return id;
}
