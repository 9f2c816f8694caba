import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startCloudServer, type CloudServer } from './support/cloud.js';
import { startStudioServer, type StudioServer } from './support/server.js';
import { portrait, smallFace, twoFaces } from '../test/photo/fixtures/portraits.js';
import { startReplicateFake, type ReplicateFake } from '../test/providers/replicate-fake.js';
import { seedAccounts } from '../test/publish/bulk-fixtures.js';
import { dataPaths } from '../src/main/paths.js';
import { openStore } from '../src/main/store/db.js';
import type { PostMedia } from '../src/shared/publish/post.js';

/**
 * The photo studio (照相館) in Chromium through `kingjam serve`, from a fresh
 * data folder: it opens in zh-TW, zh-CN and en with every text translated;
 * then, signed in (the paid tier runs offline on the device's credit
 * allowance), three portraits pass their checks (a photo whose face is too
 * small says what is wrong and how to retake it), a preset is picked, the offline backend makes four drafts,
 * one is chosen with the keyboard, snow is added, and the Live Photo pair downloads.
 * The chosen photo's share puts the same picture on the clipboard (Chromium
 * on Linux has no share sheet), and "use in a post" opens the composer with
 * it attached; the draft saved from there carries it.
 */

const UI_TIMEOUT = 30_000;
/** Four offline composites of three people, then a 5 s clip, on a shared 2-core machine. */
const WORK_TIMEOUT = 240_000;
const LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;
const EMAIL = 'photo-e2e@example.com';
const PASSWORD = 'correct horse battery staple 9';

let cloud: CloudServer;
let replicate: ReplicateFake;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let portraits: string[];
let tooSmall: string;

function byTestId(id: string) {
  return page.getByTestId(id);
}

/** Every key-looking token a page shows as itself (a text missing from the catalogue). */
function untranslated(text: string): string[] {
  return text.match(/\b(?:msg\.)?photo\.[a-zA-Z][\w.-]*/g) ?? [];
}

