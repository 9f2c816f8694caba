import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { httpStatusFor, toErrorInfo } from '../../shared/errors.js';
import { mimeFor, resolveLibraryFile } from '../library/media-path.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

/** Must run before app 'ready'. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: 'kingjam-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

function fileResponse(file: string, headers: Record<string, string> = {}): Response {
  const stream = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  return new Response(stream, { headers: { 'Content-Type': mimeFor(file), 'X-Content-Type-Options': 'nosniff', ...headers } });
}

function errorResponse(err: unknown): Response {
  const info = toErrorInfo(err);
  return new Response(info.message, { status: httpStatusFor(info.code) });
}

/** app://studio/… serves the built renderer; kingjam-media://library/… serves only files inside the media library. */
export function handleProtocols(rendererDir: string, libraryDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(root, rel);
    if (url.host !== 'studio' || !file.startsWith(root + path.sep) || !fs.existsSync(file)) {
      return new Response('Not found', { status: 404 });
    }
    return fileResponse(file, file.endsWith('.html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {});
  });
  protocol.handle('kingjam-media', (request) => {
    try {
      const url = new URL(request.url);
      if (url.host !== 'library') return new Response('Forbidden', { status: 403 });
      return fileResponse(resolveLibraryFile(libraryDir, url.pathname.slice(1)));
    } catch (err) {
      return errorResponse(err);
    }
  });
}
