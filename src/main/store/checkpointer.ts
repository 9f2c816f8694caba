import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { startCheckpointer as startThread, type Checkpointer, type CheckpointerOptions } from '../../shared/sqlite-checkpoints.js';

/** WAL checkpoints of the store's file on a worker thread, the main connection's only a backstop (src/shared/sqlite-checkpoints.ts says why). */
export function startStoreCheckpointer(file: string, opts: CheckpointerOptions): Checkpointer {
  return startThread(Worker, createRequire(import.meta.url).resolve('better-sqlite3'), file, opts);
}