describe('the photo studio in Chromium', () => {
  beforeAll(async () => {
    // Real photographs from the photo tests' fixture builder (test/photo/fixtures/: one person each, cut from face-api's demo photos).
    [portraits, tooSmall, cloud] = await Promise.all([Promise.all([0, 1, 2].map((i) => portrait(i))), smallFace(), startCloudServer()]);
    await cloud.register(EMAIL, PASSWORD);
    // A Replicate key (a loopback fake in Replicate's wire format) whose video model answers with a clip in which the
    // people changed: two faces where the chosen photo has three, so the motion's face check fails.
    replicate = await startReplicateFake();
    const changed = path.join(os.tmpdir(), `kingjam-e2e-changed-${randomBytes(4).toString('hex')}.mp4`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-i', await twoFaces(), '-t', '5', '-r', '24', '-vf', 'scale=480:-2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', changed]);
    const clip = await readFile(changed);
    replicate.outcomes = [{ status: 'succeeded', afterPolls: 0 }];
    replicate.outputFor = (p) => {
      replicate.files.set(`/files/${p.id}.mp4`, { type: 'video/mp4', body: clip });
      return `${replicate.server.url}/files/${p.id}.mp4`;
    };
    // No Gemini key: its online backends are disabled and say what makes them usable; offline runs on this machine.
    [server, browser] = await Promise.all([
      startStudioServer({ KINGJAM_CLOUD_URL: cloud.url, KINGJAM_SECRET_KEY: randomBytes(32).toString('hex'), GEMINI_API_KEY: '', REPLICATE_API_TOKEN: replicate.token, KINGJAM_REPLICATE_BASE_URL: replicate.baseUrl }),
      launchChromium(),
    ]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
    await cloud?.stop();
    await replicate?.close();
  });

  it('opens with Ctrl+Shift+H in zh-TW, zh-CN and en, each tool with every text translated', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    const names = new Set<string>();
    for (const language of LANGUAGES) {
      await byTestId('language-quick').selectOption(language);
      await page.locator('body').focus();
      await page.keyboard.press('Control+Shift+H');
      await byTestId('page-photo').waitFor();
      for (const tool of ['fuse', 'makeover', 'repair'] as const) {
        await byTestId(`photo-tab-${tool}`).click();
        await byTestId(`photo-${tool}`).waitFor();
        // Once the provider choices are in, the online backends say what makes them usable.
        await expect.poll(() => byTestId(`photo-${tool}-backend-kind`).innerText()).not.toBe('');
        expect(untranslated(await byTestId('page-photo').innerText()), `${tool} in ${language}`).toEqual([]);
      }
      names.add((await byTestId('nav-photo').innerText()).trim());
      await saveScreenshot(page, `photo-${language}`);
    }
    // 照相館, 照相馆, Photo studio.
    expect(names.size).toBe(3);
    // A small window: every tool fits its width (choices wrap, nothing scrolls sideways).
    await page.setViewportSize({ width: 640, height: 800 });
    for (const tool of ['fuse', 'makeover', 'repair'] as const) {
      await byTestId(`photo-tab-${tool}`).click();
      expect(await byTestId(`photo-${tool}`).evaluate((el) => el.scrollWidth <= el.clientWidth), tool).toBe(true);
    }
    await saveScreenshot(page, 'photo-small');
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('makes four from three portraits on a preset, chooses one by keyboard, adds snow, downloads the Live Photo pair, and finds the run again after a reload', async () => {
    await byTestId('language-quick').selectOption('en');
    await byTestId('nav-account').click();
    await byTestId('login-email').fill(EMAIL);
    await byTestId('login-password').fill(PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('account-signed-in').waitFor();

    await byTestId('nav-photo').click();
    await byTestId('photo-tab-fuse').click();
    const upload = 'photo-fuse-upload';

    // A photo whose face is too small says so and how to retake it (come closer), before anything is spent; it is removed again.
    await byTestId(`${upload}-input`).setInputFiles(tooSmall);
    const bad = byTestId(`${upload}-item`).first();
    await expect.poll(() => bad.getAttribute('data-usable'), { timeout: WORK_TIMEOUT }).toBe('false');
    expect(await bad.locator('[data-problem]').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem')))).toContain('face-too-small');
    const issues = await bad.locator('[data-problem]').allInnerTexts();
    expect(issues.join(' ')).toMatch(/closer/i);
    for (const text of issues) expect(untranslated(text)).toEqual([]);
    expect(await byTestId('photo-fuse-run').isDisabled()).toBe(true);
    await bad.getByTestId(`${upload}-remove`).click();
    await expect.poll(() => byTestId(`${upload}-item`).count()).toBe(0);

    // Three portraits, one person each: all pass, each with its 24-hour countdown.
    await byTestId(`${upload}-input`).setInputFiles(portraits);
    await expect.poll(() => page.locator(`[data-testid="${upload}-item"][data-usable="true"]`).count(), { timeout: WORK_TIMEOUT }).toBe(3);
    expect(await byTestId(`${upload}-count`).innerText()).toContain('3 of 5');
    for (const text of await page.getByTestId('photo-upload-countdown').allInnerTexts()) expect(text).toMatch(/deleted in (23h|24h)/);

    await byTestId('photo-fuse-background-snow').click();
    // Each background shows its drawn preview, not only a colour swatch.
    const thumb = byTestId('photo-fuse-background-snow-thumb');
    await thumb.waitFor();
    expect(await thumb.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(320);
    await expect.poll(() => byTestId('photo-fuse-blockers').innerText()).not.toContain('background');
    await byTestId('photo-fuse-consent').check();
    expect(await byTestId('photo-fuse-backend').inputValue()).toBe('offline');
    // The online choices are disabled with the one thing that makes each usable.
    expect(await byTestId('photo-fuse-backend').locator('option[value="gemini:own-key"]').isDisabled()).toBe(true);
    await byTestId('photo-fuse-tier-paid').click();
    await byTestId('photo-fuse-estimate-total').waitFor();
    await byTestId('photo-fuse-run').click();

    const variants = byTestId('photo-variants');
    await variants.waitFor({ timeout: WORK_TIMEOUT });
    expect(await variants.getByRole('radio').count()).toBe(4);
    const seeds = await variants.getByRole('radio').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seed'))));
    expect(seeds).toEqual([1001, 1002, 1003, 1004]);
    for (const label of await variants.getByRole('radio').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) expect(label).toMatch(/^Variant \d \(seed 100\d\)/);
    // The estimate's lines, the badges and the labels are all in words, not keys.
    expect(untranslated(await byTestId('page-photo').innerText())).toEqual([]);
    await saveScreenshot(page, 'photo-four');

    // The keyboard: one tab stop, arrows move, Enter chooses.
    await byTestId('photo-variants-0').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-seed'))).toBe('1004');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    const chosen = byTestId('photo-chosen');
    await chosen.waitFor();
    expect(await chosen.getAttribute('data-seed')).toBe('1003');
    const [still] = await Promise.all([page.waitForEvent('download'), byTestId('photo-chosen-download').click()]);
    expect(still.suggestedFilename()).toMatch(/\.png$/i);

    // The motion's backends, in the same three kinds as every model picker: the video models on KingJam Cloud and on
    // the user's own key, and the local motion, which is what runs here; a model without its key says what makes it usable.
    const motionBackend = byTestId('photo-motion-backend');
    await expect.poll(() => byTestId('photo-motion-backend-kind').innerText()).not.toBe('');
    expect(await motionBackend.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['cloud', 'own-key', 'local']);
    expect(await motionBackend.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).toEqual([
      'kling:cloud', 'veo:cloud', 'seedance:cloud', 'kling:own-key', 'veo:own-key', 'seedance:own-key', 'local',
    ]);
    expect(await motionBackend.inputValue()).toBe('local');
    const veoOwnKey = motionBackend.locator('option[value="veo:own-key"]');
    expect(await veoOwnKey.isDisabled()).toBe(true);
    expect(await veoOwnKey.textContent()).toBe('Veo video model (Google) — your Gemini key (add a key)');
    expect(await motionBackend.locator('option[value="seedance:own-key"]').isDisabled()).toBe(false);
    expect(await motionBackend.locator('option[value="local"]').isDisabled()).toBe(false);
    await byTestId('photo-motion-estimate').waitFor();
    await byTestId('photo-motion-effect-snow').click();
    await byTestId('photo-motion-run').click();
    await byTestId('photo-motion-result').waitFor({ timeout: WORK_TIMEOUT });
    expect(untranslated(await byTestId('page-photo').innerText())).toEqual([]);
    await saveScreenshot(page, 'photo-motion');

    const [jpeg] = await Promise.all([page.waitForEvent('download'), byTestId('photo-motion-download-jpeg').click()]);
    const [mov] = await Promise.all([page.waitForEvent('download'), byTestId('photo-motion-download-mov').click()]);
    const jpegBytes = await readFile((await jpeg.path())!);
    const movBytes = await readFile((await mov.path())!);
    // A JPEG starts FF D8 FF; a QuickTime file's first box is ftyp with brand "qt  ".
    expect([...jpegBytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(movBytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(movBytes.subarray(8, 12).toString('latin1')).toBe('qt  ');
    expect(jpeg.suggestedFilename()).toMatch(/\.jpe?g$/i);
    expect(mov.suggestedFilename()).toMatch(/\.mov$/i);

    // Seedance on the user's Replicate key: a clip whose faces changed is shown with the failed check, and the local
    // motion is one click away.
    await motionBackend.selectOption('seedance:own-key');
    await expect.poll(() => byTestId('photo-motion-note').innerText()).toContain('minimal motion');
    await byTestId('photo-motion-run').click();
    await page.locator('[data-testid="photo-motion-result"][data-backend="seedance"]').waitFor({ timeout: WORK_TIMEOUT });
    expect(replicate.creates().map((c) => c.path)).toEqual(['/v1/models/bytedance/seedance-1-lite/predictions']);
    const faces = byTestId('photo-motion-faces');
    expect(await faces.getAttribute('data-ok')).toBe('false');
    expect(await faces.innerText()).toMatch(/^Face check failed: the photo has \d+ face\(s\), the checked frames of the clip show [\d, ]+\. The model changed the people\./);
    expect(untranslated(await byTestId('page-photo').innerText())).toEqual([]);
    await saveScreenshot(page, 'photo-motion-faces-failed');
    await byTestId('photo-motion-use-local').click();
    await page.locator('[data-testid="photo-motion-result"][data-backend="local"]').waitFor({ timeout: WORK_TIMEOUT });
    expect(await motionBackend.inputValue()).toBe('local');
    expect(await byTestId('photo-motion-faces').count()).toBe(0);

    // After a reload the run is listed under the tool's earlier runs and opens on the chosen photo, in zh-TW too.
    const runId = await byTestId('photo-run').first().getAttribute('data-run-id');
    await page.reload();
    await byTestId('language-quick').selectOption('zh-TW');
    await byTestId('nav-photo').click();
    await byTestId('photo-tab-fuse').click();
    const earlier = byTestId('photo-earlier-fuse');
    await earlier.waitFor();
    expect(await earlier.locator('.photo-step__title').innerText()).toBe('之前的作品');
    const listed = earlier.locator(`[data-testid="photo-earlier-run"][data-run-id="${runId}"]`);
    expect(await listed.getAttribute('data-status')).toBe('succeeded');
    expect(await listed.innerText()).toContain('4 張');
    expect(untranslated(await earlier.innerText())).toEqual([]);
    await listed.click();
    await expect.poll(() => byTestId('photo-run').first().getAttribute('data-run-id')).toBe(runId);
    expect(await byTestId('photo-chosen').getAttribute('data-seed')).toBe('1003');
    expect(await earlier.locator(`[data-run-id="${runId}"]`).count()).toBe(0);
    await saveScreenshot(page, 'photo-earlier');

    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
  it('share puts the chosen picture on the clipboard; use in a post opens the composer with it attached, and the saved draft carries it', async () => {
    await byTestId('language-quick').selectOption('en');
    const chosen = byTestId('photo-chosen');
    await chosen.waitFor();
    const img = byTestId('photo-chosen-img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const size = await img.evaluate((el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight]);
    const [still] = await Promise.all([page.waitForEvent('download'), byTestId('photo-chosen-download').click()]);
    const stillBytes = await readFile((await still.path())!);

    // Share: no share sheet here, so the page promises the picture copied (a PNG on the clipboard) and says "Copied.".
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await byTestId('photo-chosen-share').click();
    await page.getByText('Copied.', { exact: true }).first().waitFor();
    const pasted = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { types: item!.types, png: btoa(binary) };
    });
    expect(pasted.types).toContain('image/png');
    // The clipboard's PNG against the chosen file, pixel by pixel: the same pixels (measured: a mean difference of 0.00), and not a flat colour.
    const clip = await sharp(Buffer.from(pasted.png, 'base64')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const file = await sharp(stillBytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([clip.info.width, clip.info.height]).toEqual(size);
    expect([file.info.width, file.info.height]).toEqual(size);
    let diff = 0;
    let spread = 0;
    for (let i = 0; i < file.data.length; i++) {
      diff += Math.abs(clip.data[i]! - file.data[i]!);
      spread += Math.abs(file.data[i]! - file.data[i % 3]!);
    }
    expect(diff / file.data.length).toBeLessThan(0.5);
    expect(spread / file.data.length).toBeGreaterThan(10);

    // An account to post to, as a connection in the vault leaves it (set-up written into the server's database).
    const store = openStore(dataPaths(server.home).database);
    const accountId = seedAccounts(store, [{ platform: 'facebook', displayName: 'Photo Page' }])['facebook:Photo Page']!;
    store.close();

    // Use in a post: the composer opens with the chosen picture attached.
    await byTestId('photo-chosen-post').click();
    const composer = byTestId('composer');
    await composer.waitFor({ timeout: WORK_TIMEOUT });
    const attached = composer.getByTestId('composer-media-item');
    await expect.poll(() => attached.count()).toBe(1);
    expect(await attached.getAttribute('data-kind')).toBe('image');
    await expect.poll(() => attached.locator('img').evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await saveScreenshot(page, 'photo-use-in-post');

    // Saved as a draft to the account: the outbox row carries the picture, the same file as the one chosen.
    await byTestId('composer-account').filter({ hasText: 'Photo Page' }).locator('input').check();
    await byTestId('composer-text').fill('新年全家福');
    await byTestId('composer-draft').click();
    await composer.waitFor({ state: 'detached', timeout: WORK_TIMEOUT });
    const db = openStore(dataPaths(server.home).database, { skipIntegrityCheck: true });
    try {
      const rows = db.sqlite.prepare('SELECT state, payload FROM outbox_posts WHERE account_id = ?').all(accountId) as { state: string; payload: string }[];
      expect(rows.map((r) => r.state)).toEqual(['draft']);
      const payload = JSON.parse(rows[0]!.payload) as { text: string; media: PostMedia[] };
      expect(payload.text).toBe('新年全家福');
      expect(payload.media.map((m) => [m.kind, m.width, m.height])).toEqual([['image', size[0], size[1]]]);
      expect((await readFile(payload.media[0]!.path)).equals(stillBytes)).toBe(true);
    } finally {
      db.close();
    }
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
