import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoProject } from '../src/shared/generate/projects.js';
import type { StyleProfileView } from '../src/shared/style/profile.js';
import { clipOf, type ComfyScenes, startComfyScenes, VIDEO_WORKFLOW } from '../test/style/comfy-scenes.js';
import { flatStyle, neonStyle } from '../test/style/fixtures.js';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { bridgeCall, startStudioServer, type StudioServer } from './support/server.js';

/**
 * Director clips scored against a locked style, on the Director page in
 * Chromium through `kingjam serve`: a loopback ComfyUI returns three real
 * H.264 clips — one in the picture-book style, one in neon, one cut off half
 * way — and each scene shows its clip's score (lowest frame and mean), its
 * frames, the drift badge, or why the clip has no score, in en and zh-TW.
 */
const UI_TIMEOUT = 30_000;
const WORK_TIMEOUT = 120_000;

let server: StudioServer;
let comfy: ComfyScenes;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let video: VideoProject;
let workflowDir: string;

const apiCall = <T>(name: string, body: unknown): Promise<T> => bridgeCall<T>(server, name, body);
const byTestId = (id: string) => page.getByTestId(id);

async function poll<T>(what: string, check: () => Promise<T | null | false>): Promise<T> {
  const deadline = Date.now() + WORK_TIMEOUT;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${WORK_TIMEOUT} ms:\n${server.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const styleText = (scene: Locator) => scene.getByTestId('director-scene-style-score').innerText();

describe('Director clip scores in Chromium', () => {
  beforeAll(async () => {
    comfy = await startComfyScenes();
    // The video workflow ComfyUI runs, as Settings would keep it (read by main and the workers from the environment).
    workflowDir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-clip-workflow-'));
    const workflowFile = path.join(workflowDir, 'video-workflow.json');
    await writeFile(workflowFile, JSON.stringify(VIDEO_WORKFLOW));
    [server, browser] = await Promise.all([
      startStudioServer({ GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '', KINGJAM_COMFYUI_URL: comfy.fake.url, KINGJAM_COMFYUI_VIDEO_WORKFLOW: workflowFile }),
      launchChromium(),
    ]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));

    // The style from four picture-book images, extracted and locked through the bridge (the Style-Locker page has its own e2e).
    const dir = path.join(server.home, 'clip-style');
    await mkdir(dir, { recursive: true });
    const refs = await Promise.all([1, 2, 3, 4].map((s) => flatStyle(dir, `ref-${s}.png`, s)));
    const style = await apiCall<StyleProfileView>('style.create', { name: 'Picture book', paths: refs, seedPolicy: { mode: 'fixed', seed: 7 } });
    await poll('the extraction', async () => {
      const p = await apiCall<StyleProfileView>('style.get', { id: style.id });
      if (p.status === 'failed') throw new Error(JSON.stringify(p.error));
      return p.status === 'ready';
    });
    await apiCall('style.lock', { id: style.id });

    const flat = (s: number) => flatStyle(dir, `flat-${s}.png`, s);
    const neon = (s: number) => neonStyle(dir, `neon-${s}.png`, s);
    comfy.clips.set(1, clipOf(dir, 'in.mp4', [await flat(11), await flat(12), await flat(13)]));
    comfy.clips.set(2, clipOf(dir, 'out.mp4', [await neon(21), await neon(22), await neon(23)]));
    const whole = clipOf(dir, 'cut.mp4', [await flat(31), await flat(32)]);
    // Cut off half way: the MP4's index (moov) is at its end, so nothing in it decodes.
    comfy.clips.set(3, whole.subarray(0, Math.floor(whole.length / 2)));

    const request = { topic: 'Picture book clips', language: 'en', aspect: '9:16', sceneCount: 3, targetSeconds: 10, height: 240, quality: 'draft', music: false, voice: false, backend: 'comfyui', styleId: style.id };
    const started = await apiCall<VideoProject>('generate.video', { request });
    await poll('the script', async () => (await apiCall<VideoProject>('projects.get', { id: started.id })).status === 'scripted');
    await apiCall('video.render', { id: started.id });
    video = await poll('the clip scores', async () => {
      const p = await apiCall<VideoProject>('projects.get', { id: started.id });
      return p.scenes.length === 3 && p.scenes.every((s) => s.styleScore || s.styleUnscored) ? p : null;
    });
  }, WORK_TIMEOUT * 3);

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await comfy?.close();
    if (workflowDir) await rm(workflowDir, { recursive: true, force: true });
  });

  it('shows each clip’s lowest-frame and mean score, its frames and drift badge, and why the corrupt clip has none (en, then zh-TW)', async () => {
    const [inStyle, outOfStyle] = video.scenes.map((s) => s.styleScore!);
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-director').click();
    await byTestId('page-director').waitFor();
    await byTestId('past-item').first().click();
    const scenes = byTestId('director-scene');
    await expect.poll(() => scenes.count(), { timeout: UI_TIMEOUT }).toBe(3);

    const first = scenes.nth(0).getByTestId('director-scene-style');
    expect(await first.getAttribute('data-kind')).toBe('clip');
    expect(await first.getAttribute('data-drift')).toBe('false');
    expect(await styleText(scenes.nth(0))).toBe(`Clip style score ${inStyle!.score} / 100 (lowest frame), mean of its frames ${inStyle!.meanScore}`);
    expect((await scenes.nth(0).getByTestId('director-scene-style-frames').innerText()).trim()).toBe(`Frames scored: ${inStyle!.frames!.map((f) => `${f.atSec} s: ${f.score}`).join(' · ')}`);
    expect(await first.innerText()).toContain('In style');

    const second = scenes.nth(1).getByTestId('director-scene-style');
    expect(await second.getAttribute('data-drift')).toBe('true');
    expect(await styleText(scenes.nth(1))).toBe(`Clip style score ${outOfStyle!.score} / 100 (lowest frame), mean of its frames ${outOfStyle!.meanScore}`);
    expect(await second.innerText()).toContain('Drift');
    expect(await second.innerText()).toContain('This clip drifted from the locked style');

    const third = scenes.nth(2);
    expect(await third.getByTestId('director-scene-style').count()).toBe(0);
    const file = path.basename(video.scenes[2]!.render!.path);
    expect(await third.getByTestId('director-scene-style-unscored').innerText()).toContain('Not scored against the style');
    expect(await third.getByTestId('director-scene-style-reason').innerText()).toBe(`The clip "${file}" could not be decoded, so it was not scored against the style.`);
    expect(await third.getAttribute('data-status')).toBe('ready');
    await saveScreenshot(page, 'director-clip-scores-en');

    await byTestId('language-quick').selectOption('zh-TW');
    await expect.poll(() => styleText(scenes.nth(0))).toBe(`片段風格分數 ${inStyle!.score} / 100（最低的一格），各格平均 ${inStyle!.meanScore}`);
    expect(await third.getByTestId('director-scene-style-unscored').innerText()).toContain('未對照風格評分');
    expect(await third.getByTestId('director-scene-style-reason').innerText()).toBe(`無法解碼影片片段「${file}」，因此沒有對照風格評分。`);
    await saveScreenshot(page, 'director-clip-scores-zh-TW');
    // The studio serves no favicon: Chromium's own request for it (which Playwright does not report as a page response) 404s, as in the other pages' e2e.
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
