import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { plainExchange } from '../../src/node/plain-http.js';
import { PublishFailure } from '../../src/workers/publish/failure.js';
import type { PublishContext, RelayedFile } from '../../src/workers/publish/types.js';

/**
 * What a publisher gets in a test: the worker's real HTTP clients (fetch, and
 * the plain exchange most calls take) against a loopback fake,
 * checkpoints kept in memory (`saved`, newest last), sleeps shortened, and a
 * relay that serves files from a loopback server (the platform fakes fetch
 * media from it as the real platforms fetch from cloud-sync's relay).
 */
export interface TestContext extends PublishContext {
  saved: unknown[];
}

export interface TestContextOptions {
  baseUrl: string;
  token?: string;
  postId?: string;
  attempt?: number;
  checkpoint?: unknown;
  relay?: TestRelay;
  /** Real sleeps are divided by this (default 100: a 5 s poll waits 50 ms). */
  sleepDivisor?: number;
  signal?: AbortSignal;
}

export function testPublishContext(o: TestContextOptions): TestContext {
  const saved: unknown[] = [];
  const divisor = o.sleepDivisor ?? 100;
  const ctx: TestContext = {
    postId: o.postId ?? randomUUID(),
    attempt: o.attempt ?? 1,
    token: o.token ?? 'test-token',
    baseUrl: o.baseUrl,
    signal: o.signal ?? new AbortController().signal,
    checkpoint: o.checkpoint ?? null,
    saved,
    async saveCheckpoint(state) {
      saved.push(state);
      ctx.checkpoint = state;
    },
    progress: () => undefined,
    relay: async (path, mime) => {
      if (!o.relay) throw new Error('this test context has no relay');
      return o.relay.put(path, mime);
    },
    fetch: (input, init) => fetch(input, init),
    exchange: plainExchange,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.ceil(ms / divisor))),
    now: () => Date.now(),
  };
  return ctx;
}

/** A loopback stand-in for cloud-sync's media relay: files served at unguessable URLs, each fetch counted. */
export interface TestRelay {
  url: string;
  put(path: string, mime: string): Promise<RelayedFile>;
  /** How many times each relayed URL was fetched. */
  fetches: Map<string, number>;
  close(): Promise<void>;
}

export async function startTestRelay(): Promise<TestRelay> {
  const files = new Map<string, { path: string; mime: string }>();
  const fetches = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const file = files.get(req.url ?? '');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const url = `${base}${req.url}`;
    fetches.set(url, (fetches.get(url) ?? 0) + 1);
    res.writeHead(200, { 'content-type': file.mime, 'content-length': fs.statSync(file.path).size });
    fs.createReadStream(file.path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    fetches,
    async put(path, mime) {
      const id = randomUUID();
      const key = `/m/${id}`;
      files.set(key, { path, mime });
      return { id, url: `${base}${key}`, expiresAt: Date.now() + 24 * 3600_000 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The PublishFailure a promise rejects with (fails the test when it resolves or throws something else). */
export async function failureOf(p: Promise<unknown>): Promise<PublishFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PublishFailure) return err;
    throw err;
  }
  throw new Error('expected a PublishFailure, but the call succeeded');
}
