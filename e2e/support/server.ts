import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface StudioServer {
  /** The URL printed by `kingjam serve`, with `#token=…`. */
  url: string;
  origin: string;
  token: string;
  /** The fresh KINGJAM_HOME this server runs on. */
  home: string;
  /** Everything the server wrote, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `node bin/kingjam.js serve --port 0` on a fresh data folder and waits for its URL. */
export async function startStudioServer(extraEnv: Record<string, string> = {}): Promise<StudioServer> {
  const home = await mkdtemp(path.join(tmpdir(), 'kingjam-e2e-'));
  const child = spawn(process.execPath, ['bin/kingjam.js', 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...extraEnv, KINGJAM_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => output.push(chunk));

  const lines = createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kingjam serve printed no URL in 60 s:\n${output.join('')}`)), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`kingjam serve exited (${code ?? signal}) before printing its URL:\n${output.join('')}`));
    });
  });
  lines.on('line', (line) => output.push(`${line}\n`));

  const url = new URL(firstLine);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) throw new Error(`The first line of kingjam serve has no #token=…: ${firstLine}`);

  return {
    url: firstLine,
    origin: url.origin,
    token,
    home,
    log: () => output.join(''),
    async stop() {
      if (!(await waitForExit(child, 0))) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 10_000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** One call of the studio's API through the server's bridge, as the page makes it; an error answer throws. */
export async function bridgeCall<T>(server: StudioServer, name: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.origin}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Imports pictures into the Library and waits until they are ready: a worker probes each, and the page lists them only then. */
export async function importReadyImages(server: StudioServer, files: string[], timeoutMs: number): Promise<void> {
  await bridgeCall(server, 'library.import', { paths: files });
  const deadline = Date.now() + timeoutMs;
  while ((await bridgeCall<{ items: { status: string }[] }>(server, 'library.list', { kind: 'image', limit: 10 })).items.filter((a) => a.status === 'ready').length < files.length) {
    if (Date.now() > deadline) throw new Error(`the imports were not ready in time:\n${server.log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
