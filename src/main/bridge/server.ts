import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../shared/csp.js';
import { httpStatusFor, StudioError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { dispatchCall } from '../api/dispatch.js';
import { tooLarge } from '../client-files.js';
import { createHandlers } from '../api/handlers.js';
import { mimeFor, resolveLibraryFile } from '../library/media-path.js';
import { MAX_IMPORT_BYTES } from '../library/service.js';
import type { Studio } from '../studio.js';
import { BridgeAuth, EVENTS_PROTOCOL } from './auth.js';
import { answerKolHook, KOL_HOOK_PATH } from './kol-hooks.js';
import { METRICS_CONTENT_TYPE } from '../lifecycle/metrics.js';

export interface BridgeOptions {
  port: number;
  host: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  token?: string;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** For files from the library: pictures, video and inline styles of the same origin, nothing that runs. */
const MEDIA_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; font-src 'self'";

/** How long a WebSocket may stay open without having sent its token. */
const WS_AUTH_TIMEOUT_MS = 10_000;
/** Close code for a WebSocket whose token was missing or wrong (4000–4999: the application's own). */
export const WS_UNAUTHORIZED = 4401;

/** Room for the largest call: a ComfyUI workflow's JSON text (2 MB), escaped inside the body. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const MAX_FILE_NAME_BYTES = 255;

/**
 * The web bridge: the same API as the desktop's IPC, over HTTP + WebSocket,
 * for a browser on this machine (UI tests, a headless render box). Every
 * API, upload, media and event request needs the token printed at start
 * (how it travels: ./auth.ts), and a browser's request from another origin is refused.
 */
export async function startBridge(studio: Studio, options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const auth = new BridgeAuth(token);
  const handlers = createHandlers(studio, 'web');
  const rendererRoot = path.resolve(options.rendererDir);
  let allowedHosts = new Set<string>();
  let csp = '';

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, toErrorInfo(err)));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A KOL schedule's webhook (./kol-hooks.ts): signed with the schedule's secret instead of the session token, and
    // reachable under any Host (a tunnel or reverse proxy forwards it); a browser's cross-site request is still refused.
    const hook = KOL_HOOK_PATH.exec((req.url ?? '/').split('?')[0]!);
    if (hook) {
      if (req.method !== 'POST') return sendError(res, { code: 'NOT_FOUND', message: 'Webhook events are POST requests.' }, 405);
      if (!auth.originAllowed(req)) return sendError(res, { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' });
      const result = await answerKolHook(studio.kolTriggers, hook[1]!, req);
      if (result.fired) return sendJson(res, 202, { fired: true, runId: result.run?.id ?? null, batchId: result.run?.batchId ?? null });
      // Signed and new, but the batch did not start: the event was not used, so the sender may send it again.
      return sendError(res, { code: 'INTERNAL', message: 'The event was received but its posts could not be started.', retryable: true, ...(result.reason ?? {}) }, 503);
    }
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach us.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendError(res, { code: 'FORBIDDEN', message: 'Unknown Host header.' });
    }
    // Another site's page may reach loopback too: it is refused before anything else is looked at.
    if (!auth.originAllowed(req)) return sendError(res, { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' });
    // The raw path, before URL parsing folds `..` away: a traversal attempt is refused, not silently rewritten.
    const rawPath = (req.url ?? '/').split('?')[0]!;
    if (rawPath.split('/').includes('..')) return sendError(res, { code: 'FORBIDDEN', message: 'Only files inside the media library can be opened.' });
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendError(res, { code: 'NOT_FOUND', message: 'API calls are POST requests.' }, 405);
      if (!auth.bearer(req)) return unauthorized(res);
      const cookie = auth.mediaCookieFor(req);
      if (cookie) res.setHeader('Set-Cookie', cookie);
      const body = await readJson(req);
      const result = await dispatchCall(handlers, decodeURIComponent(url.pathname.slice(5)), body);
      if (result.ok) return sendJson(res, 200, result.value ?? null);
      return sendError(res, result.error);
    }
    if (url.pathname === '/metrics') {
      // Prometheus scrapes with `authorization: { credentials: <token> }`: the bridge's own token, nothing weaker.
      if (req.method !== 'GET') return sendError(res, { code: 'NOT_FOUND', message: 'Metrics are read with GET.' }, 405);
      if (!auth.bearer(req)) return unauthorized(res);
      const text = studio.lifecycle.metrics();
      res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (url.pathname === '/upload') {
      if (req.method !== 'POST') return sendError(res, { code: 'NOT_FOUND', message: 'Uploads are POST requests.' }, 405);
      if (!auth.bearer(req)) return unauthorized(res);
      return sendJson(res, 200, { path: await stageUpload(req) });
    }
    if (url.pathname.startsWith('/media/')) {
      if (!auth.media(req)) return unauthorized(res);
      // A generated HTML file (a blog export) runs no script with the bridge's origin; its own images still load.
      res.setHeader('Content-Security-Policy', MEDIA_CSP);
      return serveFile(req, res, resolveLibraryFile(studio.paths.library, rawPath.slice(7)), 'private, max-age=3600');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'NOT_FOUND', message: 'Not found.' }, 405);
    return serveRenderer(req, res, url.pathname);
  }

  async function stageUpload(req: http.IncomingMessage): Promise<string> {
    const rawName = String(req.headers['x-file-name'] ?? '');
    let name: string;
    try {
      name = path.basename(decodeURIComponent(rawName)).replace(/[\0/\\]/g, '_');
    } catch {
      name = '';
    }
    if (!name || name === '.' || name === '..') {
      throw new StudioError({ code: 'BAD_INPUT', message: 'X-File-Name: the file name is missing.', field: 'X-File-Name', ...say('upload.noFileName') });
    }
    // File systems refuse names over 255 bytes, and their error would quote the staging path.
    if (Buffer.byteLength(name) > MAX_FILE_NAME_BYTES) {
      throw new StudioError({
        code: 'BAD_INPUT',
        message: `X-File-Name: the file name is too long (at most ${MAX_FILE_NAME_BYTES} bytes).`,
        field: 'X-File-Name',
        ...say('upload.fileNameTooLong', { limit: MAX_FILE_NAME_BYTES }),
      });
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_IMPORT_BYTES) throw tooLarge(name, MAX_IMPORT_BYTES);
    const dir = path.join(studio.paths.staging, randomUUID());
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_IMPORT_BYTES) req.destroy(tooLarge(name, MAX_IMPORT_BYTES));
    });
    try {
      await pipeline(req, fs.createWriteStream(file));
    } catch (err) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      throw err;
    }
    return file;
  }

  async function serveRenderer(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = path.resolve(rendererRoot, rel);
    if (!file.startsWith(rendererRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (!fs.existsSync(path.join(rendererRoot, 'index.html'))) {
        return sendError(res, {
          code: 'NOT_FOUND',
          message: `The renderer is not built (${rendererRoot} has no index.html). Run \`npm run build\`.`,
        });
      }
      return sendError(res, { code: 'NOT_FOUND', message: 'Not found.' });
    }
    if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', csp);
    return serveFile(req, res, file, file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
  }

  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false) });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    if (!allowedHosts.has(req.headers.host ?? '') || !auth.originAllowed(req)) return refuse('403 Forbidden');
    if (url.pathname !== '/events') return refuse('404 Not Found');
    const offered = new Set(
      String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    );
    const byProtocol = auth.subprotocol(offered);
    if (byProtocol === 'invalid') return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (byProtocol === 'valid') return admit(ws);
      // No token offered at the upgrade: the first message must carry it, soon; nothing is sent before.
      const timer = setTimeout(() => ws.close(WS_UNAUTHORIZED, 'unauthorized'), WS_AUTH_TIMEOUT_MS);
      ws.once('message', (data, isBinary) => {
        clearTimeout(timer);
        if (!isBinary && auth.firstMessage(String(data))) admit(ws);
        else ws.close(WS_UNAUTHORIZED, 'unauthorized');
      });
      ws.once('close', () => clearTimeout(timer));
    });
  });

  function admit(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send(JSON.stringify({ type: 'ready' }));
  }
  const unsubscribe = studio.events.onAny((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${options.host}:${port}`]);
  auth.listening(port, allowedHosts);
  csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`], mediaSchemes: [] });

  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      const limit = `${MAX_JSON_BYTES / 1024 ** 2} MiB`;
      throw new StudioError({ code: 'BAD_INPUT', message: `The request body is larger than ${limit}.`, ...say('request.tooLarge', { limit }) });
    }
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new StudioError({ code: 'BAD_INPUT', message: 'The request body is not valid JSON.', ...say('request.notJson') });
  }
}

async function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, cache: string): Promise<void> {
  const stat = await fs.promises.stat(file);
  res.setHeader('Content-Type', mimeFor(file));
  res.setHeader('Cache-Control', cache);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Accept-Ranges', 'bytes');
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
  let start = 0;
  let end = stat.size - 1;
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, stat.size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), stat.size - 1) : stat.size - 1;
    if (start > end || start >= stat.size) {
      res.writeHead(416, { 'Content-Range': `bytes */${stat.size}` }).end();
      return;
    }
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${stat.size}`, 'Content-Length': end - start + 1 });
  } else {
    res.writeHead(200, { 'Content-Length': stat.size });
  }
  if (req.method === 'HEAD' || stat.size === 0) {
    res.end();
    return;
  }
  await pipeline(fs.createReadStream(file, { start, end }), res);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ErrorInfo, status = httpStatusFor(error.code)): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error });
}

function unauthorized(res: http.ServerResponse): void {
  sendError(res, { code: 'UNAUTHORIZED', message: 'Missing or wrong token. Open the URL that `kingjam serve` printed.' });
}
