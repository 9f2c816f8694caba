import { describe, expect, it } from 'vitest';
import { jobKinds, type JobKind } from '../src/shared/jobs/kinds.js';
import { importedName, jobTitle } from '../src/renderer/lib/jobText.js';
import { jobTitleIn, TITLED_KINDS } from '../src/shared/jobs/titles.js';
import type { Translate } from '../src/renderer/i18n/index.js';
import { en } from '../src/renderer/i18n/locales/en.js';
import { zhCN } from '../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../src/renderer/i18n/locales/zh-TW.js';

/** The catalogue's text with its parameters filled, as the renderer's translator does (that module needs a window). */
const translator =
  (catalog: Record<string, string>): Translate =>
  (key, vars) =>
    (catalog[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));

/** The job list shows a job's title in the user's language: main's English title is read back and said again. */
describe('job titles in the user’s language', () => {
  const title = (kind: JobKind, payload: unknown) => (jobKinds[kind].title as (p: unknown) => string)(payload);

  it('says the Creator Hub jobs in zh-TW, zh-CN and en, with their parameters', () => {
    const cases: { kind: JobKind; payload: unknown; zhTW: string; en: string }[] = [
      { kind: 'mesh.make', payload: { backend: 'offline', image: '/tmp/a/hero.png' }, zhTW: '由 hero.png 製作 3D 模型（offline）', en: '3D model (offline) from hero.png' },
      { kind: 'mesh.check', payload: { input: '/tmp/a/cat.stl' }, zhTW: '檢查 cat.stl', en: 'Check cat.stl' },
      { kind: 'mesh.prepare', payload: { name: '燈籠貓' }, zhTW: '準備列印 燈籠貓', en: 'Prepare 燈籠貓 for printing' },
      { kind: 'mesh.pack', payload: { name: 'Cat' }, zhTW: 'Cat 的生產包', en: 'Production pack for Cat' },
      { kind: 'style.extract', payload: { images: [1, 2, 3, 4], name: '紅衣' }, zhTW: '從 4 張圖萃取風格：紅衣', en: 'Style from 4 images: 紅衣' },
      { kind: 'style.score', payload: { images: [1] }, zhTW: '1 張圖的風格分數', en: 'Style score of 1 image(s)' },
      { kind: 'ink.clean', payload: { input: '/x/sketch.jpg' }, zhTW: '清理線稿 sketch.jpg', en: 'Clean sketch sketch.jpg' },
      { kind: 'character.concepts', payload: { keywords: ['貓', '武士'] }, zhTW: '角色概念：貓, 武士', en: 'Character concepts: 貓, 武士' },
    ];
    for (const c of cases) {
      const job = { kind: c.kind, title: title(c.kind, c.payload) };
      expect(jobTitle(job, translator(zhTW))).toBe(c.zhTW);
      expect(jobTitle(job, translator(en))).toBe(c.en);
    }
    expect(jobTitle({ kind: 'mesh.pack', title: title('mesh.pack', { name: 'Cat' }) }, translator(zhCN))).toBe('Cat 的生产包');
  });

  it('has a pattern for every job kind', () => {
    expect(Object.keys(jobKinds).filter((kind) => !TITLED_KINDS.has(kind))).toEqual([]);
  });

  it('says the generators’, photo studio’s, KOL and character jobs in zh-TW, zh-CN and en, with their words translated', () => {
    const cases: { kind: JobKind; payload: unknown; zhTW: string; zhCN: string; en: string }[] = [
      { kind: 'media.motion', payload: { effect: 'snow', image: '/a/b/family.png' }, zhTW: 'family.png 的微動態（雪景）', zhCN: 'family.png 的微动态（雪景）', en: 'Micro-motion (snow) of family.png' },
      { kind: 'media.image', payload: { op: 'watermark' }, zhTW: '圖片：浮水印', zhCN: '图片：水印', en: 'Image: watermark' },
      { kind: 'generate.blog', payload: { request: { topic: '高山茶' } }, zhTW: '部落格：高山茶', zhCN: '博客：高山茶', en: 'Blog: 高山茶' },
      { kind: 'generate.social', payload: { request: { topic: 'Tea', platform: 'threads' } }, zhTW: '社群貼文（threads）：Tea', zhCN: '社交帖子（threads）：Tea', en: 'Social post (threads): Tea' },
      { kind: 'director.scene', payload: { index: 2, backend: 'offline' }, zhTW: '影片場景 3（offline）', zhCN: '视频场景 3（offline）', en: 'Video scene 3 (offline)' },
      { kind: 'photo.fuse', payload: { people: [1, 2, 3] }, zhTW: '3 人的全家福', zhCN: '3 人的全家福', en: 'Family photo of 3 people' },
      { kind: 'photo.motion', payload: { effect: 'lanterns', image: 'c:\\x\\pick.png' }, zhTW: 'pick.png 的照片動態（燈籠）', zhCN: 'pick.png 的照片动态（灯笼）', en: 'Photo motion (lanterns) of pick.png' },
      { kind: 'character.rewrite', payload: { field: 'backstory', character: { name: '小燈' } }, zhTW: '改寫 小燈 的背景故事', zhCN: '改写 小燈 的背景故事', en: 'Rewrite the backstory of 小燈' },
      { kind: 'character.variants', payload: { name: '小燈', kind: 'pose', count: 4 }, zhTW: '小燈 的 4 個姿勢變化', zhCN: '小燈 的 4 个姿势变化', en: '4 pose variant(s) of 小燈' },
      { kind: 'character.variants', payload: { name: 'Lamp', kind: 'outfit', count: 1 }, zhTW: 'Lamp 的 1 個服裝變化', zhCN: 'Lamp 的 1 个服装变化', en: '1 outfit variant(s) of Lamp' },
    ];
    for (const c of cases) {
      const job = { kind: c.kind, title: title(c.kind, c.payload) };
      expect(jobTitle(job, translator(zhTW))).toBe(c.zhTW);
      expect(jobTitle(job, translator(zhCN))).toBe(c.zhCN);
      expect(jobTitle(job, translator(en))).toBe(c.en);
    }
  });

  it('says the same titles for `kingjam jobs` from the shared table, words included, and names an import’s file', () => {
    const motion = { kind: 'media.motion', title: title('media.motion', { effect: 'snow', image: '/a/b/family.png' }) };
    expect(jobTitleIn(motion, 'zh-TW')).toBe(jobTitle(motion, translator(zhTW)));
    expect(jobTitleIn(motion, 'zh-CN')).toBe('family.png 的微动态（雪景）');
    expect(jobTitleIn(motion, 'en')).toBe('Micro-motion (snow) of family.png');
    // A title no pattern reads (an unknown kind) is said as sent.
    expect(jobTitleIn({ kind: 'diag.other', title: 'Something else' }, 'zh-CN')).toBe('Something else');
    expect(importedName({ kind: 'media.probe', title: title('media.probe', { name: 'a b.png' }) })).toBe('a b.png');
    expect(importedName({ kind: 'media.probe', title: title('media.probe', { name: 'out.mp4', output: true }) })).toBeNull();
    expect(importedName({ kind: 'media.image', title: 'Import x.png' })).toBeNull();
  });
});
