import type { FromWorker, ToWorker } from '../../shared/jobs/protocol.js';

/**
 * The parent's side of a worker process. Two implementations: Node's
 * child_process.fork (CLI, tests) and Electron's utilityProcess.fork
 * (src/main/electron). Both carry the same messages.
 */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnOptions {
  /** A name for logs and process lists, e.g. "kingjam-worker-video". */
  name: string;
  env: Record<string, string>;
  /** Cap on the worker's V8 heap (MiB), passed as --max-old-space-size; the pool also watches its resident memory. */
  memoryLimitMb?: number;
}

export interface WorkerSpawner {
  spawn(options: SpawnOptions): WorkerHandle;
}
