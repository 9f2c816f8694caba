import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from '../../shared/jobs/protocol.js';
import { heapCapArgs } from '../jobs/memory-cap.js';
import type { SpawnOptions, WorkerHandle, WorkerSpawner } from '../jobs/transport.js';

/** Worker processes as Electron utility processes; the worker finds `process.parentPort`. */
export class UtilityProcessSpawner implements WorkerSpawner {
  spawn(options: SpawnOptions): WorkerHandle {
    const entry = fileURLToPath(new URL('../../workers/entry.js', import.meta.url));
    const child = utilityProcess.fork(entry, [`--name=${options.name}`], {
      serviceName: options.name,
      execArgv: heapCapArgs(options.memoryLimitMb),
      env: { ...process.env, ...options.env },
      stdio: 'inherit',
    });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message: ToWorker) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (m: unknown) => listener(m as FromWorker));
      },
      onExit(listener) {
        child.on('exit', (code) => listener(code, null));
      },
      kill() {
        if (!exited) child.kill();
      },
    };
  }
}
