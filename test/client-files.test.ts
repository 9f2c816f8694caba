import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../src/shared/errors.js';
import type { CallResult, TimelineOverview } from '../src/shared/api/contract.js';
import type { ImportOutcome } from '../src/shared/library.js';
import { dispatchCall } from '../src/main/api/dispatch.js';
import { createHandlers, type Handlers } from '../src/main/api/handlers.js';
import type { Studio } from '../src/main/studio.js';
import { makePng } from './helpers/media.js';
import { openTestStudio, tempHome } from './helpers/studio.js';

/**
 * §2.5: every path a client names goes through src/main/client-files.ts —
 * regular files only, size-limited, inside the allowed folders or picked.
 */
let studio: Studio;
let handlers: Handlers;
/** A studio on a render box told it may read everything (KINGJAM_ALLOW_DIRS=/): the regular-file checks must still hold. */
let open: Studio;
let openHandlers: Handlers;
let work: string;

beforeAll(() => {
  studio = openTestStudio(undefined, {}, false);
  handlers = createHandlers(studio, 'web');
  open = openTestStudio(undefined, {}, false, { allowedDirs: ['/'] });
  openHandlers = createHandlers(open, 'web');
  work = fs.mkdtempSync(path.join(studio.paths.home, 'work-'));
});
afterAll(async () => {
  await studio.close();
  await open.close();
});

async function refusal(h: Handlers, name: 'timeline.open' | 'timeline.render' | 'profile.uploadDocument', input: { path: string }): Promise<ErrorInfo> {
  const started = Date.now();
  const result: CallResult = await dispatchCall(h, name, input);
  // No read of a device or a FIFO: the answer comes at once.
  expect(Date.now() - started).toBeLessThan(5_000);
  if (result.ok) throw new Error(`${name} succeeded for ${input.path}`);
  return result.error;
}

function mkfifo(file: string): string {
  execFileSync('mkfifo', [file]);
  return file;
}

const fifoSupported = process.platform !== 'win32';

