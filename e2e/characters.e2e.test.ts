import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * Characters (issue 16) in Chromium through `kingjam serve`, from a fresh data
 * folder with no model keys: in zh-TW and in en, keywords go on the
 * Prompt-Board, the offline provider writes three draft concepts that use
 * them, one is picked and created, and its page shows the profile; the Pose &
 * Variant Generator shows offline as disabled with what makes it usable.
 */
const UI_TIMEOUT = 30_000;

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

const byTestId = (id: string) => page.getByTestId(id);

/** Every key-looking token a page shows as itself (a text missing from the catalogue). */
function untranslated(text: string): string[] {
  return text.match(/\b(?:msg\.)?character\.[a-zA-Z][\w.-]*/g) ?? [];
}

const CASES = [
  { language: 'zh-TW', keywords: '貓咪、夜市', words: ['貓咪', '夜市'], title: '角色', simplified: /[们这个时为说发会来对门见关]/ },
  { language: 'en', keywords: 'robot, lighthouse', words: ['robot', 'lighthouse'], title: 'Characters', simplified: null },
] as const;

describe('characters in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer({ GEMINI_API_KEY: '', REPLICATE_API_TOKEN: '' }), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('makes a character from keywords on the offline provider and shows it on its page, in zh-TW and en', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    let made = 0;
    for (const c of CASES) {
      await byTestId('language-quick').selectOption(c.language);
      await byTestId('nav-characters').click();
      await byTestId('characters-page').waitFor();
      expect(await page.locator('.page-header h1, .page-header h2').first().textContent()).toContain(c.title);
      await byTestId('character-new').click();
      await byTestId('character-keywords').fill(c.keywords);
      await byTestId('character-language').selectOption(c.language);
      expect(await byTestId('character-provider').inputValue()).toBe('offline');
      await byTestId('character-write').click();
      await expect.poll(() => byTestId('character-concept').count(), { timeout: UI_TIMEOUT }).toBe(3);
      await byTestId('character-concepts-draft').waitFor();
      const concepts = await byTestId('character-concept').allTextContents();
      for (const text of concepts) expect(c.words.some((w) => text.includes(w))).toBe(true);
      if (c.simplified) expect(concepts.join('')).not.toMatch(c.simplified);
      const name = (await byTestId('character-concept-name').first().textContent())!;

      await byTestId('character-pick').first().click();
      expect(await byTestId('character-edit-name').inputValue()).toBe(name);
      await byTestId('character-save').click();
      await byTestId('character-detail').waitFor();
      made += 1;
      expect(await byTestId('character-title').textContent()).toBe(name);
      const world = (await byTestId('character-world').textContent()) ?? '';
      expect(c.words.some((w) => world.includes(w))).toBe(true);
      expect((await byTestId('character-look').textContent())!.length).toBeGreaterThan(20);
      // No keys: every image-editing model is disabled, offline says what makes the generator usable.
      await byTestId('character-variants-offline-hint').waitFor();
      expect(await byTestId('character-variant-make').isDisabled()).toBe(true);
      await byTestId('character-models').waitFor();
      expect(untranslated(await page.locator('body').innerText())).toEqual([]);
      await saveScreenshot(page, `characters-${c.language}`);

      await byTestId('character-back').click();
      await expect.poll(() => byTestId('character-card').count(), { timeout: UI_TIMEOUT }).toBe(made);
    }
    // The browser's own favicon request is the only resource allowed to fail (the studio serves none).
    expect(pageErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  }, 180_000);

  it('picks a reference from the library: the first character’s drawn reference becomes the second one’s, no upload', async () => {
    await byTestId('language-quick').selectOption('en');
    const cards = byTestId('character-card');
    await cards.first().click();
    await byTestId('character-detail').waitFor();
    await byTestId('character-ref-generate').click();
    await expect.poll(() => byTestId('character-ref').count(), { timeout: UI_TIMEOUT }).toBe(1);
    await byTestId('character-back').click();

    await cards.nth(1).click();
    await byTestId('character-detail').waitFor();
    expect(await byTestId('character-ref').count()).toBe(0);
    await byTestId('character-ref-library').click();
    const pick = byTestId('character-ref-pick-item').first();
    await expect.poll(() => pick.isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await pick.click();
    expect(await pick.getAttribute('aria-pressed')).toBe('true');
    expect(await byTestId('character-ref-library-add').innerText()).toBe('Add 1 as references');
    await byTestId('character-ref-library-add').click();
    await expect.poll(() => byTestId('character-ref').count(), { timeout: UI_TIMEOUT }).toBe(1);
    await byTestId('character-ref-library-panel').waitFor({ state: 'detached' });
    expect(untranslated(await page.locator('body').innerText())).toEqual([]);
    await saveScreenshot(page, 'characters-ref-from-library');
  }, 120_000);
});

