import fs from 'node:fs';
import path from 'node:path';
import { TEMP_MAX_AGE_MS } from './schedule.js';

export interface TempEntry {
  /** Absolute path of a top-level entry of a temp folder (a file, or a job's working folder). */
  path: string;
  bytes: number;
  /** Its newest modification, over everything inside a folder. */
  newest: number;
}

/** Size and newest modification of a file or a whole folder tree; null when it went away meanwhile. */
function measure(p: string): { bytes: number; newest: number } | null {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(p);
  } catch {
    return null;
  }
  // The change time too: a file copied or extracted with its old modification time kept is new here all the same.
  const touched = Math.max(stat.mtimeMs, stat.ctimeMs);
  if (!stat.isDirectory()) return { bytes: stat.isFile() ? stat.size : 0, newest: touched };
  let bytes = 0;
  let newest = touched;
  let names: string[] = [];
  try {
    names = fs.readdirSync(p);
  } catch {
    return { bytes, newest };
  }
  for (const name of names) {
    const inner = measure(path.join(p, name));
    if (!inner) continue;
    bytes += inner.bytes;
    newest = Math.max(newest, inner.newest);
  }
  return { bytes, newest };
}

/** The top-level entries of the temp folders (tmp/, staging/). */
export function tempEntries(folders: string[]): TempEntry[] {
  const entries: TempEntry[] = [];
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue; // not made yet
    }
    for (const name of names.sort()) {
      const p = path.join(folder, name);
      const m = measure(p);
      if (m) entries.push({ path: p, ...m });
    }
  }
  return entries;
}

/**
 * What the temp cleanup removes at `at`: entries untouched for 6 hours. A
 * folder counts by its newest file, so a job still writing into its working
 * folder keeps all of it.
 */
export function staleTempEntries(folders: string[], at: number): TempEntry[] {
  return tempEntries(folders).filter((e) => e.newest + TEMP_MAX_AGE_MS <= at);
}
