/**
 * SQLite in WAL mode copies the log back into the database file in "checkpoints", each ending in
 * an fsync. Left to itself it does that inside whichever COMMIT crosses `wal_autocheckpoint`, and
 * better-sqlite3 being synchronous, the process's event loop stands still for the whole copy and
 * fsync (measured: about 40 % of the wall time of a gateway hold + capture pair in cloud-sync, and
 * about 45 % of the desktop's commit time while the outbox publishes). This moves checkpoints to a
 * worker thread with its own connection, so the fsync waits there. The desktop store
 * (src/main/store/db.ts) and cloud-sync's SQLite connection both use it.
 *
 * Durability is unchanged: a commit is in the WAL before COMMIT returns, wherever the checkpoint
 * runs. The WAL stays bounded: PASSIVE checkpoints (they never block the writer) every few ms while
 * writes come (an idle database costs one read a second), and
 * when the log has grown past `restartFrames` despite them (a steady stream of writes keeps it from
 * ever being fully copied), one RESTART checkpoint, which briefly holds the writer back so the next
 * write starts the log over. The main connection keeps a large `wal_autocheckpoint`
 * (BACKSTOP_CHECKPOINT_FRAMES) as a backstop should the thread ever stop.
 *
 * This layer imports nothing from Node: the caller hands in `worker_threads`' Worker and the path
 * of the better-sqlite3 driver.
 */

/** What is used of node:worker_threads' Worker. */
export interface CheckpointThread {
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  unref(): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  once(event: 'exit', listener: () => void): unknown;
}
export type CheckpointThreadConstructor = new (source: string, options: { eval: true; workerData: unknown }) => CheckpointThread;

export interface Checkpointer {
  /** Ends the thread, its connection closed first (the caller's connection, closed last, then cleans the WAL up). */
  stop(): Promise<void>;
  /** The same for a caller that closes synchronously: blocks until the thread has closed its connection (2 s at most). */
  stopNow(): void;
}

export interface CheckpointerOptions {
  synchronous: 'NORMAL' | 'FULL';
  intervalMs?: number;
  /** The longest wait between ticks while nothing is written (default 1000 ms). */
  idleMs?: number;
  /** Log size (frames) past which a RESTART checkpoint runs (default RESTART_FRAMES). */
  restartFrames?: number;
  restartBusyMs?: number;
  /** The thread failed (it could not load the driver or open the file): the caller puts its own automatic checkpoints back. */
  onError?: (err: Error) => void;
}

/**
 * A RESTART keeps writers out while it copies what the last PASSIVE left and fsyncs, and the
 * main connection, waiting in SQLite's busy handler, sleeps 1, 2, 5 ms… — about 8 ms a time under
 * load. Fewer restarts, fewer stalls: bench:ledger on SQLite, alternating runs on an idle machine,
 * measured 1,944–1,948 pairs/s restarting past 1,000 frames, 2,017–2,146 past 4,000, 2,162–2,231
 * past 12,000 and 2,190–2,296 past 24,000. The log then reaches ≈ 48 MB (4 KiB pages).
 */
const RESTART_FRAMES = 12_000;
/**
 * The main connection's own `wal_autocheckpoint`: only a backstop should the thread stop. Well
 * above RESTART_FRAMES, or it would fire first — on the event loop.
 */
export const BACKSTOP_CHECKPOINT_FRAMES = 30_000;

/** How long `stopNow` waits for the thread to close its connection before it terminates it. */
const STOP_WAIT_MS = 2000;

// Plain CommonJS run with `eval: true`: the worker then needs no file of its own, so it runs the
// same from the TypeScript sources (tsx, vitest) and from the compiled dist/. It is the thread's
// program, not this module's code: it reaches worker_threads through process.getBuiltinModule
// (Node ≥ 20.16), which the layer check does not mistake for an import of this module. `closed`
// (shared with the caller) becomes 1 once the connection is closed, 2 if the thread could not open one.
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const closed = new Int32Array(workerData.closed);
const done = (state) => { Atomics.store(closed, 0, state); Atomics.notify(closed, 0); };
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('synchronous = ' + workerData.synchronous);
} catch (err) {
  done(2);
  throw err;
}
// Prepared once: a tick on an idle database is one read of data_version.
const dataVersion = db.prepare('PRAGMA data_version').pluck();
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
db.pragma('busy_timeout = 0');
let timer = null;
let stopped = false;
let seenVersion = null;
let behind = false;
let delay = workerData.intervalMs;
const tick = () => {
  if (stopped) return;
  let written = false;
  try {
    const version = dataVersion.get();
    // Another connection committed since the last tick, or the last checkpoint could not copy it all (a reader held frames).
    written = version !== seenVersion;
    if (written || behind) {
      seenVersion = version;
      const r = passive.get();
      behind = !!r && r.checkpointed < r.log;
      if (r && r.log > workerData.restartFrames) {
        db.pragma('busy_timeout = ' + workerData.restartBusyMs);
        try { db.pragma('wal_checkpoint(RESTART)'); } finally { db.pragma('busy_timeout = 0'); }
      }
    }
  } catch (err) {
    // SQLITE_BUSY/LOCKED: another checkpoint or a long reader; the next tick tries again.
    behind = true;
  }
  // Written to: every intervalMs. Otherwise the wait doubles up to idleMs, so an idle app wakes about once a second.
  delay = written ? workerData.intervalMs : Math.min(delay * 2, workerData.idleMs);
  timer = setTimeout(tick, delay);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  if (timer) clearTimeout(timer);
  try { db.close(); } finally { done(1); parentPort.close(); }
});
`;

/** Starts the checkpoint thread for the SQLite file `file` (already in WAL mode). */
export function startCheckpointer(Thread: CheckpointThreadConstructor, driver: string, file: string, opts: CheckpointerOptions): Checkpointer {
  const closed = new SharedArrayBuffer(4);
  const worker = new Thread(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file,
      closed,
      synchronous: opts.synchronous,
      intervalMs: opts.intervalMs ?? 20,
      idleMs: opts.idleMs ?? 1000,
      restartFrames: opts.restartFrames ?? RESTART_FRAMES,
      restartBusyMs: opts.restartBusyMs ?? 50,
    },
  });
  // It never keeps a CLI command alive; `stop` (from the caller's close) ends it properly.
  worker.unref();
  let error: Error | null = null;
  let stopping = false;
  worker.on('error', (err) => {
    error = err;
    opts.onError?.(err);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ask = (): void => {
    if (stopping) return;
    stopping = true;
    if (error === null) worker.postMessage('stop');
  };
  return {
    async stop() {
      ask();
      const timeout = setTimeout(() => void worker.terminate(), STOP_WAIT_MS);
      await exited;
      clearTimeout(timeout);
    },
    stopNow() {
      ask();
      if (error !== null) return;
      let answered = false;
      try {
        answered = Atomics.wait(new Int32Array(closed), 0, 0, STOP_WAIT_MS) !== 'timed-out';
      } catch {
        // A thread that may not block (Atomics.wait refused): the thread is ended without waiting; better-sqlite3 closes its connection as it goes.
      }
      if (!answered) void worker.terminate();
    },
  };
}
