import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchChromium, openTab, saveScreenshot } from './support/browser.js';
import { startStudioServer, type StudioServer } from './support/server.js';

const UI_TIMEOUT = 30_000;

/** A video workflow as ComfyUI's "Save (API format)" writes it, the prompt node titled "prompt". */
const VIDEO_WORKFLOW = {
  '3': { class_type: 'KSampler', inputs: { seed: 5, steps: 20, model: ['4', 0], positive: ['6', 0], latent_image: ['5', 0] } },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'wan.safetensors' } },
  '5': { class_type: 'EmptyHunyuanLatentVideo', inputs: { width: 848, height: 480, length: 25, batch_size: 1 } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'prompt' } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: ['4', 1] }, _meta: { title: 'kingjam: negative' } },
  '9': { class_type: 'VHS_VideoCombine', inputs: { images: ['3', 0], frame_rate: 8 } },
};

let server: StudioServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function byTestId(id: string) {
  return page.getByTestId(id);
}

function jsonFile(name: string, value: unknown) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) };
}

async function backendOptions(): Promise<string[]> {
  await byTestId('nav-director').click();
  await byTestId('page-director').waitFor();
  return byTestId('director-backend').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

async function comfyRow() {
  await byTestId('nav-settings').click();
  const row = byTestId('provider-comfyui');
  await row.getByTestId('comfy-workflows').waitFor();
  return row;
}

describe('ComfyUI workflows in Chromium through `kingjam serve`', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startStudioServer(), launchChromium()]);
    ({ context, page, pageErrors } = await openTab(browser, { timeoutMs: UI_TIMEOUT }));
  });

  afterAll(async () => {
    await closeBrowser(context, browser);
    await server?.stop();
  });

  it('imports a video workflow in Settings, shows the inputs it found, and offers ComfyUI in the Director', async () => {
    await page.goto(server.url);
    await byTestId('page-dashboard').waitFor();
    await byTestId('language-quick').selectOption('en');
    // No workflow yet: the Director leaves ComfyUI out.
    expect(await backendOptions()).not.toContain('comfyui');

    const video = (await comfyRow()).getByTestId('comfy-workflow-video');
    expect(await video.getAttribute('data-loaded')).toBe('false');
    await video.getByTestId('comfy-workflow-file').setInputFiles(jsonFile('wan-video.json', VIDEO_WORKFLOW));
    await expect.poll(() => video.getAttribute('data-loaded')).toBe('true');
    expect(await video.getByTestId('comfy-workflow-name').innerText()).toBe('wan-video.json');
    const chips = video.getByTestId('comfy-workflow-inputs').locator('[data-input]');
    expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-input')))).toEqual(['prompt', 'negative', 'seed', 'width', 'height']);
    expect(await chips.first().innerText()).toBe('prompt');
    await saveScreenshot(page, 'settings-comfyui-workflows');

    expect(await backendOptions()).toContain('comfyui');
    await byTestId('director-backend').selectOption('comfyui');
    expect(await byTestId('director-backend-price').innerText()).toMatch(/free/i);
  });

  it('shows why a file that is not an API-format workflow is refused, and removes a workflow', async () => {
    const row = await comfyRow();
    const image = row.getByTestId('comfy-workflow-image');
    // The editor's regular "Save" (nodes and links) is the usual wrong file.
    await image.getByTestId('comfy-workflow-file').setInputFiles(jsonFile('my-workflow.json', { nodes: [], links: [], version: 0.4 }));
    const error = image.getByTestId('comfy-workflow-error');
    await error.waitFor();
    expect(await error.innerText()).toContain("my-workflow.json is ComfyUI's editor format");
    expect(await error.innerText()).toContain('Save (API format)');
    expect(await image.getAttribute('data-loaded')).toBe('false');
    await image.getByTestId('comfy-workflow-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"3": {') });
    await expect.poll(() => error.innerText()).toContain('notes.json is not valid JSON');
    await saveScreenshot(page, 'settings-comfyui-workflow-error');

    const video = row.getByTestId('comfy-workflow-video');
    await video.getByTestId('comfy-workflow-remove').click();
    await expect.poll(() => video.getAttribute('data-loaded')).toBe('false');
    expect(await backendOptions()).not.toContain('comfyui');
    expect(pageErrors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
  });
});
