import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { missingServeFlags, SERVE_NODE_FLAGS } from '../src/serve-runtime.js';

const BIN = fileURLToPath(new URL('../bin/kingjam-cloud.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../dist/cloud-sync/src/serve-runtime.js', import.meta.url)));

describe('the flags kingjam-cloud serve runs under', () => {
  it('are missing until given on the command line or in NODE_OPTIONS, under either spelling', () => {
    expect(SERVE_NODE_FLAGS).toEqual(['--max-semi-space-size=2', '--heap-growing-percent=400']);
    expect(missingServeFlags([], '')).toEqual(SERVE_NODE_FLAGS);
    expect(missingServeFlags(['--import', 'tsx'], '--enable-source-maps')).toEqual(SERVE_NODE_FLAGS);
    expect(missingServeFlags(['--max-semi-space-size=2'])).toEqual(['--heap-growing-percent=400']);
    expect(missingServeFlags(['--max-semi-space-size=2', '--heap-growing-percent=400'])).toEqual([]);
    // The operator's own sizes are kept, not overridden.
    expect(missingServeFlags([], '--max-old-space-size=512 --max-semi-space-size=8 --heap-growing-percent=100')).toEqual([]);
    expect(missingServeFlags(['--max_semi_space_size=4', '--heap_growing_percent=50'])).toEqual([]);
  });
});

/** Command lines of the processes `pid` started (Linux /proc). */
function childCommandLines(pid: number): string[][] {
  const kids = readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  return kids.map((k) => readFileSync(`/proc/${k}/cmdline`, 'utf8').split('\0').filter(Boolean));
}

const dir = mkdtempSync(join(tmpdir(), 'kingjam-serve-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `node [nodeFlags] bin/kingjam-cloud.js serve` on a fresh database: the process, its exit code, and its first line. */
async function serve(nodeFlags: readonly string[], db: string) {
  const child = spawn(process.execPath, [...nodeFlags, BIN, 'serve', '--port', '0', '--db', join(dir, db)], {
    env: { ...process.env, NODE_OPTIONS: '', KINGJAM_JWT_SECRET: 'x'.repeat(48), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { child, exited, line };
}

// The command is the compiled one: `npm test` builds before it runs the tests.
describe.skipIf(!BUILT || process.platform !== 'linux')('kingjam-cloud serve (the built command)', () => {
  it('runs the server in a child with the flags, passes SIGTERM on and exits as the server does', async () => {
    const { child: wrapper, exited, line } = await serve([], 'serve.db');
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${line.slice('listening on '.length)}/v1/health`);
    expect(answer.status).toBe(200);
    const children = childCommandLines(wrapper.pid!);
    expect(children).toHaveLength(1);
    expect(children[0]).toEqual(expect.arrayContaining([...SERVE_NODE_FLAGS, BIN, 'serve']));
    wrapper.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('starts no child when the flags are given', async () => {
    const { child, exited, line } = await serve(SERVE_NODE_FLAGS, 'direct.db');
    expect(line).toMatch(/^listening on /);
    expect(childCommandLines(child.pid!).filter((c) => c.includes('serve'))).toEqual([]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('stops cleanly when a second signal comes while it stops (Ctrl-C reaches the server twice)', async () => {
    const { child, exited } = await serve(SERVE_NODE_FLAGS, 'twice.db');
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);
});
