import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startFake, waitFor, type FakeServer } from '../test/providers/fake-server.js';
import { closeBrowser, launchChromium, openTab } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * The Gemini model catalogue against the key's own model list, end to end:
 * `kingjam serve` checks it in the background at start, and Settings → Test
 * shows which models the key cannot use and which model jobs use instead.
 * Gemini is a loopback fake answering `GET /v1beta/models` as the service does.
 */
const UI_TIMEOUT = 30_000;
/** This key can use the 3.6 Flash but not the catalogue's 3.5 Flash, nor the fine image model. */
const LISTED = ['gemini-3.6-flash', 'gemini-flash-latest', 'gemini-3.1-pro-preview', 'gemini-pro-latest', 'gemini-3.1-flash-image', 'veo-3.1-fast-generate-preview', 'veo-3.1-generate-preview', 'gemini-3.1-flash-tts-preview'];

let gemini: FakeServer;
let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  gemini = await startFake((req, res) => sendJson(res, 200, { models: LISTED.map((id) => ({ name: `models/${id}`, supportedGenerationMethods: ['generateContent'] })) }));
  server = await startStudioServer({ GEMINI_API_KEY: 'e2e-gemini-key-0001', KINGJAM_GEMINI_BASE_URL: gemini.url });
  browser = await launchChromium();
  ({ context, page } = await openTab(browser, { timeoutMs: UI_TIMEOUT, locale: 'zh-TW' }));
  await page.goto(server.url);
  await page.getByTestId('page-dashboard').waitFor();
});

afterAll(async () => {
  await closeBrowser(context, browser);
  await server?.stop();
  await gemini?.close();
});

describe('the Gemini model catalogue check', () => {
  it('runs at start without being asked', async () => {
    await waitFor(() => gemini.hits('/v1beta/models', 'GET').length >= 1, UI_TIMEOUT);
    expect(gemini.seen[0]?.headers['x-goog-api-key']).toBe('e2e-gemini-key-0001');
  });

  it('Settings → Test marks the models the key cannot use and names the stand-in', async () => {
    await page.getByTestId('nav-settings').click();
    const row = page.getByTestId('provider-gemini');
    await row.waitFor();
    await row.getByTestId('provider-test').click();
    await expect.poll(() => row.getByTestId('provider-check').getAttribute('data-ok'), { timeout: UI_TIMEOUT }).toBe('true');
    const off = row.getByTestId('provider-models').locator('[data-available="false"]');
    // In the default language, Traditional Chinese.
    expect(await off.allInnerTexts()).toEqual(['Gemini 3.5 Flash · 這把金鑰無法使用', 'Gemini 3 Pro Image · 這把金鑰無法使用']);
    expect(await row.getByTestId('provider-model-replaced').allInnerTexts()).toEqual(['這把金鑰無法使用 gemini-3.5-flash：工作會改用 gemini-3.6-flash。']);
  });
});
