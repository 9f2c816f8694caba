import { NodeWorkerSpawner } from '../jobs/node-transport.js';
import { Studio } from '../studio.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The engine for one CLI command, with Node worker processes. */
export function openCliStudio(startJobs = true): Studio {
  return Studio.open({ spawner: new NodeWorkerSpawner(), startJobs });
}
