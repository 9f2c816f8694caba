import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BatchKind } from '../../shared/batch/job-file.js';
import type { ItemOutput, ItemState } from './state.js';
import type { MadeFile } from './work.js';

/**
 * The output folder's files and its manifest (docs/batch.md): every output
 * named after its item, its SHA-256, the item and job that made it, the
 * credits estimated and spent, timings, and each failure with its reason.
 */

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Writes an item's files into the output folder as `<name><suffix><ext>`, each through a temporary name so a cut-off copy never looks finished. */
export function placeOutputs(files: MadeFile[], outDir: string, name: string): ItemOutput[] {
  fs.mkdirSync(outDir, { recursive: true });
  return files.map((f) => {
    const ext = 'from' in f ? path.extname(f.from) : f.ext;
    const base = `${name}${f.suffix}${ext}`;
    const dest = path.join(outDir, base);
    const tmp = path.join(outDir, `.${base}.${process.pid}.part`);
    if ('from' in f) fs.copyFileSync(f.from, tmp);
    else fs.writeFileSync(tmp, f.text);
    fs.renameSync(tmp, dest);
    return { file: base, sha256: sha256(dest), bytes: fs.statSync(dest).size, jobId: f.jobId };
  });
}

/** Whether an item's recorded outputs are still in the folder as written (same size); a rerun redoes it otherwise. */
export function outputsIntact(outputs: ItemOutput[], outDir: string): boolean {
  return outputs.every((o) => fs.statSync(path.join(outDir, o.file), { throwIfNoEntry: false })?.size === o.bytes);
}

export interface ManifestItem {
  id: string;
  kind: BatchKind;
  status: ItemState['status'] | 'not-run';
  /** True when this run found it done with the same inputs and left it as it was. */
  reused: boolean;
  inputHash: string | null;
  jobIds: string[];
  outputs: ItemOutput[];
  credits: { estimated: number; actual: number | null };
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: { code: string; message: string; hint: string | null } | null;
  skippedReason: string | null;
}

export interface Manifest {
  version: 1;
  file: string;
  runId: string;
  outDir: string;
  startedAt: string;
  finishedAt: string;
  status: 'succeeded' | 'failed' | 'interrupted';
  credits: { estimated: number; actual: number; byProvider: Record<string, number>; byKind: Partial<Record<BatchKind, number>> };
  items: ManifestItem[];
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** An item as the manifest shows it; `skipped`: why this run did not start it (the credit ceiling, a failure not retried). */
export function manifestItem(id: string, kind: BatchKind, s: ItemState | undefined, reused: boolean, skipped: string | null): ManifestItem {
  if (!s) {
    return { id, kind, status: 'not-run', reused: false, inputHash: null, jobIds: [], outputs: [], credits: { estimated: 0, actual: null }, startedAt: null, finishedAt: null, durationMs: null, error: null, skippedReason: skipped };
  }
  const failed = s.status === 'failed' || s.status === 'interrupted';
  return {
    id,
    kind,
    status: s.status,
    reused,
    inputHash: s.inputHash,
    jobIds: s.jobIds,
    outputs: s.outputs,
    credits: { estimated: s.estimatedCredits, actual: s.actualCredits },
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
    durationMs: s.startedAt !== null && s.finishedAt !== null ? s.finishedAt - s.startedAt : null,
    error: failed && s.error ? { code: s.error.code, message: s.error.message, hint: s.error.hint ?? null } : null,
    skippedReason: skipped,
  };
}

/** Writes `manifest.json` in the output folder (through a temporary name) and returns its path. */
export function writeManifest(outDir: string, manifest: Manifest): string {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'manifest.json');
  const tmp = `${file}.${process.pid}.part`;
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}
