import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aesGcmCipher, sealedFileStore } from '../src/main/secrets/store.js';
import type { Studio } from '../src/main/studio.js';
import { charCount, PLATFORMS, platformById, postText } from '../src/shared/generate/platforms.js';
import type { SocialProject } from '../src/shared/generate/projects.js';
import { sceneCharges, scenePrices, TEXT_CALLS, textCredits, videoEstimate } from '../src/shared/pricing.js';
import { OfflineProvider } from '../src/workers/generation/providers/offline/index.js';
import { variantsSchemaFor } from '../src/workers/generation/social.js';
import { TestCloud } from './helpers/cloud.js';
import { FAST_JOBS, openTestStudio, tempHome, until } from './helpers/studio.js';
import { sendJson, startFake, type FakeServer } from './providers/fake-server.js';

describe('text prices follow the model chosen', () => {
  it('prices Gemini Pro Latest (and a dated Pro version) as Pro, Flash as Flash, free providers at 0', () => {
    const pro = textCredits({ provider: 'gemini', model: 'gemini-3.1-pro-preview' });
    const flash = textCredits({ provider: 'gemini', model: 'gemini-3.6-flash' });
    expect(pro).toBeGreaterThan(flash);
    // Each Flash is priced from its own list price: 3.5 Flash's output costs more upstream than
    // 3.6 Flash's; the alias follows 3.8 Flash, priced as 3.6 Flash is.
    expect(textCredits({ provider: 'gemini', model: 'gemini-3.5-flash' })).toBeGreaterThan(flash);
    expect(textCredits({ provider: 'gemini', model: 'gemini-flash-latest' })).toBe(flash);
    expect(textCredits({ provider: 'gemini', model: 'gemini-pro-latest' })).toBe(pro);
    // A retired Pro is priced as the Pro that answers for it; a dated version by its family.
    expect(textCredits({ provider: 'gemini', model: 'gemini-2.5-pro' })).toBe(pro);
    expect(textCredits({ provider: 'gemini', model: 'gemini-3.1-pro-002' })).toBe(pro);
    expect(textCredits({ provider: 'gemini', model: 'gemini-2.5-flash' })).toBe(flash);
    expect(textCredits({ provider: 'gemini' })).toBe(flash);
    expect(textCredits({ provider: 'ollama', model: 'qwen2.5-pro' })).toBe(0);
    expect(videoEstimate({ backend: 'offline', sceneSeconds: [5], textProvider: 'cloud', textModel: 'gemini-pro-latest', renderProvider: 'cloud', withVoice: false, voiceProvider: 'offline' }).total).toBe(TEXT_CALLS.script * pro);
    // A script may take a repair round: its estimate is both calls at their ceiling.
    expect(TEXT_CALLS.script).toBe(2);
    // On the user's own key the same script costs no credits; the line stays, saying who bills it.
    expect(videoEstimate({ backend: 'offline', sceneSeconds: [5], textProvider: 'gemini', textModel: 'gemini-pro-latest', renderProvider: 'gemini', withVoice: false, voiceProvider: 'offline' })).toEqual({
      total: 0,
      lines: [{ label: 'script', credits: 0, billing: 'own-key' }],
    });
  });
});

describe('video prices are the seed’s (000 §3.3), read from the model catalogue', () => {
  it('prices a Kling 720p 5/10 s scene at 30/55, Pro 1080p at 50/90, Veo Fast and Veo 8 s scenes at 200 and 350', () => {
    // A Kling scene is its first frame and its clip, charged as two gateway calls that add up to the seed's figure.
    expect(scenePrices('kling-v2.1')).toEqual({ 5: 30, 10: 55 });
    expect(scenePrices('kling-v2.1-pro')).toEqual({ 5: 50, 10: 90 });
    expect(scenePrices('veo-3-fast')).toEqual({ 8: 200 });
    expect(scenePrices('veo-3')).toEqual({ 8: 350 });
    expect(scenePrices('offline')).toBeUndefined();
  });

  it('prices an Imagen + FFmpeg video of 5–12 scenes at the seed’s 50–120', () => {
    const total = (scenes: number) => sceneCharges('imagen-ffmpeg', Array.from({ length: scenes }, () => 5)).reduce((a, b) => a + b, 0);
    expect(total(5)).toBe(50);
    expect(total(12)).toBe(120);
  });
});