describe('client paths: regular files only', () => {
  it('refuses /dev/zero: outside the allowed folders, and not a regular file even where every folder is allowed', async () => {
    expect(await refusal(handlers, 'timeline.open', { path: '/dev/zero' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(openHandlers, 'timeline.open', { path: '/dev/zero' })).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: '"zero" is not a regular file.' });
    expect(await refusal(openHandlers, 'timeline.render', { path: '/dev/zero' })).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    expect(await refusal(openHandlers, 'profile.uploadDocument', { path: '/dev/zero' })).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    const imported = (await dispatchCall(openHandlers, 'library.import', { paths: ['/dev/zero'] })) as { ok: true; value: ImportOutcome[] };
    expect(imported.value[0]).toMatchObject({ status: 'rejected', error: { code: 'UNSUPPORTED_TYPE' } });
  });

  it.skipIf(!fifoSupported)('refuses a FIFO without blocking on it (timeline, media import, scene media of a render)', async () => {
    const fifo = mkfifo(path.join(work, 'pipe.json'));
    expect(await refusal(handlers, 'timeline.open', { path: fifo })).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    const fifoPng = mkfifo(path.join(work, 'pipe.png'));
    const imported = (await dispatchCall(handlers, 'library.import', { paths: [fifoPng] })) as { ok: true; value: ImportOutcome[] };
    expect(imported.value[0]).toMatchObject({ status: 'rejected', error: { code: 'UNSUPPORTED_TYPE' } });

    const tl = path.join(work, 'fifo-scene.json');
    fs.writeFileSync(tl, JSON.stringify({ version: 1, aspect: '9:16', scenes: [{ image: 'pipe.png', duration: 1 }] }));
    expect(await refusal(handlers, 'timeline.render', { path: tl })).toMatchObject({ code: 'UNSUPPORTED_TYPE', field: 'scenes.0.image' });
    expect(await studio.jobs.counts()).toMatchObject({ queued: 0 });
  });

  it('refuses a directory where a timeline file is expected', async () => {
    expect(await refusal(handlers, 'timeline.open', { path: work })).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
  });

  it('refuses a timeline that is not JSON, or not a valid timeline, with a message key naming the file or the field', async () => {
    const notJson = path.join(work, 'broken.json');
    fs.writeFileSync(notJson, '{"version": 1, oops');
    expect(await refusal(handlers, 'timeline.open', { path: notJson })).toMatchObject({ code: 'TIMELINE_INVALID', key: 'timeline.notJson', params: { file: 'broken.json' } });
    const invalid = path.join(work, 'invalid.json');
    fs.writeFileSync(invalid, JSON.stringify({ version: 1, aspect: '9:16', scenes: [] }));
    const error = await refusal(handlers, 'timeline.open', { path: invalid });
    expect(error).toMatchObject({ code: 'TIMELINE_INVALID', key: 'timeline.invalid' });
    expect(error.field).toBe('scenes');
    expect(error.params).toEqual({ field: 'scenes' });
  });

  it('refuses a 3 MB timeline before reading it', async () => {
    const big = path.join(work, 'big.json');
    fs.writeFileSync(big, `{"version":1,"aspect":"9:16","scenes":[],"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    const error = await refusal(handlers, 'timeline.open', { path: big });
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(error.message).toContain('2 MiB');
  });

  it('judges a symlink by its target: a link to /dev/zero is refused, a link to a timeline in the data folder opens', async () => {
    const link = path.join(work, 'zero.json');
    fs.symlinkSync('/dev/zero', link);
    expect(await refusal(handlers, 'timeline.open', { path: link })).toMatchObject({ code: 'FORBIDDEN' });
    const openLink = path.join(open.paths.home, 'zero.json');
    fs.symlinkSync('/dev/zero', openLink);
    expect(await refusal(openHandlers, 'timeline.open', { path: openLink })).toMatchObject({ code: 'UNSUPPORTED_TYPE' });

    await makePng(path.join(work, 'one.png'), 90, 160);
    fs.writeFileSync(path.join(work, 'real.json'), JSON.stringify({ version: 1, aspect: '9:16', scenes: [{ image: 'one.png', duration: 1 }] }));
    fs.symlinkSync(path.join(work, 'real.json'), path.join(work, 'alias.json'));
    const opened = (await dispatchCall(handlers, 'timeline.open', { path: path.join(work, 'alias.json') })) as { ok: true; value: TimelineOverview };
    expect(opened.ok).toBe(true);
    expect(opened.value.path).toBe(fs.realpathSync(path.join(work, 'real.json')));
    expect(opened.value.scenes[0]).toMatchObject({ problem: null });
  });

  it('never quotes the file in an error: a broken JSON file holding a secret is only named', async () => {
    const secret = 'sk-live-7f3a9c2e-DO-NOT-LEAK';
    const file = path.join(work, 'secret.json');
    fs.writeFileSync(file, `{\n  "version": 1,\n  "apiKey": ${secret}\n}\n`);
    const error = await refusal(handlers, 'timeline.open', { path: file });
    expect(error).toMatchObject({ code: 'TIMELINE_INVALID', message: '"secret.json" is not valid JSON.' });
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain('sk-live');

    // A ComfyUI workflow file's text (read by the page, sent as text) is not quoted either.
    const workflow = await dispatchCall(handlers, 'providers.setComfyWorkflow', { kind: 'image', workflow: `{"3": {"token": ${secret}}}`, name: 'mine.json' });
    expect(workflow).toMatchObject({ ok: false, error: { code: 'WORKFLOW_INVALID' } });
    expect(JSON.stringify(workflow)).not.toContain('sk-live');
  });
});

describe('client paths: allowed folders or picked by the user', () => {
  it('refuses a file outside the data folder, home and resources — until the user picks it; its scenes beside it then open too', async () => {
    const outside = tempHome('kingjam-outside-');
    expect(path.relative(process.env.HOME ?? '/root', outside).startsWith('..')).toBe(true);
    await makePng(path.join(outside, 'one.png'), 90, 160);
    const file = path.join(outside, 'tl.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, aspect: '9:16', scenes: [{ image: 'one.png', duration: 1 }] }));
    expect(await refusal(handlers, 'timeline.open', { path: file })).toMatchObject({ code: 'FORBIDDEN' });
    const imported = (await dispatchCall(handlers, 'library.import', { paths: [outside, path.join(outside, 'one.png')] })) as { ok: true; value: ImportOutcome[] };
    expect(imported.value.map((o) => o.error?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    studio.files.pick(file);
    const opened = (await dispatchCall(handlers, 'timeline.open', { path: file })) as { ok: true; value: TimelineOverview };
    expect(opened.ok).toBe(true);
    expect(opened.value.scenes[0]).toMatchObject({ problem: null });
    expect(studio.library.get(opened.value.scenes[0]!.assetId!).name).toBe('one.png');
  });

  it('keeps a scene from leaving its timeline’s folder for one outside the allowed folders', async () => {
    const outside = tempHome('kingjam-outside-');
    await makePng(path.join(outside, 'far.png'), 90, 160);
    const file = path.join(work, 'escape.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, aspect: '9:16', scenes: [{ image: path.join(outside, 'far.png'), duration: 1 }] }));
    const opened = (await dispatchCall(handlers, 'timeline.open', { path: file })) as { ok: true; value: TimelineOverview };
    expect(opened.value.scenes[0]).toMatchObject({ assetId: null, problem: { message: expect.stringContaining('outside the folders') } });
    expect(await refusal(handlers, 'timeline.render', { path: file })).toMatchObject({ code: 'FORBIDDEN', field: 'scenes.0.image' });
  });
});
