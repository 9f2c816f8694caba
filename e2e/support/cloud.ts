import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { totpAt } from '../../cloud-sync/src/auth/totp.js';
import { consoleCodeFor } from '../../cloud-sync/test/support/mail.js';
import { REPO_ROOT } from './server.js';

export interface CloudServer {
  /** http://127.0.0.1:PORT */
  url: string;
  log(): string;
  /** The SQLite file it runs on (tests read what it stored). */
  dbFile: string;
  /** The keyed hash under which it stores a device id (its fingerprint key derives from its JWT secret). */
  deviceHash(id: string): string;
  /** The code in the last mail it printed to `email` (no SMTP here: mail goes to its console). */
  mailedCode(email: string): Promise<string>;
  /** Registers a user through the HTTP API and enters the code the cloud printed (the Free plan's 200 PROMO credits come with it); returns its access token. */
  register(email: string, password: string): Promise<string>;
  /** Turns on two-step sign-in for the user (its password is re-checked); returns the TOTP secret. */
  enableTotp(accessToken: string, password: string): Promise<string>;
  /** Stops the process and keeps its database (the studio sees the cloud go offline). */
  pause(): Promise<void>;
  /** Starts it again on the same port, database and signing key. */
  resume(): Promise<void>;
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

/** Runs `kingjam-cloud serve` from its sources (tsx) and waits for `listening on …`. */
async function spawnCloud(dir: string, port: number, secret: string, output: string[], extraEnv: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloud-sync/src/main.ts', 'serve', '--port', String(port), '--db', path.join(dir, 'cloud.db')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...extraEnv, KINGJAM_JWT_SECRET: secret, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  return { child, url: match[1].replace(/\/$/, '') };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (await exited(child, 0)) return;
  child.kill('SIGTERM');
  if (!(await exited(child, 10_000))) {
    child.kill('SIGKILL');
    await exited(child, 5_000);
  }
}

/**
 * Starts cloud-sync from its sources (tsx) on a fresh SQLite file on loopback and waits for `listening on …`;
 * `env` adds variables such as its gateway's upstreams (REPLICATE_API_TOKEN, KINGJAM_REPLICATE_BASE_URL).
 */
export async function startCloudServer(env: NodeJS.ProcessEnv = {}): Promise<CloudServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-cloud-'));
  const secret = randomBytes(32).toString('hex');
  const output: string[] = [];
  let { child, url } = await spawnCloud(dir, 0, secret, output, env);
  const port = Number(new URL(url).port);

  return {
    url,
    log: () => output.join(''),
    dbFile: path.join(dir, 'cloud.db'),
    deviceHash(id) {
      const key = createHash('sha256').update(`kingjam-fingerprints\u0000${secret}`).digest('hex');
      return createHmac('sha256', key).update(`device\u0000${id}`).digest('hex');
    },
    mailedCode: (email) => consoleCodeFor(() => output.join(''), email),
    async register(email, password) {
      const res = await fetch(`${url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!res.ok) throw new Error(`register answered ${res.status}: ${await res.text()}`);
      const code = await consoleCodeFor(() => output.join(''), email);
      const verified = await fetch(`${url}/v1/auth/verify-email`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, code }) });
      if (!verified.ok) throw new Error(`verify-email answered ${verified.status}: ${await verified.text()}`);
      return ((await verified.json()) as { access_token: string }).access_token;
    },
    async enableTotp(accessToken, password) {
      const post = async (route: string, body: unknown) => {
        const res = await fetch(`${url}${route}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as unknown;
      };
      const { secret } = (await post('/v1/auth/totp/enroll', { password })) as { secret: string };
      await post('/v1/auth/totp/verify', { code: totpAt(secret, Date.now()), password });
      return secret;
    },
    async pause() {
      await stopChild(child);
    },
    async resume() {
      ({ child, url } = await spawnCloud(dir, port, secret, output, env));
    },
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
