import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FolderFileStore } from '../../src/main/farm/folder-store.js';
import { StudioError } from '../../src/shared/errors.js';

let dir: string;
let root: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'kingjam-folder-store-'));
  root = path.join(dir, 'shared');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Stats `file` as fast as it can until `done` settles; returns every size it saw. */
async function watchSizes(file: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  const sizes: number[] = [];
  while (!finished) {
    const st = await fs.stat(file).catch(() => null);
    if (st) sizes.push(st.size);
    await new Promise((r) => setImmediate(r));
  }
  return sizes;
}

describe('FolderFileStore', () => {
  test('round trip keeps the bytes; exists and deletePrefix work on folders, not name prefixes', async () => {
    const store = new FolderFileStore(root);
    const src = path.join(dir, 'a.png');
    const bytes = randomBytes(200_000);
    await fs.writeFile(src, bytes);
    await store.put('jobs/1/in/a.png', src);
    await store.put('jobs/10/in/a.png', src);
    expect(await store.exists('jobs/1/in/a.png')).toBe(true);
    const out = path.join(dir, 'got', 'a.png');
    await store.get('jobs/1/in/a.png', out);
    expect(hash(await fs.readFile(out))).toBe(hash(bytes));
    await store.deletePrefix('jobs/1/');
    expect(await store.exists('jobs/1/in/a.png')).toBe(false);
    expect(await store.exists('jobs/10/in/a.png')).toBe(true);
  });

  test('a missing key is NOT_FOUND with the store named, and no file appears', async () => {
    const store = new FolderFileStore(root);
    const out = path.join(dir, 'none', 'x.png');
    const err = await store.get('jobs/none/x.png', out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('NOT_FOUND');
    expect((err as StudioError).key).toBe('farm.store.notFound');
    expect((err as StudioError).params).toEqual({ key: 'jobs/none/x.png', store: `folder ${root}` });
    expect(await fs.readdir(path.dirname(out))).toEqual([]);
  });

  test('a half-copied file is never visible under its name, going in or coming out', async () => {
    const store = new FolderFileStore(root);
    const src = path.join(dir, 'big.bin');
    const bytes = randomBytes(48 * 1024 * 1024);
    await fs.writeFile(src, bytes);

    const putting = store.put('jobs/big/out/big.bin', src);
    const seenIn = await watchSizes(path.join(root, 'jobs', 'big', 'out', 'big.bin'), putting);
    await putting;
    expect(seenIn.every((s) => s === bytes.length)).toBe(true);

    const out = path.join(dir, 'got', 'big.bin');
    const getting = store.get('jobs/big/out/big.bin', out);
    const seenOut = await watchSizes(out, getting);
    await getting;
    expect(seenOut.every((s) => s === bytes.length)).toBe(true);
    expect(hash(await fs.readFile(out))).toBe(hash(bytes));
    // No temporary names are left beside either file.
    expect(await fs.readdir(path.join(root, 'jobs', 'big', 'out'))).toEqual(['big.bin']);
    expect((await fs.readdir(path.join(dir, 'got'))).sort()).toEqual(['a.png', 'big.bin']);
  });

  test('a copy that fails leaves neither the target nor its temporary file', async () => {
    const store = new FolderFileStore(root);
    await expect(store.put('jobs/f/in/x.png', path.join(dir, 'no-such-source.png'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fs.readdir(path.join(root, 'jobs', 'f', 'in'))).toEqual([]);
  });

  test('keys that climb out of the folder are refused and nothing is written outside it', async () => {
    const store = new FolderFileStore(root);
    const src = path.join(dir, 'a.png');
    for (const bad of ['../escape.png', 'jobs/../../escape.png', '/tmp/escape.png', 'a\\..\\b', 'jobs//x', '.']) {
      await expect(store.put(bad, src)).rejects.toThrow(/not a store key/);
      await expect(store.get(bad, path.join(dir, 'never.png'))).rejects.toThrow(/not a store key/);
      await expect(store.exists(bad)).rejects.toThrow(/not a store key/);
    }
    await expect(store.deletePrefix('..')).rejects.toThrow(/not a store key/);
    expect(await fs.readdir(dir)).not.toContain('escape.png');
    expect(await fs.stat(root)).toBeTruthy();
  });
});
