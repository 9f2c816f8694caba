import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { tempHome } from '../helpers/studio.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

export interface WorkerLine {
  event: string;
  worker: string;
  jobId: string;
  kind: string;
  attempt: number;
  at: number;
}

/** A real `kingjam worker --redis … --json` process, its job lines collected as they come. */
export class WorkerProcess {
  readonly lines: WorkerLine[] = [];
  readonly proc: ChildProcess;
  private ready: Promise<void>;

  constructor(redisUrl: string, storeDir: string, readonly name: string, concurrency = 'default=4', extraEnv: Record<string, string> = {}, extraArgs: string[] = []) {
    this.proc = spawn(
      process.execPath,
      [...CLI, 'worker', '--redis', redisUrl, '--store', storeDir, '--concurrency', concurrency, '--name', name, ...(extraArgs.includes('--lock-seconds') ? [] : ['--lock-seconds', '3']), '--json', ...extraArgs],
      { cwd: ROOT, env: { ...process.env, KINGJAM_HOME: tempHome(`kingjam-${name}-`), ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buffer = '';
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as WorkerLine;
        if (parsed.event === 'worker.ready') markReady();
        else this.lines.push(parsed);
      }
    });
  }

  started(): Promise<void> {
    return this.ready;
  }

  starts(): WorkerLine[] {
    return this.lines.filter((l) => l.event === 'job.start');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill(signal);
    });
  }
}
