import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { StudioError } from '../../src/shared/errors.js';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server for provider tests: the real SDK talks HTTP to it, a
 * test supplies the answers in the service's wire format, and every request
 * (method, path, headers, body) is logged for assertions.
 */
export interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes as sent (an upload's file is not UTF-8). */
  raw: Buffer;
  json: unknown;
  /** Set when the client hung up before the answer was finished (a cancel reaching the server). */
  aborted: boolean;
}

export type Route = (req: Seen, res: http.ServerResponse) => void | Promise<void>;

export interface FakeServer {
  url: string;
  port: number;
  server: http.Server;
  seen: Seen[];
  /** Requests whose path starts with the prefix. */
  hits(prefix: string, method?: string): Seen[];
  close(): Promise<void>;
}

export async function startFake(route: Route): Promise<FakeServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      let json: unknown = null;
      try {
        json = body ? (JSON.parse(body) as unknown) : null;
      } catch {
        json = null;
      }
      const entry: Seen = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, raw, json, aborted: false };
      seen.push(entry);
      res.on('close', () => {
        if (!res.writableFinished) entry.aborted = true;
      });
      Promise.resolve(route(entry, res)).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    seen,
    hits: (prefix, method) => seen.filter((s) => s.path.startsWith(prefix) && (!method || s.method === method)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('waitFor: condition not met in time'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Fast retry settings so tests do not sleep for real backoff. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5000 };

/**
 * A fake server for a whole test file, and a scratch folder: started before its
 * tests, its requests forgotten after each, both gone after all. `route` is read
 * on every request, so a test can swap what the server answers.
 */
export function fakeSuite(tmpPrefix: string, route: () => Route): { readonly fake: FakeServer; readonly dir: string } {
  let fake: FakeServer | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    fake = await startFake((req, res) => route()(req, res));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  });
  afterAll(async () => {
    await fake?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (fake) fake.seen.length = 0;
  });
  return {
    get fake(): FakeServer {
      if (!fake) throw new Error('the fake server starts in beforeAll');
      return fake;
    },
    get dir(): string {
      if (!dir) throw new Error('the scratch folder is made in beforeAll');
      return dir;
    },
  };
}

/** The StudioError a provider call failed with (the test fails if it did not fail, or failed otherwise). */
export async function rejection(p: Promise<unknown>): Promise<StudioError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

/** A whole Gemini generateContent answer with one text part, as the API sends it. */
export function geminiAnswer(text: string, finishReason = 'STOP'): unknown {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 7, totalTokenCount: 19 },
    modelVersion: 'gemini-3.5-flash',
    responseId: 'r1',
  };
}
