import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';
import { portrait } from '../test/photo/fixtures/portraits.js';
import { startReplicateFake, type ReplicateFake } from '../test/providers/replicate-fake.js';
import { dataPaths } from '../src/main/paths.js';
import { openStore } from '../src/main/store/db.js';
import { PHOTO_MODELS } from '../src/shared/photo/estimate.js';
import type { PhotoVariantsResult } from '../src/shared/photo/jobs.js';

/**
 * The Photo page's online motion in Chromium through `kingjam serve` (issue 15):
 * a user signed in to a real cloud-sync, whose gateway forwards Replicate calls
 * to a loopback fake in Replicate's wire format, opens a finished paid
 * 4-choose-1 run on its chosen picture, picks Seedance on KingJam Cloud, sees
 * the estimate, runs it, and gets the clip (it decodes: ffprobe counts its
 * frames) and the Live Photo pair; the cloud charged exactly the estimate.
 * The page runs in zh-TW; the result's words are checked in zh-CN and en too.
 */

const UI_TIMEOUT = 30_000;
/** The gateway's call, the clip's download, its face check and the Live Photo on a shared 2-core machine. */
const WORK_TIMEOUT = 240_000;
const EMAIL = 'photo-motion-cloud-e2e@example.com';
const PASSWORD = 'correct horse battery staple 15';
const SEEDANCE = PHOTO_MODELS.seedance.id;

let cloud: CloudServer;
let replicate: ReplicateFake;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let token: string;
let runId: string;

const byTestId = (id: string) => page.getByTestId(id);

