import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { toErrorInfo, StudioError } from '../../shared/errors.js';
import type { PathScope } from '../client-files.js';
import { say } from '../../shared/messages.js';

/** A path, or a descriptor the caller opened (and checked) and still owns: read from its start, left open. */
export type FileSource = string | fs.promises.FileHandle;

function readFrom(source: FileSource): NodeJS.ReadableStream {
  return typeof source === 'string' ? fs.createReadStream(source) : source.createReadStream({ start: 0, autoClose: false });
}

export async function sha256File(file: FileSource): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(readFrom(file), hash);
  return hash.digest('hex');
}

/** Copies into place through a temporary name, so a full disk or a crash never leaves half a file under the final name. */
export async function copyAtomically(from: FileSource, to: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  const tmp = `${to}.partial-${process.pid}-${Date.now()}`;
  try {
    if (typeof from === 'string') await fs.promises.copyFile(from, tmp);
    else await pipeline(readFrom(from), fs.createWriteStream(tmp));
    await fs.promises.rename(tmp, to);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    const info = toErrorInfo(err);
    if (info.code === 'DISK_FULL') throw new StudioError({ ...info, hint: 'Free some disk space and import again. Nothing was added.', ...say('import.diskFull') }, { cause: err });
    throw err;
  }
}


/**
 * Files given directly are always listed (the importer checks and reports each); inside folders only files `accept` likes.
 * A folder outside `scope` is listed as it is (the importer refuses it); links to folders inside a folder are not followed (no loops).
 */
export async function expandPaths(paths: string[], accept: (file: string) => boolean, scope: PathScope, skipDir?: string, nested = false): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = nested ? await fs.promises.lstat(abs) : await fs.promises.stat(abs);
    } catch {
      out.push(abs); // reported as missing by the importer
      continue;
    }
    if (!stat.isDirectory() || !scope.allows(await fs.promises.realpath(abs))) {
      out.push(abs);
      continue;
    }
    if (skipDir && abs === skipDir) continue;
    const entries = (await fs.promises.readdir(abs)).filter((e) => !e.startsWith('.')).sort();
    const children = await expandPaths(entries.map((e) => path.join(abs, e)), accept, scope, skipDir, true);
    out.push(...children.filter(accept));
  }
  return out;
}
