import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { toErrorInfo, StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Copies into place through a temporary name, so a full disk or a crash never leaves half a file under the final name. */
export async function copyAtomically(from: string, to: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  const tmp = `${to}.partial-${process.pid}-${Date.now()}`;
  try {
    await fs.promises.copyFile(from, tmp);
    await fs.promises.rename(tmp, to);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    const info = toErrorInfo(err);
    if (info.code === 'DISK_FULL') throw new StudioError({ ...info, hint: 'Free some disk space and import again. Nothing was added.', ...say('import.diskFull') }, { cause: err });
    throw err;
  }
}


/** Files given directly are always listed (the importer reports what it refuses); inside folders only files `accept` likes. */
export async function expandPaths(paths: string[], accept: (file: string) => boolean, skipDir?: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(abs);
    } catch {
      out.push(abs); // reported as missing by the importer
      continue;
    }
    if (!stat.isDirectory()) {
      out.push(abs);
      continue;
    }
    if (skipDir && abs === skipDir) continue;
    const entries = (await fs.promises.readdir(abs)).filter((e) => !e.startsWith('.')).sort();
    const children = await expandPaths(entries.map((e) => path.join(abs, e)), accept, skipDir);
    out.push(...children.filter(accept));
  }
  return out;
}