async function cloudGet<T>(route: string): Promise<T> {
  const res = await fetch(`${cloud.url}${route}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const balance = () => cloudGet<{ total: number; available: number; held: number }>('/v1/ledger/balance');

/** A finished paid fuse run whose chosen picture (seed 1003) is the portrait, written as the chooser leaves it. */
function seedFinishedRun(home: string, still: string): string {
  const id = randomUUID();
  const outDir = path.join(dataPaths(home).outputs, 'photo', id);
  fs.mkdirSync(outDir, { recursive: true });
  const picture = path.join(outDir, 'variant-1003.png');
  fs.copyFileSync(still, picture);
  const result: PhotoVariantsResult = {
    variants: [{ seed: 1003, path: picture, width: 640, height: 800, bytes: fs.statSync(picture).size, facesFound: 1, replacement: false, draft: false, provider: 'replicate', model: 'bytedance/seedream-4' }],
    failures: [],
    masks: {},
  };
  const store = openStore(dataPaths(home).database);
  try {
    const now = Date.now();
    store.sqlite
      .prepare(
        `INSERT INTO photo_runs (id, kind, tier, backend, via, request_json, result_json, chosen_seed, status, progress, out_dir, created_at, finished_at)
         VALUES (?, 'fuse', 'paid', 'seedream', 'cloud', '{"tier":"paid"}', ?, 1003, 'succeeded', 1, ?, ?, ?)`,
      )
      .run(id, JSON.stringify(result), outDir, now, now);
  } finally {
    store.close();
  }
  return id;
}

describe('the Photo page’s online motion on KingJam Cloud, in Chromium', () => {
  beforeAll(async () => {
    const still = await portrait(2);
    // What Seedance answers: a 5 s clip of the same still (its one face in every frame), served by the fake.
    replicate = await startReplicateFake();
    const answer = path.join(os.tmpdir(), `kingjam-e2e-seedance-${randomBytes(4).toString('hex')}.mp4`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-i', still, '-t', '5', '-r', '24', '-vf', 'scale=480:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', answer]);
    const clip = await readFile(answer);
    replicate.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
    replicate.outputFor = (p) => {
      replicate.files.set(`/files/${p.id}.mp4`, { type: 'video/mp4', body: clip });
      return `${replicate.server.url}/files/${p.id}.mp4`;
    };
    // The cloud's gateway holds the platform's Replicate key; the studio has none of its own.
    cloud = await startCloudServer({ REPLICATE_API_TOKEN: replicate.token, KINGJAM_REPLICATE_BASE_URL: replicate.baseUrl, GEMINI_API_KEY: '' });
    token = await cloud.register(EMAIL, PASSWORD); // 200 PROMO credits
    [server, browser] = await Promise.all([
      startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '' }),
      launchChromium(),
    ]);
    runId = seedFinishedRun(server.home, still);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
    await replicate?.close();
  });

  it('picks Seedance on KingJam Cloud for the chosen picture, shows the estimate, runs it, and is charged exactly that for a clip that decodes and a Live Photo pair', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('zh-TW');
    await byTestId('nav-account').click();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();

    // The finished run, opened from the tool's earlier runs on its chosen picture.
    await byTestId('nav-photo').click();
    await byTestId('photo-tab-fuse').click();
    const earlier = byTestId('photo-earlier-fuse');
    await earlier.waitFor();
    await earlier.locator(`[data-testid="photo-earlier-run"][data-run-id="${runId}"]`).click();
    const chosen = byTestId('photo-chosen');
    await chosen.waitFor();
    expect(await chosen.getAttribute('data-seed')).toBe('1003');

    // Seedance on KingJam Cloud: usable when signed in, priced in credits before anything runs.
    const motionBackend = byTestId('photo-motion-backend');
    await expect.poll(() => motionBackend.locator('option[value="seedance:cloud"]').isDisabled(), { timeout: UI_TIMEOUT }).toBe(false);
    await motionBackend.selectOption('seedance:cloud');
    await expect.poll(() => byTestId('photo-motion-note').innerText()).toContain('最小幅度');
    const total = byTestId('photo-motion-estimate-total');
    await expect.poll(async () => /\d/.test(await total.innerText().catch(() => '')), { timeout: UI_TIMEOUT }).toBe(true);
    const estimateText = await total.innerText();
    expect(estimateText).toMatch(/點/);
    const estimate = Number(/(\d+)/.exec(estimateText)![1]);
    expect(estimate).toBeGreaterThan(0);
    await saveScreenshot(page, 'photo-motion-cloud-estimate');

    // Measured on the total: the offline allowance this sign-in holds moves credits between available and held only.
    const before = await balance();

    await byTestId('photo-motion-effect-snow').click();
    await byTestId('photo-motion-run').click();
    const result = page.locator('[data-testid="photo-motion-result"][data-backend="seedance"]');
    await result.waitFor({ timeout: WORK_TIMEOUT });
    const faces = byTestId('photo-motion-faces');
    expect(await faces.getAttribute('data-ok')).toBe('true');
    expect(await faces.innerText()).toContain('臉部比對通過：照片中的 1 張臉');
    await saveScreenshot(page, 'photo-motion-cloud-result');

    // The gateway asked Seedance once; the cloud charged exactly the estimate the page showed, and recorded it so.
    expect(replicate.creates().map((c) => c.path)).toEqual([`/v1/models/${SEEDANCE}/predictions`]);
    const after = await balance();
    expect(before.total - after.total).toBe(estimate);
    const calls = (await cloudGet<{ calls: { model: string; credits: number; held: number; status: string }[] }>('/v1/gen/calls?limit=100')).calls.filter((c) => c.model === SEEDANCE);
    expect(calls).toMatchObject([{ credits: estimate, held: estimate, status: 'succeeded' }]);

    // The clip decodes: a video stream of about 5 s with its frames; the Live Photo pair is a JPEG and a QuickTime movie.
    const [clipDownload] = await Promise.all([page.waitForEvent('download'), byTestId('photo-motion-download-clip').click()]);
    const clipPath = (await clipDownload.path())!;
    const probe = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=codec_type,nb_read_frames:format=duration', '-of', 'json', clipPath], { encoding: 'utf8' }),
    ) as { streams: { codec_type: string; nb_read_frames: string }[]; format: { duration: string } };
    expect(probe.streams[0]!.codec_type).toBe('video');
    expect(Number(probe.format.duration)).toBeGreaterThan(4.5);
    expect(Number(probe.format.duration)).toBeLessThan(5.5);
    expect(Number(probe.streams[0]!.nb_read_frames)).toBeGreaterThanOrEqual(100);
    const [jpeg] = await Promise.all([page.waitForEvent('download'), byTestId('photo-motion-download-jpeg').click()]);
    const [mov] = await Promise.all([page.waitForEvent('download'), byTestId('photo-motion-download-mov').click()]);
    const jpegBytes = await readFile((await jpeg.path())!);
    const movBytes = await readFile((await mov.path())!);
    expect([...jpegBytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(movBytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(movBytes.subarray(8, 12).toString('latin1')).toBe('qt  ');

    // The same result in zh-CN and en: every word of it in that language.
    await byTestId('language-quick').selectOption('zh-CN');
    await expect.poll(() => faces.innerText()).toContain('脸部比对通过：照片中的 1 张脸');
    expect(await byTestId('photo-motion-download-clip').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await byTestId('language-quick').selectOption('en');
    await expect.poll(() => faces.innerText()).toContain('Face check passed: the photo’s 1 face(s) are in every checked frame of the clip.');
    expect(await byTestId('photo-motion-note').innerText()).toContain('minimal motion');
    expect(await total.innerText()).toContain(String(estimate));
    await saveScreenshot(page, 'photo-motion-cloud-en');

    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
