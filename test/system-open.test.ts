import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../src/main/api/dispatch.js';
import { createHandlers, type DesktopHooks } from '../src/main/api/handlers.js';
import { openTargetOfWindowRequest } from '../src/main/library/media-path.js';
import type { Studio } from '../src/main/studio.js';
import { openTestStudio } from './helpers/studio.js';

/** §4 "Open" links: system.open hands links and library files to the desktop shell; the web bridge leaves them to the page. */
let studio: Studio;
const opened: { external: string[]; paths: string[] } = { external: [], paths: [] };
/** The shell's edge: src/main/electron/open.ts calls Electron's shell here. */
const desktop: DesktopHooks = {
  openExternal: async (url) => void opened.external.push(url),
  openPath: async (file) => void opened.paths.push(file),
};

beforeAll(() => {
  studio = openTestStudio(undefined, {}, false);
  fs.writeFileSync(path.join(studio.paths.outputs, 'new year 100%.mp4'), 'video');
  fs.writeFileSync(path.join(studio.paths.outputs, 'run.js'), 'alert(1)');
  fs.writeFileSync(path.join(studio.paths.home, 'outside.html'), '<p>');
});
afterAll(async () => {
  await studio.close();
});

describe('system.open', () => {
  it('answers opened: false through the web bridge, so the page opens a tab', async () => {
    const web = createHandlers(studio, 'web');
    expect(await dispatchCall(web, 'system.open', { kind: 'url', url: 'https://example.com/a' })).toEqual({ ok: true, value: { opened: false } });
    expect(await dispatchCall(web, 'system.open', { kind: 'file', path: 'outputs/new year 100%.mp4' })).toEqual({ ok: true, value: { opened: false } });
  });

  it('on the desktop, opens web links with the shell and library files by their real path', async () => {
    const handlers = createHandlers(studio, 'electron', desktop);
    expect(await dispatchCall(handlers, 'system.open', { kind: 'url', url: 'https://example.com/oauth?x=1' })).toEqual({ ok: true, value: { opened: true } });
    expect(opened.external).toEqual(['https://example.com/oauth?x=1']);
    expect(await dispatchCall(handlers, 'system.open', { kind: 'file', path: 'outputs/new year 100%.mp4' })).toEqual({ ok: true, value: { opened: true } });
    expect(opened.paths).toEqual([fs.realpathSync(path.join(studio.paths.outputs, 'new year 100%.mp4'))]);
  });

  it('refuses other schemes, files outside the library and files that are not documents or media', async () => {
    const handlers = createHandlers(studio, 'electron', desktop);
    opened.external.length = 0;
    opened.paths.length = 0;
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      expect(await dispatchCall(handlers, 'system.open', { kind: 'url', url })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await dispatchCall(handlers, 'system.open', { kind: 'file', path: '../outside.html' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', key: 'library.outsideLibrary' } });
    expect(await dispatchCall(handlers, 'system.open', { kind: 'file', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatchCall(handlers, 'system.open', { kind: 'file', path: 'outputs/run.js' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_TYPE', key: 'library.cannotOpenType', params: { name: 'run.js' } } });
    expect(await dispatchCall(handlers, 'system.open', { kind: 'file', path: 'outputs/gone.mp4' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', key: 'library.fileGone' } });
    expect(opened).toEqual({ external: [], paths: [] });
  });
});

describe('a denied new window on the desktop', () => {
  it('becomes a system.open target: a library file or a web link, nothing else', () => {
    expect(openTargetOfWindowRequest('kingjam-media://library/outputs/new%20year%20100%25.mp4')).toEqual({ kind: 'file', path: 'outputs/new year 100%.mp4' });
    expect(openTargetOfWindowRequest('https://example.com/x')).toEqual({ kind: 'url', url: 'https://example.com/x' });
    expect(openTargetOfWindowRequest('kingjam-media://elsewhere/x.png')).toBeNull();
    expect(openTargetOfWindowRequest('file:///etc/passwd')).toBeNull();
    expect(openTargetOfWindowRequest('javascript:alert(1)')).toBeNull();
    expect(openTargetOfWindowRequest('not a url')).toBeNull();
  });
});
