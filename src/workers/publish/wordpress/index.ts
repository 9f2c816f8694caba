import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { PostMedia } from '../../../shared/publish/post.js';
import { markdownToHtml } from '../../generation/markdown.js';
import type { PostingTarget, PublishContext, Publisher, PublishedPost } from '../types.js';
import { notWordPress, openSite, wpCall, wpOk, type WordPressSite } from './site.js';
import { termIds } from './terms.js';

/**
 * WordPress (REST API, Application Password): the featured image is uploaded
 * to the media library, categories and tags are found or created by name, and
 * the post is created with them. WordPress has no idempotency key, so a
 * checkpoint (the time, the title, the author) is saved before the post is
 * created; after a crash, recover() looks for that post on the site.
 */

const UPLOAD_TIMEOUT_MS = 10 * 60_000;
/** WordPress compares `after` with the post's local date: go back far enough for any site time zone, then filter on the GMT date. */
const TIME_ZONE_SLACK_MS = 14 * 3600_000;
/** Clocks of the studio and the site differ a little. */
const CLOCK_SKEW_MS = 5 * 60_000;

const checkpointSchema = z.object({
  mediaId: z.number().nullable(),
  posting: z.object({ at: z.number(), title: z.string(), authorId: z.number() }).nullable(),
});
type WordPressCheckpoint = z.infer<typeof checkpointSchema>;

const me = z.object({ id: z.number(), name: z.string() });
const created = z.object({ id: z.number(), link: z.string() });
const media = z.object({ id: z.number() });
const editablePost = z.object({
  id: z.number(),
  link: z.string(),
  author: z.number(),
  title: z.object({ raw: z.string() }),
  date_gmt: z.string().nullable(),
  modified_gmt: z.string().nullable(),
});

function checkpointOf(ctx: PublishContext): WordPressCheckpoint | null {
  const parsed = checkpointSchema.safeParse(ctx.checkpoint);
  return parsed.success ? parsed.data : null;
}

async function currentUser(site: WordPressSite): Promise<z.infer<typeof me>> {
  const answer = await wpCall(site, '/wp/v2/users/me?context=edit&_fields=id,name');
  const user = me.safeParse(wpOk(site, answer));
  if (!user.success) throw notWordPress(site, answer);
  return user.data;
}

/** The name WordPress keeps for the upload: ASCII only in the header (WordPress reads `filename=` alone). */
function uploadName(m: PostMedia): string {
  const base = path.basename(m.path);
  const ext = path.extname(base).toLowerCase();
  const stem = base.slice(0, base.length - ext.length).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${stem || 'image'}${ext}`;
}

async function uploadFeaturedImage(site: WordPressSite, m: PostMedia): Promise<number> {
  const size = (await fs.promises.stat(m.path)).size;
  const answer = await wpCall(site, '/wp/v2/media', {
    method: 'POST',
    headers: { 'content-type': m.mime, 'content-length': String(size), 'content-disposition': `attachment; filename="${uploadName(m)}"` },
    body: Readable.toWeb(fs.createReadStream(m.path)) as ReadableStream<Uint8Array>,
    timeoutMs: UPLOAD_TIMEOUT_MS,
  });
  const uploaded = media.safeParse(wpOk(site, answer, path.basename(m.path)));
  if (!uploaded.success) throw notWordPress(site, answer);
  if (m.altText) wpOk(site, await wpCall(site, `/wp/v2/media/${uploaded.data.id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alt_text: m.altText }) }));
  return uploaded.data.id;
}

const gmt = (s: string | null): number => (s ? Date.parse(`${s.replace(/Z$/, '')}Z`) : NaN);

export const wordpressPublisher: Publisher = {
  platform: 'wordpress',

  async targets(ctx): Promise<PostingTarget[]> {
    const site = openSite(ctx);
    const user = await currentUser(site);
    return [{ targetId: null, displayName: `${user.name} · ${new URL(site.base).host}` }];
  },

  async preflight() {
    // Everything WordPress refuses that the shared rules cannot see (the role's
    // capabilities, the upload limit) it says when asked, classified by wpFailure.
    return [];
  },

  async publish(post, _target, ctx): Promise<PublishedPost> {
    const site = openSite(ctx);
    const options = post.options.wordpress;
    const user = await currentUser(site);
    const prior = checkpointOf(ctx);
    let mediaId = prior?.mediaId ?? null;
    const image = post.media.find((m) => m.kind === 'image');
    if (image && mediaId === null) {
      mediaId = await uploadFeaturedImage(site, image);
      // A retry reuses the upload instead of leaving a second copy in the media library.
      await ctx.saveCheckpoint({ mediaId, posting: null } satisfies WordPressCheckpoint);
    }
    ctx.progress(0.5);
    const categories = await termIds(site, 'categories', options?.categories ?? []);
    const tags = await termIds(site, 'tags', options?.tags ?? []);
    const title = (post.title ?? '').trim();
    const content = (options?.format ?? 'markdown') === 'markdown' ? markdownToHtml(post.text) : post.text;
    // Saved before the create, which has no idempotency key: recover() looks for this post.
    await ctx.saveCheckpoint({ mediaId, posting: { at: ctx.now(), title, authorId: user.id } } satisfies WordPressCheckpoint);
    const answer = await wpCall(site, '/wp/v2/posts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, content, status: options?.status ?? 'publish', categories, tags, ...(mediaId !== null ? { featured_media: mediaId } : {}) }),
    });
    const made = created.safeParse(wpOk(site, answer));
    if (!made.success) throw notWordPress(site, answer);
    ctx.progress(1);
    return { platformPostId: String(made.data.id), url: made.data.link };
  },

  /** Finds the post an interrupted attempt created: this user's, with this title, made after the checkpoint. */
  async recover(_post, _target, ctx): Promise<PublishedPost | null> {
    const posting = checkpointOf(ctx)?.posting;
    if (!posting) return null;
    const site = openSite(ctx);
    const query = new URLSearchParams({
      search: posting.title,
      status: 'any',
      after: new Date(posting.at - TIME_ZONE_SLACK_MS).toISOString(),
      author: String(posting.authorId),
      context: 'edit',
      per_page: '100',
      orderby: 'date',
      order: 'desc',
      _fields: 'id,link,author,title,date_gmt,modified_gmt',
    });
    const found = z.array(z.unknown()).safeParse(wpOk(site, await wpCall(site, `/wp/v2/posts?${query.toString()}`)));
    if (!found.success) return null;
    const match = found.data
      .map((p) => editablePost.safeParse(p))
      .flatMap((p) => (p.success ? [p.data] : []))
      .find((p) => p.author === posting.authorId && p.title.raw.trim() === posting.title && (gmt(p.date_gmt) >= posting.at - CLOCK_SKEW_MS || gmt(p.modified_gmt) >= posting.at - CLOCK_SKEW_MS));
    return match ? { platformPostId: String(match.id), url: match.link } : null;
  },
};
