import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

/**
 * Chinese text is drawn with a Chinese face on a machine with no Chinese system font (a bare Linux
 * desktop, CI): the UI's font stack ends in the Noto Sans TC / SC the app bundles. Chromium's
 * DevTools protocol names the faces each text node was drawn with; a node of Han characters drawn
 * with a face that has none (DejaVu, Liberation: the system's default) shows empty boxes.
 */

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The faces that draw Han characters: a system CJK face, or the bundled one. */
const CJK_FACE = /Noto Sans (CJK )?(TC|SC)|PingFang|Microsoft (JhengHei|YaHei)|KingJam Noto Sans (TC|SC)/;

interface PlatformFont {
  familyName: string;
  glyphCount: number;
}

/** Each element whose own text is Han characters only, with the faces Chromium drew it with. */
async function hanTextFaces(): Promise<{ text: string; faces: string[] }[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      // Only what is drawn: a closed picker's options are not.
      if (el.closest('select') || el.getClientRects().length === 0) continue;
      const own = [...el.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent?.trim() ?? '').join('');
      if (!/^[\u4e00-\u9fff]{2,}$/.test(own)) continue;
      el.setAttribute('data-han-probe', String(found.length));
      found.push(own);
    }
    return found;
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-han-probe]' });
  const out: { text: string; faces: string[] }[] = [];
  for (const nodeId of nodeIds) {
    const { attributes = [] } = await cdp.send('DOM.getAttributes', { nodeId });
    const probe = Number(attributes[attributes.indexOf('data-han-probe') + 1]);
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: PlatformFont[] };
    out.push({ text: texts[probe] ?? '', faces: fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName) });
  }
  await cdp.detach();
  return out;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startStudioServer({}), launchChromium()]);
  ({ context, page } = await openTab(browser, { timeoutMs: 30_000 }));
});

afterAll(async () => {
  await closeBrowser(context, browser);
  await server?.stop();
});

describe('Chinese text in the UI', () => {
  it.each(['zh-TW', 'zh-CN'])('is drawn with a Chinese face in %s: titles, labels and the sidebar, not empty boxes', async (language) => {
    await page.goto(server.url);
    await page.getByTestId('language-quick').selectOption(language);
    await page.keyboard.press('Control+Shift+B');
    await page.getByTestId('page-blog').waitFor();
    await page.evaluate(() => document.fonts.ready);
    const nodes = await hanTextFaces();
    await saveScreenshot(page, `cjk-fonts-blog-${language}`);
    // The page title, the sidebar's items and the form's labels are all here.
    expect(nodes.length).toBeGreaterThan(10);
    const boxed = nodes.filter((n) => n.faces.length === 0 || n.faces.some((f) => !CJK_FACE.test(f)));
    expect(boxed).toEqual([]);
  });
});
