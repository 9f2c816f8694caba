import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/main/store/db.js';
import { BACKSTOP_CHECKPOINT_FRAMES, startCheckpointer } from '../src/shared/sqlite-checkpoints.js';
import { tempHome } from './helpers/studio.js';

const require = createRequire(import.meta.url);

/** Rows of ~1 KiB, one commit each: a page or more of WAL per commit, as the outbox's writes are. */
function writeRows(store: { sqlite: BetterSqlite3.Database }, n: number, from = 0): void {
  const insert = store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (let i = from; i < from + n; i++) insert.run(`k${i}`, 'x'.repeat(1000));
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe('WAL checkpoints on a worker thread (desktop store)', () => {
  it('copies the log into the database file off the main connection, whose own checkpoint is only a backstop', async () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    const store = openStore(file, { checkpointThreadAfterMs: 0 });
    expect(await until(() => store.sqlite.pragma('wal_autocheckpoint', { simple: true }) === BACKSTOP_CHECKPOINT_FRAMES, 1000)).toBe(true);
    const before = fs.statSync(file).size;
    // ~3 MB of rows: well under the backstop, so only the thread can have copied them into the file.
    writeRows(store, 3000);
    expect(await until(() => fs.statSync(file).size > before + 2_500_000, 5000)).toBe(true);
    store.close();
    // The main connection closed last: it cleaned the WAL up, and everything is in the file.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = openStore(file, { checkpointThreadAfterMs: null });
    expect((again.sqlite.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }).n).toBe(3000);
    again.close();
  });

  it('a store open only a moment never starts the thread: the connection checkpoints as SQLite does by default', async () => {
    const store = openStore(path.join(tempHome(), 'studio.sqlite'), { checkpointThreadAfterMs: 300 });
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_FRAMES);
    store.close();
    const never = openStore(path.join(tempHome(), 'studio.sqlite'), { checkpointThreadAfterMs: null });
    await new Promise((r) => setTimeout(r, 100));
    expect(never.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    never.close();
  });

  it('closes at once after the thread was started (it is still starting) and loses nothing', async () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    for (let round = 0; round < 3; round++) {
      const store = openStore(file, { checkpointThreadAfterMs: 0 });
      writeRows(store, 50, round * 50);
      // The thread is created on the timer; its start takes tens of ms more.
      await new Promise((r) => setTimeout(r, 5));
      expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_FRAMES);
      const start = performance.now();
      store.close();
      expect(performance.now() - start).toBeLessThan(1500);
    }
    const store = openStore(file, { checkpointThreadAfterMs: null });
    expect((store.sqlite.prepare("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }).n).toBe(150);
    store.close();
  });

  it('a thread that cannot open the database says so at once, and stopping it does not wait', async () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    openStore(file, { checkpointThreadAfterMs: null }).close();
    const errors: Error[] = [];
    const checkpointer = startCheckpointer(Worker, path.join(tempHome(), 'no-such-driver.js'), file, { synchronous: 'NORMAL', onError: (err) => errors.push(err) });
    expect(await until(() => errors.length > 0, 5000)).toBe(true);
    expect(errors[0]!.message).toMatch(/Cannot find module/);
    const start = performance.now();
    checkpointer.stopNow();
    await checkpointer.stop();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('a thread that has idled (its ticks backed off) still copies what is written after', async () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    openStore(file, { checkpointThreadAfterMs: null }).close();
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_FRAMES}`);
    const checkpointer = startCheckpointer(Worker, require.resolve('better-sqlite3'), file, { synchronous: 'NORMAL', intervalMs: 10, idleMs: 200 });
    // Nothing written for a while: the thread's waits grow to idleMs.
    await new Promise((r) => setTimeout(r, 800));
    const before = fs.statSync(file).size;
    writeRows({ sqlite: db }, 2000);
    expect(await until(() => fs.statSync(file).size > before + 1_500_000, 1000)).toBe(true);
    checkpointer.stopNow();
    db.close();
  });
});
