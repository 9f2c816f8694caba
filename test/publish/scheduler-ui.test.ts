import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/shared/settings.js';
import type { OutboxPostView } from '../../src/shared/publish/post.js';
import { validatePost } from '../../src/shared/publish/validate.js';
import type { Translate } from '../../src/renderer/i18n/index.js';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';
import { emptyDraft, limitsFor, requestOf, type ComposerDraft } from '../../src/renderer/pages/composer/composerModel.js';
import { problemText } from '../../src/renderer/pages/scheduler/postText.js';
import { mediaFromFile } from '../../src/renderer/stores/composerStore.js';
import { isStale, useSchedulerStore } from '../../src/renderer/stores/schedulerStore.js';

const CATALOGS = { en, 'zh-TW': zhTW, 'zh-CN': zhCN } as const;
const tFor = (language: Language): Translate => (key, vars) => (CATALOGS[language][key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));

describe("the Composer's live limits", () => {
  it("say a broken rule in the user's language with the platform's name, not its id", () => {
    const [problem] = validatePost('threads', { text: 'x'.repeat(501), media: [], options: {} });
    expect(problemText(problem!.message, tFor('en'), 'en')).toBe('The text is 501 characters; Threads takes at most 500.');
    expect(problemText(problem!.message, tFor('zh-TW'), 'zh-TW')).toBe('內文有 501 個字；Threads 最多 500 個字。');
    expect(problemText(problem!.message, tFor('zh-CN'), 'zh-CN')).toBe('正文有 501 个字；Threads 最多 500 个字。');
  });

  it('count what each platform counts (TikTok UTF-16 units, hashtags included) and a platform’s own text apart', () => {
    const draft: ComposerDraft = { ...emptyDraft(), text: 'Tea 😀 #tea #oolong', overrides: { threads: { text: 'Short #one #two' } } };
    expect(limitsFor(draft, 'instagram').chars).toEqual({ count: 18, limit: 2200 });
    expect(limitsFor(draft, 'tiktok').chars).toEqual({ count: 19, limit: 2200 });
    expect(limitsFor(draft, 'instagram').hashtags).toEqual({ count: 2, limit: 30 });
    // Threads reads its own text: two hashtags where it takes one.
    expect(limitsFor(draft, 'threads').hashtags).toEqual({ count: 2, limit: 1 });
    expect(limitsFor(draft, 'threads').problems.map((p) => p.message.key)).toEqual(['publish.tooManyHashtags']);
    expect(limitsFor(draft, 'facebook').problems).toEqual([]);
  });

  it("check a generator's image by its format before main knows its size: a PNG is refused for Instagram, taken by Facebook", () => {
    const draft: ComposerDraft = { ...emptyDraft(), text: 'Hello', media: [mediaFromFile('/home/u/.kingjam/library/outputs/social/p1/instagram-4x5.png')] };
    expect(limitsFor(draft, 'instagram').problems.map((p) => p.message.key)).toEqual(['publish.formatNotAccepted']);
    expect(limitsFor(draft, 'facebook').problems).toEqual([]);
  });

  it('send the shared content, and a whole content only for a platform that changed its text or title', () => {
    const draft: ComposerDraft = { ...emptyDraft(), text: 'Everyone', overrides: { youtube: { title: 'My video' }, threads: {} } };
    const request = requestOf(draft, ['facebook', 'threads', 'youtube']);
    expect(request.content).toEqual({ text: 'Everyone', media: [], options: {} });
    expect(Object.keys(request.perPlatform)).toEqual(['youtube']);
    expect(request.perPlatform.youtube).toEqual({ text: 'Everyone', title: 'My video', media: [], options: {} });
  });
});

function post(patch: Partial<OutboxPostView>): OutboxPostView {
  return {
    id: 'p1',
    accountId: 'a1',
    platform: 'facebook',
    state: 'scheduled',
    payload: { text: 'Hi', media: [], options: {} },
    scheduledAt: Date.now() + 60_000,
    missedPolicy: 'publish',
    missed: false,
    platformPostId: null,
    url: null,
    publishedAt: null,
    failure: null,
    attempts: [],
    jobId: null,
    groupId: null,
    createdAt: 1,
    updatedAt: 100,
    ...patch,
  };
}

describe('the calendar keeps the newest copy of a post', () => {
  it('an action’s answer that arrives after the events that followed it does not put the post back', () => {
    const published = post({ state: 'published', updatedAt: 120, url: 'https://www.facebook.com/1/posts/2' });
    expect(isStale(post({ state: 'scheduled', updatedAt: 110 }), published)).toBe(true);
    expect(isStale(post({ state: 'publishing', updatedAt: 120 }), published)).toBe(true);
    expect(isStale(post({ state: 'scheduled', updatedAt: 130 }), published)).toBe(false);
    expect(isStale(post({}), undefined)).toBe(false);

    useSchedulerStore.setState({ view: 'list', anchor: Date.now(), posts: [], drafts: [], filters: { clientId: null, accountId: null, platform: null, state: null } });
    const store = useSchedulerStore.getState();
    store.received(post({ state: 'publishing', updatedAt: 115 }));
    store.received(published);
    store.received(post({ state: 'scheduled', updatedAt: 110 }));
    expect(useSchedulerStore.getState().posts.map((p) => [p.state, p.url])).toEqual([['published', 'https://www.facebook.com/1/posts/2']]);
  });

  it('a post that no longer matches the filters leaves the calendar', () => {
    useSchedulerStore.setState({ view: 'list', anchor: Date.now(), posts: [post({})], drafts: [], filters: { clientId: null, accountId: null, platform: null, state: 'scheduled' } });
    useSchedulerStore.getState().received(post({ state: 'failed', updatedAt: 200 }));
    expect(useSchedulerStore.getState().posts).toEqual([]);
  });
});
