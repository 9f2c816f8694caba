import fs from 'node:fs';
import path from 'node:path';
import type { BatchKind, BatchProblem } from '../../shared/batch/job-file.js';
import { toErrorInfo } from '../../shared/errors.js';
import { blogRequestSchema, directorRequestSchema, makesImage, socialRequestSchema } from '../../shared/generate/requests.js';
import type { Estimate } from '../../shared/pricing.js';
import { backendKeys, choiceKeys, requireUsable, type ChoiceNeeds } from '../generate/refusals.js';
import type { Studio } from '../studio.js';
import type { JobFile } from './file.js';
import { DiskHistory, estimateDisk, type DiskBasis } from './disk-estimate.js';
import { inputHash, planItems, type PlannedItem, type Work } from './plan.js';

/**
 * Everything checked before anything runs: every item valid, every input
 * found, every provider usable, the credits each item may cost (the
 * services' own estimates, which are what they charge at most) totalled per
 * provider and per kind, and the disk space the outputs need against what
 * the output folder's disk has free.
 */

export interface CheckedItem extends PlannedItem {
  estimate: number;
  hash: string;
  diskBytes: number;
  /** Whether its disk need comes from this studio's earlier outputs or the rule of thumb. */
  diskBasis: DiskBasis;
}

export interface Preflight {
  items: CheckedItem[];
  problems: BatchProblem[];
  credits: { total: number; byProvider: Record<string, number>; byKind: Partial<Record<BatchKind, number>> };
  /** `basis`: the items whose need came from earlier outputs (`history`) and from the rule of thumb (`rule`). */
  disk: { needed: number; available: number | null; basis: { history: string[]; rule: string[] } };
}

/** Stands for the library id a picture of the item's own gets when it starts (estimates and needs only look whether there is one). */
const PICKED = 'picked';

/** The service's estimate of an item (throws what the service would refuse the request for). */
async function estimateOf(studio: Studio, work: Work): Promise<number> {
  let e: Estimate | null = null;
  switch (work.kind) {
    // A picture of its own (a file, a library item, another item's output) is not made, so not charged: estimated as a library pick.
    case 'blog': e = await studio.generate.estimateBlog(work.image ? { ...work.request, imageLibraryId: PICKED } : work.request); break;
    case 'social': e = await studio.generate.estimateSocial(work.image ? { ...work.request, imageLibraryId: PICKED } : work.request); break;
    case 'video': e = await studio.generate.estimateVideo(work.request); break;
    case 'photo-fuse': e = studio.photo.runs.estimate({ kind: 'fuse', request: { uploads: [], background: work.background, backend: work.backend, via: work.via, tier: work.tier, consent: true } }); break;
    // Composing and animating run on this machine's FFmpeg; scheduling a post costs nothing.
    case 'compose': case 'motion': case 'publish': return 0;
  }
  return e.total;
}

/** The provider choices an item needs usable, as the generation service checks them when it starts. */
function needsOf(work: Work): ChoiceNeeds {
  switch (work.kind) {
    case 'blog': { const r = blogRequestSchema.parse({ ...work.request, ...(work.image ? { imageLibraryId: PICKED } : {}) }); return choiceKeys([r.text, ...(makesImage(r) ? [r.image] : [])]); }
    case 'social': { const r = socialRequestSchema.parse({ ...work.request, ...(work.image ? { imageLibraryId: PICKED } : {}) }); return choiceKeys([r.text, ...(makesImage(r) ? [r.image] : [])]); }
    case 'video': { const r = directorRequestSchema.parse(work.request); return [...choiceKeys([r.text]), ...backendKeys(r.backend, r.renderVia)]; }
    case 'photo-fuse': return work.backend === 'offline' ? [] : work.via === 'cloud' ? [['cloud']] : [];
    default: return [];
  }
}

/** Free bytes on the disk the folder is (or will be) on: its nearest existing parent. */
export async function freeBytes(folder: string): Promise<number | null> {
  let dir = path.resolve(folder);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    const s = await fs.promises.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

export async function preflight(studio: Studio, file: JobFile, outDir: string): Promise<Preflight> {
  const { planned, problems } = await planItems(studio, file.dir, file.items, file.defaults);
  const items: CheckedItem[] = [];
  const history = new DiskHistory(studio.store);
  for (const item of planned) {
    let estimate = 0;
    let ok = true;
    try {
      estimate = await estimateOf(studio, item.work);
    } catch (err) {
      ok = false;
      const info = toErrorInfo(err);
      problems.push({ item: item.id, field: info.field ?? item.work.kind, key: 'batch.problem.estimate', params: { detail: info.message } });
    }
    // A request the service refused says so once; only a valid one is asked whether its providers can run.
    if (ok) try {
      await requireUsable(needsOf(item.work), (p) => studio.availability.of(p));
    } catch (err) {
      ok = false;
      problems.push({ item: item.id, field: 'provider', key: 'batch.problem.unusable', params: { detail: toErrorInfo(err).message } });
    }
    if (ok) {
      const disk = estimateDisk(history, item);
      items.push({ ...item, estimate, hash: await inputHash(item), diskBytes: disk.bytes, diskBasis: disk.basis });
    }
  }
  const byProvider: Record<string, number> = {};
  const byKind: Partial<Record<BatchKind, number>> = {};
  for (const i of items) {
    byProvider[i.provider] = (byProvider[i.provider] ?? 0) + i.estimate;
    byKind[i.work.kind] = (byKind[i.work.kind] ?? 0) + i.estimate;
  }
  const needed = items.reduce((sum, i) => sum + i.diskBytes, 0);
  const available = await freeBytes(outDir);
  if (available !== null && needed > available) problems.push({ item: null, field: 'out', key: 'batch.problem.disk', params: { needed: mb(needed), available: mb(available) } });
  // Items in the file's order, problems grouped by item.
  const order = new Map(file.items.map((it, n) => [it.id, n]));
  problems.sort((a, b) => (a.item === null ? -1 : b.item === null ? 1 : (order.get(a.item) ?? 0) - (order.get(b.item) ?? 0)));
  return { items, problems, credits: { total: items.reduce((s, i) => s + i.estimate, 0), byProvider, byKind }, disk: { needed, available, basis: { history: items.filter((i) => i.diskBasis === 'history').map((i) => i.id), rule: items.filter((i) => i.diskBasis === 'rule').map((i) => i.id) } } };
}

export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
