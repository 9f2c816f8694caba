import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { SharedFileStore } from './file-store.js';
import type { FarmFile, FarmReturn } from './wire.js';

/**
 * How a job's files cross machines. Job kinds name their files as absolute
 * paths in the payload (inputs, output files, output folders); no kind says
 * which is which, so the rule is by what is on the dispatcher's disk:
 * - an existing file is an input: put in the store, fetched by the worker;
 * - an existing folder, or a path whose folder exists, is where outputs go.
 * Every such path gets a slot: on the worker, `<work>/files/<slot>/<name>`.
 * After the run, every file in a slot's folder that is new or changed goes
 * back to the dispatcher's folder of that path (an MP4's poster and
 * subtitles written beside it come back with it). Result paths are sent as
 * tokens and turned into the dispatcher's paths. A string counts as a path
 * when it is absolute, has at least two parts and its folder exists, so a
 * caption such as "/sale" is never taken for one.
 */
const TOKEN = 'kingjam-farm:';
const PAYLOAD_TOKEN = /^kingjam-farm:(in|dir|out):(\d+)\/(.+)$/;
const RESULT_TOKEN = /^kingjam-farm:(?:slot:(\d+)|home)\/(.*)$/;

type Json = unknown;

function mapStrings(value: Json, fn: (s: string) => string): Json {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

function strings(value: Json, out: string[] = []): string[] {
  mapStrings(value, (s) => {
    out.push(s);
    return s;
  });
  return out;
}

function looksLikePath(s: string): boolean {
  return s.length < 4096 && !s.includes('\n') && path.isAbsolute(s) && path.resolve(s).split(path.sep).filter(Boolean).length >= 2;
}

type PathKind = 'file' | 'dir' | 'none';

function kindOf(p: string): PathKind | null {
  try {
    return fs.statSync(p).isDirectory() ? 'dir' : 'file';
  } catch {
    // An output still to be made: a path when its folder exists here, or a folder above it below the top level
    // (the library's first thumbnail of a hash prefix goes in a folder not made yet). Text that only looks like
    // a path (`/sale/today`) has neither. Left out, the worker would write to that path on its own machine.
    if (fs.existsSync(path.dirname(p))) return 'none';
    const belowTop = (dir: string) => path.dirname(path.dirname(dir)) !== path.dirname(dir);
    for (let dir = path.dirname(path.dirname(p)); belowTop(dir); dir = path.dirname(dir)) if (fs.existsSync(dir)) return 'none';
    return null;
  }
}

/** The payload's paths in a fixed order (the dispatcher finds the same slots again when the job ends). */
export function payloadPaths(payload: Json): string[] {
  const seen = new Set<string>();
  for (const s of strings(payload)) if (looksLikePath(s) && !seen.has(s) && kindOf(s) !== null) seen.add(s);
  return [...seen];
}

// ── the dispatcher's side ──────────────────────────────────────────────

/** Puts the job's input files in the store and returns the payload as the worker gets it (paths as tokens). */
export async function stagePayload(store: SharedFileStore, jobId: string, payload: Json): Promise<{ payload: Json; paths: string[] }> {
  const paths = payloadPaths(payload);
  const tokens = new Map<string, string>();
  for (const [i, p] of paths.entries()) {
    const kind = kindOf(p);
    const name = path.basename(p);
    if (kind === 'file') await store.put(`jobs/${jobId}/in/${i}/${name}`, p);
    tokens.set(p, `${TOKEN}${kind === 'file' ? 'in' : kind === 'dir' ? 'dir' : 'out'}:${i}/${name}`);
  }
  return { payload: mapStrings(payload, (s) => tokens.get(s) ?? s), paths };
}

/** Where a file the worker sent back lands on the dispatcher. */
function dispatcherPath(slot: number | 'home', rel: string, paths: string[], home: string): string | null {
  const base = slot === 'home' ? home : paths[slot] === undefined ? null : path.dirname(paths[slot]);
  if (base === null) return null;
  const target = path.resolve(base, ...rel.split('/'));
  // A relative part never climbs out of its folder (the store's keys cannot either; this is the second lock).
  return target.startsWith(path.resolve(base) + path.sep) ? target : null;
}

/** Fetches the job's outputs into the dispatcher's folders and turns the result's tokens into its paths. */
export async function receiveOutputs(store: SharedFileStore, back: FarmReturn, paths: string[], home: string): Promise<unknown> {
  for (const f of back.files) {
    const target = dispatcherPath(f.slot, f.rel, paths, home);
    if (target) await store.get(f.key, target);
  }
  return mapStrings(back.result, (s) => {
    const m = RESULT_TOKEN.exec(s);
    if (!m) return s;
    return dispatcherPath(m[1] === undefined ? 'home' : Number(m[1]), m[2]!, paths, home) ?? s;
  });
}

// ── the worker's side ──────────────────────────────────────────────────

export interface LocalSlot {
  index: number;
  dir: string;
  /** Input files as fetched (size and mtime): unchanged ones do not go back. */
  fetched: Map<string, { size: number; mtimeMs: number }>;
}

/** Fetches a job's inputs into `workDir` and returns the payload with this machine's paths. */
export async function localizePayload(store: SharedFileStore, jobId: string, payload: Json, workDir: string): Promise<{ payload: Json; slots: LocalSlot[] }> {
  const slots = new Map<number, LocalSlot>();
  const local = new Map<string, string>();
  for (const s of strings(payload)) {
    const m = PAYLOAD_TOKEN.exec(s);
    if (!m || local.has(s)) continue;
    const [, mode, index, name] = m as unknown as [string, 'in' | 'dir' | 'out', string, string];
    if (name.includes('/') || name === '..' || name === '.') continue;
    const dir = path.join(workDir, 'files', index);
    const slot = slots.get(Number(index)) ?? { index: Number(index), dir, fetched: new Map() };
    slots.set(slot.index, slot);
    const file = path.join(dir, name);
    await fsp.mkdir(dir, { recursive: true });
    if (mode === 'in') {
      await store.get(`jobs/${jobId}/in/${index}/${name}`, file);
      const st = await fsp.stat(file);
      slot.fetched.set(file, { size: st.size, mtimeMs: st.mtimeMs });
    } else if (mode === 'dir') {
      await fsp.mkdir(file, { recursive: true });
    }
    local.set(s, file);
  }
  return { payload: mapStrings(payload, (s) => local.get(s) ?? s), slots: [...slots.values()] };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(full)));
    else if (e.isFile() && !e.name.includes('.partial-')) out.push(full);
  }
  return out;
}

