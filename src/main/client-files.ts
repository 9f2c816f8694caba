import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../shared/errors.js';
import { say } from '../shared/messages.js';

/**
 * Which paths a client — the desktop window over IPC, a browser over the web
 * bridge — may make the studio read, and how such a file is read.
 *
 * A client may name a path that lies inside an allowed folder (the data
 * folder, the user's home, the app's shipped resources, folders listed in
 * KINGJAM_ALLOW_DIRS for a render box), or one the user picked in this
 * session (desktop: the preload reports a picked or dropped file, which page
 * script cannot fake; browser: a picked file is uploaded into the data
 * folder's staging area, so it is already inside).
 *
 * Symlinks are followed and their target is judged: the target must itself
 * be a regular file inside an allowed folder (or picked). A link to
 * /dev/zero or to a file outside is refused like the target would be.
 *
 * Only regular files are read (a FIFO, device, socket or directory is
 * refused before any read), they are opened without following a swapped-in
 * link and without blocking, re-checked on the open descriptor, and read up
 * to a byte limit, so no path can hang the studio or exhaust its memory.
 */
export interface PathScope {
  /** Whether the studio may read this real (symlink-free) path for a client. */
  allows(realPath: string): boolean;
}

/** The CLI: the user typed the path into their own shell. The regular-file and size checks still apply. */
export const ANY_PATH: PathScope = { allows: () => true };

export class ClientFileAccess implements PathScope {
  private readonly roots: string[];
  private readonly picked = new Set<string>();

  constructor(roots: string[]) {
    this.roots = [...new Set(roots.filter((r) => r.length > 0).map(realOrResolved))];
  }

  /** Desktop only: a file the user chose in a picker or dropped on the window. Missing files are ignored. */
  pick(file: string): void {
    if (!path.isAbsolute(file)) return;
    try {
      this.picked.add(fs.realpathSync(file));
    } catch {
      // Nothing to allow: the open will report it missing.
    }
  }

  allows(realPath: string): boolean {
    return this.picked.has(realPath) || this.roots.some((root) => isInside(root, realPath));
  }
}

/** The data folder, the user's home, the shipped resources and KINGJAM_ALLOW_DIRS (separated like PATH). */
export function defaultRoots(dataDir: string, resources: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.KINGJAM_ALLOW_DIRS ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d));
  return [dataDir, os.homedir(), resources, ...extra];
}

/** A scope that also allows one folder: a timeline's scenes resolve next to it. */
export function withFolder(scope: PathScope, folder: string): PathScope {
  const root = realOrResolved(folder);
  return { allows: (real) => isInside(root, real) || scope.allows(real) };
}

export interface CheckOptions {
  scope: PathScope;
  /** Refuse regular files larger than this. */
  maxBytes: number;
  /** Directories are accepted too (folder import); otherwise only a regular file is. */
  directories?: boolean;
}

export interface CheckedPath {
  /** The real path, symlinks resolved. */
  path: string;
  stat: fs.Stats;
}

/** lstat-based check of a client path, without reading it. Errors name the file, never its contents. */
export async function checkClientPath(input: string, options: CheckOptions): Promise<CheckedPath> {
  const abs = path.resolve(input);
  const name = path.basename(abs) || abs;
  let real: string;
  let stat: fs.Stats;
  try {
    real = await fs.promises.realpath(abs);
    // lstat of a symlink-free path: what is really there, never a link's own metadata.
    stat = await fs.promises.lstat(real);
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `"${name}" does not exist or cannot be read.`, ...say('file.notFound', { name }) });
  }
  if (!options.scope.allows(real)) {
    throw new StudioError({
      code: 'FORBIDDEN',
      message: `"${name}" is outside the folders the studio may read.`,
      hint: 'Choose the file with the file picker, or move it into your home folder.',
      ...say('file.outside', { name }),
    });
  }
  if (stat.isDirectory() && options.directories) return { path: real, stat };
  if (!stat.isFile()) throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${name}" is not a regular file.`, ...say('file.notRegular', { name }) });
  if (stat.size > options.maxBytes) throw tooLarge(name, options.maxBytes);
  return { path: real, stat };
}

export interface OpenedFile {
  path: string;
  size: number;
  handle: fs.promises.FileHandle;
}

// O_NOFOLLOW: a link swapped in after the check is not followed. O_NONBLOCK: a FIFO swapped in cannot block the open.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** Checks, opens and re-checks on the descriptor (the same file, still regular, still small enough). The caller closes it. */
export async function openClientFile(input: string, options: Omit<CheckOptions, 'directories'>): Promise<OpenedFile> {
  const checked = await checkClientPath(input, options);
  const name = path.basename(checked.path);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(checked.path, OPEN_FLAGS);
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `"${name}" does not exist or cannot be read.`, ...say('file.notFound', { name }) });
  }
  const stat = await handle.stat().catch(async (err: unknown) => {
    await handle.close();
    throw err;
  });
  const same = stat.ino === checked.stat.ino && stat.dev === checked.stat.dev;
  if (!same || !stat.isFile() || stat.size > options.maxBytes) {
    await handle.close();
    if (same && stat.isFile()) throw tooLarge(name, options.maxBytes);
    throw new StudioError({ code: 'UNSUPPORTED_TYPE', message: `"${name}" changed while it was being opened; it is not a regular file now.`, ...say('file.changed', { name }) });
  }
  return { path: checked.path, size: stat.size, handle };
}

/** A small client file's bytes (the buffer is maxBytes + 1): a file that grew past the limit since the check is refused, not truncated. */
export async function readClientFile(input: string, options: Omit<CheckOptions, 'directories'>): Promise<{ path: string; data: Buffer }> {
  const file = await openClientFile(input, options);
  try {
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await file.handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) throw tooLarge(path.basename(file.path), options.maxBytes);
    return { path: file.path, data: buffer.subarray(0, length) };
  } finally {
    await file.handle.close();
  }
}

/** FILE_TOO_LARGE for `name`, with the limit written for people (also the web bridge's uploads). */
export function tooLarge(name: string, maxBytes: number): StudioError {
  const limit = maxBytes >= 1024 ** 3 ? `${maxBytes / 1024 ** 3} GiB` : `${Math.round((maxBytes / 1024 ** 2) * 10) / 10} MiB`;
  return new StudioError({ code: 'FILE_TOO_LARGE', message: `"${name}" is larger than ${limit}, the most this file may be.`, ...say('file.tooLarge', { name, limit }) });
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrResolved(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
