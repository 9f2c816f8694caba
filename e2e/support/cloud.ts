import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './server.js';

export interface CloudServer {
  /** http://127.0.0.1:PORT */
  url: string;
  log(): string;
  /** Registers a user through the HTTP API (the Free plan's 200 PROMO credits come with it). */
  register(email: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts cloud-sync from its sources (tsx) on a fresh SQLite file on loopback and waits for `listening on …`. */
export async function startCloudServer(): Promise<CloudServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-cloud-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloud-sync/src/main.ts', 'serve', '--port', '0', '--db', path.join(dir, 'cloud.db')], {
    cwd: REPO_ROOT,
    env: { ...process.env, KINGJAM_JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => output.push(chunk));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kingjam-cloud printed nothing in 30 s:\n${output.join('')}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`kingjam-cloud exited (${code ?? signal}):\n${output.join('')}`));
    });
  });
  lines.on('line', (line) => output.push(`${line}\n`));
  const match = /^listening on (http:\/\/\S+)$/.exec(first);
  if (!match?.[1]) throw new Error(`kingjam-cloud's first line is not "listening on …": ${first}`);
  const url = match[1].replace(/\/$/, '');

  return {
    url,
    log: () => output.join(''),
    async register(email, password) {
      const res = await fetch(`${url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!res.ok) throw new Error(`register answered ${res.status}: ${await res.text()}`);
    },
    async stop() {
      if (!(await exited(child, 0))) {
        child.kill('SIGTERM');
        if (!(await exited(child, 10_000))) {
          child.kill('SIGKILL');
          await exited(child, 5_000);
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
