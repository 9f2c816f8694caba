import fs from 'node:fs';
import path from 'node:path';
import type { OpenTarget } from '../../shared/api/contract.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/**
 * Maps a library path from a URL (web bridge /media/…, Electron's
 * kingjam-media://) to a file, refusing anything that would leave the
 * library folder: `..`, absolute paths, encoded separators, NUL bytes and
 * symlinks pointing out.
 */
export function resolveLibraryFile(libraryRoot: string, urlPath: string): string {
  const forbidden = () =>
    new StudioError({ code: 'FORBIDDEN', message: 'Only files inside the media library can be opened.', ...say('library.outsideLibrary') });
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
    throw new StudioError({ code: 'NOT_FOUND', message: 'That file is not in the media library.', ...say('library.fileGone') });
  }
  if (!real.startsWith(root + path.sep)) throw forbidden();
  return real;
}

/** What "Open" may hand to the system: media and documents the studio writes — never a script or a program. */
const OPENABLE = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif', 'mp4', 'm4v', 'mov', 'webm', 'mp3', 'wav', 'm4a', 'aac', 'ogg', 'flac', 'srt', 'md', 'html', 'txt', 'glb', 'pdf']);

/**
 * A library path (as for mediaUrl, not URL-encoded) to a file the desktop may open in its app:
 * inside the library (resolveLibraryFile's rules) and of a document or media kind.
 */
export function openableLibraryFile(libraryRoot: string, libraryPath: string): string {
  const file = resolveLibraryFile(libraryRoot, libraryPath.split('/').map(encodeURIComponent).join('/'));
  if (!OPENABLE.has(path.extname(file).slice(1).toLowerCase())) {
    const name = path.basename(file);
    throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${name}" is not a file the studio opens.`, ...say('library.cannotOpenType', { name }) });
  }
  return file;
}

/**
 * What a link with target=_blank (or window.open) in the page asked for, as a system.open target:
 * a library file behind kingjam-media://library/…, or a web link. Anything else is dropped.
 */
export function openTargetOfWindowRequest(url: string): OpenTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'kingjam-media:' && parsed.host === 'library') {
    try {
      return { kind: 'file', path: decodeURIComponent(parsed.pathname.slice(1)) };
    } catch {
      return null;
    }
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? { kind: 'url', url: parsed.toString() } : null;
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
