import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { CALL_NAMES, contract, type TimelineOverview } from '../src/shared/api/contract.js';
import { dispatchCall } from '../src/main/api/dispatch.js';
import { createHandlers, type Handlers } from '../src/main/api/handlers.js';
import type { Studio } from '../src/main/studio.js';
import { makePng } from './helpers/media.js';
import { openTestStudio } from './helpers/studio.js';

let studio: Studio;
let handlers: Handlers;
beforeAll(() => {
  studio = openTestStudio(undefined, {}, false);
  handlers = createHandlers(studio, 'web');
});
afterAll(async () => {
  await studio.close();
});

describe('API contract', () => {
  it('has a handler for every entry, and no handler without an entry', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) expect(typeof handlers[name], name).toBe('function');
  });

  it('every entry has a zod input schema', () => {
    for (const name of CALL_NAMES) expect(typeof contract[name].input.safeParse, name).toBe('function');
  });

  it('dispatches a call with validated input', async () => {
    const result = await dispatchCall(handlers, 'settings.update', { language: 'zh-CN' });
    expect(result).toMatchObject({ ok: true, value: { language: 'zh-CN' } });
  });

  it('names the field of an input that fails its schema', async () => {
    const result = await dispatchCall(handlers, 'settings.update', { concurrency: { video: 0 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'concurrency.video' } });
    const extra = await dispatchCall(handlers, 'jobs.list', { limit: 10, surprise: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('says a refused input in the user’s language: a field not given, a value not valid, a key not known', async () => {
    expect(await dispatchCall(handlers, 'kol.personas.create', { persona: 'a food blogger' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', field: 'nickname', key: 'request.fieldMissing', params: { field: 'nickname' } },
    });
    expect(await dispatchCall(handlers, 'settings.update', { concurrency: { video: 0 } })).toMatchObject({
      ok: false,
      error: { key: 'request.fieldInvalid', params: { field: 'concurrency.video' } },
    });
    expect(await dispatchCall(handlers, 'jobs.list', { limit: 10, surprise: true })).toMatchObject({
      ok: false,
      error: { key: 'request.fieldInvalid', params: { field: 'surprise' } },
    });
  });

  it('answers an unknown call with NOT_FOUND', async () => {
    expect(await dispatchCall(handlers, 'library.format', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatchCall(handlers, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lists jobs by kind and status', async () => {
    await studio.jobs.enqueue('diag.noop', {});
    await studio.jobs.enqueue('diag.steps', { steps: 1, stepMs: 0 });
    const r = (await dispatchCall(handlers, 'jobs.list', { kind: 'diag.steps', status: 'queued' })) as { value: { items: { kind: string }[] } };
    expect(r.value.items.map((j) => j.kind)).toEqual(['diag.steps']);
  });

  it('returns a handler error as data', async () => {
    const result = await dispatchCall(handlers, 'jobs.get', { id: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no job nope.' } });
  });
});

describe('timeline calls', () => {
  it('opens a timeline: validates it, brings scene media into the library, reports missing files per scene', async () => {
    // Inside the data folder: a client may only name paths in the folders the studio may read.
    const dir = fs.mkdtempSync(path.join(studio.paths.home, 'timeline-'));
    await makePng(path.join(dir, 'one.png'), 90, 160);
    fs.writeFileSync(
      path.join(dir, 'tl.json'),
      JSON.stringify({ version: 1, aspect: '9:16', scenes: [{ image: 'one.png', duration: 2, caption: '你好' }, { image: 'gone.png', duration: 1 }] }),
    );
    const result = await dispatchCall(handlers, 'timeline.open', { path: path.join(dir, 'tl.json') });
    expect(result.ok).toBe(true);
    const overview = (result as { value: TimelineOverview }).value;
    expect(overview).toMatchObject({ totalSeconds: 3, width: 1080, height: 1920 });
    expect(overview.scenes[0]).toMatchObject({ kind: 'image', caption: '你好', problem: null });
    expect(studio.library.get(overview.scenes[0]!.assetId!).name).toBe('one.png');
    expect(overview.scenes[1]).toMatchObject({ assetId: null, problem: { message: expect.stringContaining('does not exist'), key: 'file.notFound', params: { name: 'gone.png' } } });

    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ version: 1, aspect: '2:1', scenes: [] }));
    const bad = await dispatchCall(handlers, 'timeline.open', { path: path.join(dir, 'bad.json') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'TIMELINE_INVALID', field: 'aspect' } });
  });
});
