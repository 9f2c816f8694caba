import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real redis-server on a free loopback port with its own data folder
 * (installed by scripts/test-all.sh through apt). Append-only persistence is
 * on, so `restart()` comes back with every job, as a production Redis does.
 * `available()` is false when the binary is missing (a developer machine
 * without Redis): suites skip with a message instead of failing.
 */
export class TestRedis {
  port = 0;
  private proc: ChildProcess | null = null;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'kingjam-redis-'));

  static binary(): string {
    return process.env.KINGJAM_REDIS_SERVER ?? 'redis-server';
  }

  static async available(): Promise<boolean> {
    return new Promise((resolve) => {
      const p = spawn(TestRedis.binary(), ['--version'], { stdio: 'ignore' });
      p.on('error', () => resolve(false));
      p.on('exit', (code) => resolve(code === 0));
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.port === 0) this.port = await freePort();
    this.proc = spawn(
      TestRedis.binary(),
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--protected-mode', 'no'],
      { stdio: 'ignore' },
    );
    await waitForPort(this.port, 10_000);
    return this;
  }

  /** Stops the server as an operator would (SIGTERM), so it keeps its data. */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  }

  async restart(downMs = 500): Promise<void> {
    await this.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
