import { MEDIA_TYPES, type LearningPost, type MediaType } from '../../../shared/kol/learning/index.js';
import type { PublishPlatform } from '../../../shared/publish/platforms.js';
import type { Store } from '../../store/db.js';

/**
 * The published posts learning reads, with what the post record does not
 * hold itself: the persona's style and time zone, the account's time zone
 * (the one the post went out in), and the media the outbox sent.
 */

interface Row {
  id: string;
  persona_id: string;
  nickname: string;
  settings: string;
  client_id: string | null;
  topic: string;
  title: string;
  content: string;
  tags: string;
  platform: PublishPlatform | null;
  url: string | null;
  published_at: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  time_zone: string | null;
  payload: string | null;
}

export interface PostQuery {
  from: number;
  to: number;
  personaId?: string | null;
  clientId?: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function personaSettings(text: string): { contentStyle: string; timeZone: string | null } {
  const s = parseJson(text) as { contentStyle?: unknown; limits?: { timeZone?: unknown } } | null;
  return {
    contentStyle: typeof s?.contentStyle === 'string' ? s.contentStyle : '',
    timeZone: typeof s?.limits?.timeZone === 'string' ? s.limits.timeZone : null,
  };
}

/** What the outbox sent: no media, one image, one video, or several (a carousel). */
export function mediaTypeOf(payload: string | null): MediaType {
  const media = (parseJson(payload) as { media?: { kind?: unknown }[] } | null)?.media;
  if (!Array.isArray(media) || media.length === 0) return 'text';
  if (media.length > 1) return 'carousel';
  const kind = media[0]?.kind;
  return kind === 'video' ? 'video' : MEDIA_TYPES.includes(kind as MediaType) ? (kind as MediaType) : 'image';
}

const DEFAULT_ZONE = 'Asia/Taipei';

/** Published posts with metrics in [from, to], optionally of one persona or client (the partial index on published_at finds them). */
export function learningPosts(store: Store, q: PostQuery): LearningPost[] {
  const where = ["p.status = 'published'", 'p.published_at >= @from', 'p.published_at <= @to', 'p.metrics_at IS NOT NULL'];
  if (q.personaId) where.push('p.persona_id = @personaId');
  if (q.clientId) where.push('p.client_id = @clientId');
  const rows = store.sqlite
    .prepare(
      `SELECT p.id, p.persona_id, k.nickname, k.settings, p.client_id, p.topic, p.title, p.content, p.tags, p.platform, p.url, p.published_at,
         p.views, p.likes, p.comments, p.shares, p.saves, a.time_zone, o.payload
       FROM kol_posts p JOIN kol_personas k ON k.id = p.persona_id
       LEFT JOIN publish_accounts a ON a.id = p.account_id
       LEFT JOIN outbox_posts o ON o.id = p.outbox_post_id
       WHERE ${where.join(' AND ')}`,
    )
    .all({ from: q.from, to: q.to, personaId: q.personaId ?? null, clientId: q.clientId ?? null }) as Row[];
  return rows.map((r) => {
    const persona = personaSettings(r.settings);
    const tags = parseJson(r.tags);
    return {
      id: r.id,
      personaId: r.persona_id,
      personaNickname: r.nickname,
      clientId: r.client_id,
      contentStyle: persona.contentStyle,
      topic: r.topic,
      title: r.title,
      content: r.content,
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
      platform: r.platform,
      url: r.url,
      publishedAt: r.published_at,
      timeZone: r.time_zone ?? persona.timeZone ?? DEFAULT_ZONE,
      mediaType: mediaTypeOf(r.payload),
      metrics: { views: r.views, likes: r.likes, comments: r.comments, shares: r.shares, saves: r.saves },
    };
  });
}
