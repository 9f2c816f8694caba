import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { mediaKindForExtension } from '../../shared/library.js';
import { say } from '../../shared/messages.js';
import { ANY_PATH } from '../client-files.js';
import type { Studio } from '../studio.js';
import { inputHash, readPlaceholder, type Work } from './plan.js';
import type { CheckedItem } from './preflight.js';
import type { ItemOutput } from './state.js';

/**
 * A dependent item made ready once the items it waits for are done: each
 * placeholder in its work becomes the dependency's output file in the output
 * folder (its first image; for `media`, its first image or video), those
 * files join its inputs, and its input hash is taken again — so a rerun
 * redoes it exactly when what it was given changed.
 */
export async function resolveDependent(item: CheckedItem, outputsOf: (id: string) => ItemOutput[], outDir: string): Promise<CheckedItem> {
  const used: string[] = [];
  const swap = (value: unknown, at: string[]): unknown => {
    if (typeof value === 'string') {
      const ref = readPlaceholder(value);
      if (!ref) return value;
      const takes = ref.takes === 'media' ? ['image', 'video'] : ['image'];
      const out = outputsOf(ref.id).find((o) => takes.includes(mediaKindForExtension(path.extname(o.file)) ?? ''));
      if (!out) {
        const field = at.join('.');
        throw new StudioError({ code: 'BAD_INPUT', message: `The item "${ref.id}" made no picture or video that this item could take as ${field}.`, ...say('batch.fromNoOutput', { from: ref.id, field }) });
      }
      const file = path.join(outDir, ...out.file.split('/'));
      used.push(file);
      return file;
    }
    if (Array.isArray(value)) return value.map((v, i) => swap(v, [...at, String(i)]));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v, [...at, k])]));
    return value;
  };
  const work = swap(item.work, []) as Work;
  const ready = { ...item, work, inputs: [...item.inputs, ...used] };
  return { ...ready, hash: await inputHash(ready) };
}

/**
 * A post's or article's own picture (a file, a library item's file or a dependency's output) as the library id
 * its request takes: the library keeps one item per content hash, so an output already there is that item.
 */
export async function pictureLibraryId(studio: Studio, file: string): Promise<string> {
  const [outcome] = await studio.library.import([file], ANY_PATH);
  if (!outcome || !outcome.assetId) throw new StudioError(outcome?.error ?? { code: 'INTERNAL', message: `${file} could not be added to the library.` });
  // A new item is usable once its probe has checked it; an output already there (a dependency's) may still be in its probe, queued when its job settled.
  if (outcome.jobId) await studio.jobs.waitFor(outcome.jobId);
  const until = Date.now() + PROBE_WAIT_MS;
  while (studio.library.get(outcome.assetId).status !== 'ready' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return outcome.assetId;
}

/** How long a picture's probe may take before the item goes on and the service says the picture is not ready. */
const PROBE_WAIT_MS = 120_000;