describe('hashtags count toward the platform hard limit', () => {
  const tags = (n: number, len: number) => Array.from({ length: n }, (_, i) => `${String.fromCharCode(97 + i)}${'x'.repeat(len - 1)}`);

  it('refuses a YouTube Shorts title whose caption fits but caption plus hashtags pass 100', () => {
    const schema = variantsSchemaFor('youtube-shorts');
    const caption = 'c'.repeat(40);
    const over = { caption, hashtags: ['Shorts', ...tags(2, 30)] }; // 40 + 2 + 7 + 31 + 31 + 2 spaces = 113
    const fits = { caption, hashtags: ['Shorts', ...tags(2, 10)] }; // 40 + 2 + 7 + 11 + 11 + 2 = 73
    expect(charCount(postText(over.caption, over.hashtags))).toBeGreaterThan(100);
    const refused = schema.safeParse({ variants: [over, fits, fits] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/at most 100 characters/);
    expect(schema.safeParse({ variants: [fits, fits, fits] }).success).toBe(true);
  });

  it('has the offline drafter write captions that fit with their hashtags on every platform', async () => {
    const offline = new OfflineProvider();
    for (const platform of PLATFORMS) {
      for (const topic of ['母親節蛋糕推薦與預購攻略', 'Mother’s Day cakes for every budget in Taipei']) {
        const brief = { topic, language: 'zh-TW' as const, keywords: ['蛋糕', '母親節'], form: 'caption' as const, length: platform.idealChars };
        const out = await offline.structured.generateObject({ prompt: '', schema: variantsSchemaFor(platform.id), schemaName: 'SocialVariants', brief });
        for (const v of out.value.variants) expect(charCount(postText(v.caption, v.hashtags))).toBeLessThanOrEqual(platform.maxChars);
      }
    }
  });

  it('holds every platform to its limit, Threads at 500', () => {
    expect(platformById('threads').maxChars).toBe(500);
    const schema = variantsSchemaFor('threads');
    const longTag = { caption: '字'.repeat(476), hashtags: tags(1, 30) }; // 476 + 2 + 31 = 509
    const ok = { caption: '字'.repeat(476), hashtags: tags(1, 20) }; // 476 + 2 + 21 = 499
    expect(schema.safeParse({ variants: [longTag, ok, ok] }).success).toBe(false);
    expect(schema.safeParse({ variants: [ok, ok, ok] }).success).toBe(true);
  });
});

/** Social captions on Gemini Pro Latest, on the user's own key, through the real SDK against a loopback server, beside a real cloud-sync wallet. */
describe('a social post on Gemini Pro Latest', () => {
  const cloud = new TestCloud();
  let gemini: FakeServer;
  let studio: Studio;
  const long = { caption: 'Cake for mum this Sunday? Order early, pick up fresh.', hashtags: ['Shorts', 'MothersDayCakeIdeasForEveryone', 'TaipeiBakeryLovers'] };
  const short = { caption: 'Cake for mum this Sunday? Order early.', hashtags: ['Shorts', 'MothersDay'] };

  beforeAll(async () => {
    await (await cloud.start()).withUser(0);
    let round = 0;
    gemini = await startFake((_req, res) => {
      round += 1;
      // The first answer is over the 100-character title limit once its hashtags are counted; the repair round fits.
      const variants = round === 1 ? [long, short, short] : [short, short, short];
      sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify({ variants }) }] }, finishReason: 'STOP', index: 0 }] });
    });
    const home = tempHome();
    const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
    studio = openTestStudio(home, FAST_JOBS, true, { secrets });
    await studio.providers.setKey('gemini', 'test-key-0001');
    studio.jobs.setSecretsSource(() => ({ GEMINI_API_KEY: 'test-key', KINGJAM_GEMINI_BASE_URL: gemini.url }));
    await studio.sync.login({ cloudUrl: cloud.url, email: cloud.email, password: cloud.password });
  });

  afterAll(async () => {
    await studio.close();
    await gemini.close();
    await cloud.stop();
  });

  it('costs no credits on the user\'s own key, and keeps only titles that fit with their hashtags', async () => {
    expect(charCount(postText(long.caption, long.hashtags))).toBeGreaterThan(100);
    const request = { topic: 'Mother’s Day cakes', platform: 'youtube-shorts' as const, language: 'en' as const, imageQuality: 'none' as const, text: { provider: 'gemini' as const, model: 'gemini-pro-latest' } };
    expect(await studio.generate.estimateSocial(request)).toEqual({ total: 0, lines: [{ label: 'captions', credits: 0, billing: 'own-key' }] });
    const started = await studio.generate.social(request);
    const post = await until(() => {
      const p = studio.generate.get(started.id) as SocialProject;
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'ready' ? p : null;
    }, 'the social post');
    expect(gemini.seen.filter((s) => s.path.includes('gemini-pro-latest'))).toHaveLength(2);
    for (const v of post.result!.variants) expect(v.chars).toBeLessThanOrEqual(100);
    expect(await studio.jobs.get(post.jobIds[0]!)).toMatchObject({ estimatedCredits: 0, actualCredits: null });
  });
});
