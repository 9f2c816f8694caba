import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORDPRESS_ALLOW_PRIVATE_ENV } from '../../src/shared/publish/platforms.js';
import type { PostMedia, PostPayload } from '../../src/shared/publish/post.js';
import { publisherFor } from '../../src/workers/publish/registry.js';
import type { PublishTarget } from '../../src/workers/publish/types.js';
import { wordpressPublisher } from '../../src/workers/publish/wordpress/index.js';
import { makePng } from '../helpers/media.js';
import { testPublishContext, failureOf } from './context.js';
import { startWordPressFake, wordpressToken, type WordPressFake } from './fakes/wordpress.js';

const target: PublishTarget = { platform: 'wordpress', accountId: 'site#7', targetId: null };

let dir: string;
let cover: PostMedia;
let wp: WordPressFake;

function post(over: Partial<PostPayload> = {}): PostPayload {
  return {
    title: '台北咖啡地圖 2026',
    text: '# Best cafés\n\nA **short** list:\n\n- Fika Fika\n- Simple Kaffa\n\n<script>alert(1)</script>',
    media: [],
    options: { wordpress: { status: 'publish', categories: ['Coffee', 'Taipei'], tags: ['pour-over', 'café'], format: 'markdown' } },
    ...over,
  };
}

const ctxFor = (over: { password?: string; postId?: string; checkpoint?: unknown } = {}) =>
  testPublishContext({ baseUrl: 'unused-for-wordpress', token: wordpressToken(wp.url, wp.username, over.password ?? wp.appPassword), ...(over.postId ? { postId: over.postId } : {}), ...(over.checkpoint ? { checkpoint: over.checkpoint } : {}) });


beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-test-'));
  const file = await makePng(path.join(dir, '封面 cover.png'), 640, 360);
  cover = { path: file, kind: 'image', mime: 'image/png', bytes: fs.statSync(file).size, width: 640, height: 360, durationSeconds: null, altText: 'Latte art' };
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  // The fake is on loopback: only this switch lets the publisher reach it.
  vi.stubEnv(WORDPRESS_ALLOW_PRIVATE_ENV, '1');
  wp = await startWordPressFake();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await wp.close();
});

describe('WordPress publisher', () => {
  it('is the registry entry for wordpress', async () => {
    expect(await publisherFor('wordpress')).toBe(wordpressPublisher);
  });

  it('targets() is the user the application password belongs to', async () => {
    expect(await wordpressPublisher.targets(ctxFor())).toEqual([{ targetId: null, displayName: `Mei Editor · ${new URL(wp.url).host}` }]);
  });

  it('publishes a post with a featured image, categories and tags, the body converted from Markdown', async () => {
    const published = await wordpressPublisher.publish(post({ media: [cover] }), target, ctxFor());

    expect(wp.media).toHaveLength(1);
    expect(wp.media[0]).toMatchObject({ filename: 'cover.png', mime: 'image/png', bytes: cover.bytes, alt_text: 'Latte art' });
    expect(wp.posts).toHaveLength(1);
    const made = wp.posts[0]!;
    expect(published).toEqual({ platformPostId: String(made.id), url: made.link });
    expect(made).toMatchObject({ status: 'publish', author: wp.userId, featured_media: wp.media[0]!.id, title: { raw: '台北咖啡地圖 2026' } });
    expect(made.content.raw).toContain('<h1>Best cafés</h1>');
    expect(made.content.raw).toContain('<strong>short</strong>');
    expect(made.content.raw).toContain('<li>Fika Fika</li>');
    // Raw HTML in the Markdown is shown as text, never run.
    expect(made.content.raw).not.toContain('<script>');
    const nameOf = (id: number) => wp.terms.find((t) => t.id === id)!.name;
    expect(made.categories.map(nameOf)).toEqual(['Coffee', 'Taipei']);
    expect(made.tags.map(nameOf)).toEqual(['pour-over', 'café']);
  });

  it('finds existing categories and tags by name instead of creating them again', async () => {
    wp.terms.push({ id: 50, name: 'Food & Drink', slug: 'food-drink', taxonomy: 'category', count: 3 }, { id: 51, name: 'Coffee beans', slug: 'coffee-beans', taxonomy: 'category', count: 1 });
    const options = { wordpress: { status: 'publish' as const, categories: ['Food & Drink', 'coffee'], tags: ['pour-over'], format: 'markdown' as const } };
    await wordpressPublisher.publish(post({ options }), target, ctxFor());
    await wordpressPublisher.publish(post({ title: 'Second', options }), target, ctxFor());

    // "coffee" matched "Coffee beans" in the search but is not that name: created once, then reused.
    expect(wp.terms.filter((t) => t.name === 'coffee')).toHaveLength(1);
    expect(wp.terms.filter((t) => t.name === 'pour-over')).toHaveLength(1);
    expect(wp.log.filter((l) => l.startsWith('POST /wp-json/wp/v2/categories'))).toHaveLength(1);
    expect(wp.log.filter((l) => l.startsWith('POST /wp-json/wp/v2/tags'))).toHaveLength(1);
    const [first, second] = wp.posts;
    expect(first!.categories[0]).toBe(50);
    expect(second!.categories).toEqual(first!.categories);
    expect(second!.tags).toEqual(first!.tags);
  });

  it('sends HTML as it is when the format is html', async () => {
    await wordpressPublisher.publish(post({ text: '<p>Hand <em>written</em></p>', options: { wordpress: { status: 'draft', categories: [], tags: [], format: 'html' } } }), target, ctxFor());
    expect(wp.posts[0]).toMatchObject({ status: 'draft', content: { raw: '<p>Hand <em>written</em></p>' } });
  });
});

