import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { startCheckpointer as startThread, type Checkpointer, type CheckpointerOptions } from '../../../src/shared/sqlite-checkpoints.js';

export { BACKSTOP_CHECKPOINT_FRAMES, type Checkpointer } from '../../../src/shared/sqlite-checkpoints.js';

/** WAL checkpoints of the SQLite file `file` on a worker thread (src/shared/sqlite-checkpoints.ts says why). */
export function startCheckpointer(file: string, opts: CheckpointerOptions): Checkpointer {
  return startThread(Worker, createRequire(import.meta.url).resolve('better-sqlite3'), file, opts);
}
