import { blogRequestSchema, makesImage, socialRequestSchema } from '../../shared/generate/requests.js';
import { outputSize, timelineDurationSeconds } from '../../shared/timeline.js';
import type { Store } from '../store/db.js';
import type { PlannedItem, Work } from './plan.js';

/**
 * The disk space an item's outputs need, for the preflight. Where this
 * studio has made enough outputs of the same kind and settings before (the
 * library rows of its generators' and batches' outputs, with their sizes),
 * the estimate is theirs: the median bytes per second of the videos that job
 * kind made at the item's render height, the median bytes per picture that
 * job kind made. With too few of them it is the rule of thumb per kind. Either
 * way it counts the output folder's file and the studio's own copy.
 */

/** `history`: from earlier outputs; `rule`: the rule of thumb; `none`: an item that writes no picture or video (a publish item, an article without a cover): its text only. */
export type DiskBasis = 'history' | 'rule' | 'none';

export interface DiskEstimate {
  bytes: number;
  basis: DiskBasis;
}

const MB = 1024 * 1024;
/** Fewer earlier outputs than this say too little about the next one: the rule of thumb is used. */
export const MIN_SAMPLES = 3;
/** The most recent outputs looked at per kind and setting (older ones were made by older encoders and settings). */
const RECENT = 200;
/** A median is the middle, not a ceiling: the history estimate keeps this much room above it. */
const MARGIN = 1.25;
/** The text files beside the media (Markdown, HTML, captions, subtitles, a posts list): small, never in the library. */
const TEXT_BYTES = MB;
/** Output folder and the studio's own copy. */
const COPIES = 2;

/** The earlier outputs' sizes, read once per job kind and setting for a preflight. */
export class DiskHistory {
  private readonly cache = new Map<string, number[]>();

  constructor(private readonly store: Store) {}

  /** Bytes per second of the videos `jobKind` made, at `height` (any height when null). */
  videoRates(jobKind: string, height: number | null): number[] {
    return this.read(`v:${jobKind}:${height}`, `a.kind = 'video' AND a.duration_sec > 0 ${height === null ? '' : 'AND a.height = @height'}`, 'CAST(a.bytes AS REAL) / a.duration_sec', { jobKind, height });
  }

  /** Bytes of the pictures `jobKind` made, at `height` (any height when null). */
  imageSizes(jobKind: string, height: number | null): number[] {
    return this.read(`i:${jobKind}:${height}`, `a.kind = 'image' ${height === null ? '' : 'AND a.height = @height'}`, 'a.bytes', { jobKind, height });
  }

  private read(key: string, where: string, value: string, params: { jobKind: string; height: number | null }): number[] {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Outputs only (not the user's imports), each tied to the job that made it.
    const rows = this.store.sqlite
      .prepare(`SELECT ${value} AS v FROM assets a JOIN jobs j ON j.id = a.source_job_id WHERE a.origin != 'import' AND j.kind = @jobKind AND ${where} ORDER BY a.created_at DESC LIMIT ${RECENT}`)
      .all(params.height === null ? { jobKind: params.jobKind } : params) as { v: number }[];
    const values = rows.map((r) => r.v);
    this.cache.set(key, values);
    return values;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The rule of thumb per kind (a rough ceiling) for one copy of an item's outputs. */
function ruleOfThumb(w: Work): number {
  switch (w.kind) {
    case 'blog': return 6 * MB;
    case 'social': return 6 * MB;
    case 'video': return (w.request.targetSeconds ?? 24) * 2 * MB;
    case 'photo-fuse': return (w.tier === 'paid' ? 4 : 1) * 10 * MB;
    case 'compose': return Math.ceil(timelineDurationSeconds(w.timeline)) * 2 * MB;
    case 'motion': return w.seconds * 2 * MB * (w.livePhoto ? 2 : 1);
    case 'publish': return 0;
  }
}

/** One copy of a render's outputs from history: its seconds at the median rate of that height, and its poster. Null with too few videos. */
function renderFromHistory(h: DiskHistory, seconds: number, height: number): number | null {
  const rates = h.videoRates('media.compose', height);
  if (rates.length < MIN_SAMPLES) return null;
  const posters = h.imageSizes('media.compose', height);
  return seconds * median(rates) + (posters.length > 0 ? median(posters) : 0) + TEXT_BYTES;
}

/** Whether the item writes no picture or video: a publish item, an article or post that neither makes nor copies one. */
function textOnly(w: Work): boolean {
  switch (w.kind) {
    case 'publish': return true;
    case 'blog': return !w.image && !makesImage(blogRequestSchema.parse(w.request));
    case 'social': return !w.image && !makesImage(socialRequestSchema.parse(w.request));
    default: return false;
  }
}

/** One copy of what the item writes, from history; null where history has too little. */
function fromHistory(h: DiskHistory, w: Work): number | null {
  const pictures = (jobKind: string, count: number, extra = 0): number | null => {
    const sizes = h.imageSizes(jobKind, null);
    return sizes.length < MIN_SAMPLES ? null : count * median(sizes) + extra;
  };
  switch (w.kind) {
    // Its picture, made or its own copied beside it (taken to be the size its kind's pictures have), and its text.
    case 'blog': return pictures('generate.blog', 1, TEXT_BYTES);
    case 'social': return pictures('generate.social', 1, TEXT_BYTES);
    case 'photo-fuse': return pictures('photo.fuse', w.tier === 'paid' ? 4 : 1);
    case 'video': return renderFromHistory(h, w.request.targetSeconds ?? 24, outputSize({ aspect: w.request.aspect ?? '9:16', height: w.request.height }).height);
    case 'compose': return renderFromHistory(h, timelineDurationSeconds(w.timeline), outputSize(w.timeline).height);
    case 'motion': {
      // Its size follows the picture it animates, unknown before it runs (it may be another item's output): any height.
      const rates = h.videoRates('media.motion', null);
      return rates.length < MIN_SAMPLES ? null : w.seconds * median(rates) * (w.livePhoto ? 2 : 1);
    }
    case 'publish': return null;
  }
}

export function estimateDisk(h: DiskHistory, item: PlannedItem): DiskEstimate {
  if (textOnly(item.work)) return { bytes: TEXT_BYTES * COPIES, basis: 'none' };
  const learned = fromHistory(h, item.work);
  if (learned !== null) return { bytes: Math.ceil(learned * MARGIN) * COPIES, basis: 'history' };
  return { bytes: ruleOfThumb(item.work) * COPIES, basis: 'rule' };
}
