import { NodeWorkerSpawner } from '../jobs/node-transport.js';
import { resolveDataDir } from '../paths.js';
import { openHeadlessSecrets } from '../secrets/store.js';
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
export async function openCliStudio(startJobs = true): Promise<Studio> {
  const home = resolveDataDir();
  return Studio.open({ home, spawner: new NodeWorkerSpawner(), startJobs, secrets: await openHeadlessSecrets(home) }).ready();
}