describe('WordPress publisher: errors', () => {
  it('a wrong application password is disconnected, names the code, and the password never shows', async () => {
    const f = await failureOf(wordpressPublisher.publish(post(), target, ctxFor({ password: 'wrong-app-password-xyz' })));
    expect(f.failure).toBe('disconnected');
    expect(f.toInfo()).toMatchObject({ key: 'publish.rest.wordpress.authFailed', params: { code: 'incorrect_password' } });
    expect(JSON.stringify({ ...f.toInfo(), stack: f.stack })).not.toContain('wrong-app-password-xyz');
    expect(wp.posts).toHaveLength(0);
  });

  it('a refused parameter is bad-post and says which', async () => {
    const bad = post({ options: { wordpress: { status: 'publish', categories: [], tags: [], format: 'markdown' } } });
    (bad.options.wordpress as { status: string }).status = 'published';
    const f = await failureOf(wordpressPublisher.publish(bad, target, ctxFor()));
    expect(f.failure).toBe('bad-post');
    expect(f.toInfo()).toMatchObject({ key: 'publish.rest.wordpress.invalidParam' });
    expect(String(f.toInfo().params?.detail)).toContain('status is not one of');
  });

  it('an image larger than the site takes (413) is bad-post naming the file', async () => {
    wp.maxUploadBytes = 100;
    const f = await failureOf(wordpressPublisher.publish(post({ media: [cover] }), target, ctxFor()));
    expect(f.failure).toBe('bad-post');
    expect(f.toInfo()).toMatchObject({ key: 'publish.rest.wordpress.fileTooLarge', params: { name: '封面 cover.png' } });
    expect(wp.posts).toHaveLength(0);
  });

  it('a token that is not the vault JSON, or a site address with credentials in it, is disconnected without echoing them', async () => {
    const ctx = testPublishContext({ baseUrl: 'x', token: 'not json' });
    expect((await failureOf(wordpressPublisher.targets(ctx))).failure).toBe('disconnected');
    const withCredentials = wp.url.replace('http://', 'http://admin:hunter2@');
    const f = await failureOf(wordpressPublisher.targets(testPublishContext({ baseUrl: 'x', token: wordpressToken(withCredentials, wp.username, wp.appPassword) })));
    expect(f.failure).toBe('disconnected');
    expect(f.key).toBe('publish.rest.wordpress.badConnection');
    expect(JSON.stringify({ ...f.toInfo(), stack: f.stack })).not.toMatch(/hunter2|EFGH/);
    expect(wp.log).toEqual([]);
  });
});

describe('WordPress publisher: never twice', () => {
  it('after a crash between the site creating the post and the answer, recover finds that post; the site holds one post', async () => {
    wp.dropNextPostAnswer = true;
    const first = ctxFor({ postId: 'outbox-1' });
    const crashed = await failureOf(wordpressPublisher.publish(post({ media: [cover] }), target, first));
    expect(crashed.failure).toBe('retry');
    expect(wp.posts).toHaveLength(1);

    // The restarted attempt starts from what was saved before the create.
    const checkpoint = first.saved.at(-1);
    expect(checkpoint).toMatchObject({ posting: { title: '台北咖啡地圖 2026', authorId: wp.userId } });
    const found = await wordpressPublisher.recover(post({ media: [cover] }), target, ctxFor({ postId: 'outbox-1', checkpoint }));
    expect(found).toEqual({ platformPostId: String(wp.posts[0]!.id), url: wp.posts[0]!.link });
    expect(wp.posts).toHaveLength(1);
    expect(wp.media).toHaveLength(1);
  });

  it('recover answers null when the post was never created, and an older post with the same title is not taken for it', async () => {
    await wordpressPublisher.publish(post(), target, ctxFor());
    const old = wp.posts[0]!;
    // Make the existing post 10 hours old: the site's `after` (local time, UTC+8) still lists it,
    // so only its GMT date tells it is older than the checkpoint.
    const earlier = Date.now() - 10 * 3600_000;
    old.date_gmt = old.modified_gmt = new Date(earlier).toISOString().slice(0, 19);
    old.date = new Date(earlier + 8 * 3600_000).toISOString().slice(0, 19);
    const checkpoint = { mediaId: null, posting: { at: Date.now(), title: '台北咖啡地圖 2026', authorId: wp.userId } };
    expect(await wordpressPublisher.recover(post(), target, ctxFor({ checkpoint }))).toBeNull();
    expect(await wordpressPublisher.recover(post(), target, ctxFor())).toBeNull();
  });

  it('a retry after the upload reuses the uploaded image', async () => {
    const ctx = ctxFor({ postId: 'outbox-2' });
    wp.dropNextPostAnswer = true;
    await failureOf(wordpressPublisher.publish(post({ media: [cover] }), target, ctx));
    wp.posts.length = 0; // as if the create had never happened
    await wordpressPublisher.publish(post({ media: [cover] }), target, ctxFor({ postId: 'outbox-2', checkpoint: ctx.saved.at(-1) }));
    expect(wp.media).toHaveLength(1);
    expect(wp.posts[0]!.featured_media).toBe(wp.media[0]!.id);
  });
});
