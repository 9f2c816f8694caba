import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode copies the log back into the database file in "checkpoints", each ending in
 * an fsync. Left to itself it does that inside whichever COMMIT crosses `wal_autocheckpoint`, and
 * better-sqlite3 being synchronous, the server's event loop stands still for the whole copy and
 * fsync (measured: about 40 % of the wall time of a hold + capture pair). This moves checkpoints to
 * a worker thread with its own connection, so the fsync waits there.
 *
 * Durability is unchanged: a commit is in the WAL before COMMIT returns, wherever the checkpoint
 * runs. The WAL stays bounded: PASSIVE checkpoints (they never block the writer) every few ms, and
 * when the log has grown past `restartFrames` despite them (a steady stream of writes keeps it from
 * ever being fully copied), one RESTART checkpoint, which briefly holds the writer back so the next
 * write starts the log over. The main connection keeps a large `wal_autocheckpoint` as a backstop
 * should this thread ever stop.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

// Plain CommonJS run with `eval: true`: the worker then needs no file of its own, so it runs the
// same from the TypeScript sources (tsx, vitest) and from the compiled dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
let timer = null;
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    db.pragma('busy_timeout = 0');
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (r && r.log > workerData.restartFrames) {
      db.pragma('busy_timeout = ' + workerData.restartBusyMs);
      db.pragma('wal_checkpoint(RESTART)');
    }
  } catch (err) {
    // SQLITE_BUSY/LOCKED: another checkpoint or a long reader; the next tick tries again.
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  try { db.close(); } finally { parentPort.close(); }
});
`;

export interface CheckpointerOptions {
  synchronous: 'NORMAL' | 'FULL';
  intervalMs?: number;
  /** Log size (frames) past which a RESTART checkpoint runs (default RESTART_FRAMES). */
  restartFrames?: number;
  restartBusyMs?: number;
}

/**
 * A RESTART keeps writers out while it copies what the last PASSIVE left and fsyncs, and the
 * main connection, waiting in SQLite's busy handler, sleeps 1, 2, 5 ms… — about 8 ms a time under
 * load. Fewer restarts, fewer stalls: bench:ledger on SQLite, alternating runs on an idle machine,
 * measured 1,944–1,948 pairs/s restarting past 1,000 frames, 2,017–2,146 past 4,000, 2,162–2,231
 * past 12,000 and 2,190–2,296 past 24,000. The log then reaches ≈ 48 MB (4 KiB pages).
 */
export const RESTART_FRAMES = 12_000;
/**
 * The main connection's own `wal_autocheckpoint`: only a backstop should this thread stop. Well
 * above RESTART_FRAMES, or it would fire first — on the event loop.
 */
export const BACKSTOP_CHECKPOINT_FRAMES = 30_000;

export function startCheckpointer(file: string, opts: CheckpointerOptions): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file,
      synchronous: opts.synchronous,
      intervalMs: opts.intervalMs ?? 20,
      restartFrames: opts.restartFrames ?? RESTART_FRAMES,
      restartBusyMs: opts.restartBusyMs ?? 50,
    },
  });
  // It never keeps a CLI command alive; `stop` (from DbHandle.close) ends it properly.
  worker.unref();
  let error: Error | null = null;
  worker.on('error', (err) => (error = err));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      if (error === null) worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
