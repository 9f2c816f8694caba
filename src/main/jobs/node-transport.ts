import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from '../../shared/jobs/protocol.js';
import { heapCapArgs } from './memory-cap.js';
import type { SpawnOptions, WorkerHandle, WorkerSpawner } from './transport.js';

/** The worker entry beside this module: compiled JS in dist/, TypeScript (through tsx) when run from source. */
export function workerEntry(): { file: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(`../../workers/entry.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  return { file, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export class NodeWorkerSpawner implements WorkerSpawner {
  spawn(options: SpawnOptions): WorkerHandle {
    const entry = workerEntry();
    const child = fork(entry.file, [`--name=${options.name}`], {
      execArgv: [...entry.execArgv, ...heapCapArgs(options.memoryLimitMb)],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message: ToWorker) {
        if (child.connected) child.send(message);
      },
      onMessage(listener) {
        child.on('message', (m) => listener(m as FromWorker));
      },
      onExit(listener) {
        child.on('exit', (code, signal) => listener(code, signal));
      },
      kill(signal = 'SIGKILL') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    };
  }
}