function relInside(root: string, p: string): string | null {
  const rel = path.relative(root, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : null;
}

/** Puts what the job wrote in the store and returns the result with its paths as tokens. */
export async function publishOutputs(store: SharedFileStore, jobId: string, result: unknown, slots: LocalSlot[], workerHome: string): Promise<FarmReturn> {
  const files: FarmFile[] = [];
  for (const slot of slots) {
    for (const file of await filesUnder(slot.dir)) {
      const before = slot.fetched.get(file);
      const st = await fsp.stat(file);
      if (before && before.size === st.size && before.mtimeMs === st.mtimeMs) continue;
      const rel = relInside(slot.dir, file)!;
      const key = `jobs/${jobId}/out/${slot.index}/${rel}`;
      await store.put(key, file);
      files.push({ key, slot: slot.index, rel });
    }
  }
  // Files a handler wrote in its own folders (the worker's library or temp) and named in the result go back to the same place under the dispatcher's home.
  const tokens = new Map<string, string>();
  for (const s of strings(result)) {
    if (!looksLikePath(s) || tokens.has(s)) continue;
    const slot = slots.find((sl) => relInside(sl.dir, s) !== null);
    if (slot) {
      tokens.set(s, `${TOKEN}slot:${slot.index}/${relInside(slot.dir, s)}`);
      continue;
    }
    const rel = relInside(workerHome, s);
    if (rel && fs.existsSync(s) && fs.statSync(s).isFile()) {
      const key = `jobs/${jobId}/out/home/${rel}`;
      await store.put(key, s);
      files.push({ key, slot: 'home', rel });
      tokens.set(s, `${TOKEN}home/${rel}`);
    }
  }
  return { result: mapStrings(result, (s) => tokens.get(s) ?? s), files };
}
