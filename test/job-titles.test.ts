import { describe, expect, it } from 'vitest';
import { jobKinds, type JobKind } from '../src/shared/jobs/kinds.js';
import { jobTitle } from '../src/renderer/lib/jobText.js';
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
});
