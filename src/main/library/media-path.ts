import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';

/**
 * Maps a library path from a URL (web bridge /media/…, Electron's
 * kingjam-media://) to a file, refusing anything that would leave the
 * library folder: `..`, absolute paths, encoded separators, NUL bytes and
 * symlinks pointing out.
 */
export function resolveLibraryFile(libraryRoot: string, urlPath: string): string {
  const forbidden = () =>
    new StudioError({ code: 'FORBIDDEN', message: 'Only files inside the media library can be opened.' });
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    throw forbidden();
  }
  if (rel.includes('\0') || rel.includes('\\') || path.isAbsolute(rel) || rel.split('/').includes('..')) throw forbidden();
  const root = fs.realpathSync(libraryRoot);
  const candidate = path.resolve(root, rel);
  if (!candidate.startsWith(root + path.sep)) throw forbidden();
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    throw new StudioError({ code: 'NOT_FOUND', message: 'That file is not in the media library.' });
  }
  if (!real.startsWith(root + path.sep)) throw forbidden();
  return real;
}

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif',
  bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff', heic: 'image/heic', heif: 'image/heif', svg: 'image/svg+xml',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo',
  mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', aac: 'audio/aac', ogg: 'audio/ogg', oga: 'audio/ogg',
  flac: 'audio/flac', opus: 'audio/opus', srt: 'text/plain; charset=utf-8', glb: 'model/gltf-binary',
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8',
  map: 'application/json', json: 'application/json', woff2: 'font/woff2', ico: 'image/x-icon',
};

export function mimeFor(file: string): string {
  return MIME[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';
}
