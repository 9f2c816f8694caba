import type { PhotoMotionOutput, PhotoRunView, PhotoVariantView } from '../../shared/api/photo-contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { PhotoMotionResult, PhotoRepairResult, PhotoVariantFailure, PhotoVariantsResult } from '../../shared/photo/jobs.js';
import { libraryPathOf } from '../../shared/paths.js';
import type { RunRow } from './store.js';

/** A run's row as the page sees it: result files as library paths (for mediaUrl), nothing once retention removed them. */
export function runView(row: RunRow, library: string): PhotoRunView {
  const rel = (file: string) => libraryPathOf(library, file) ?? file;
  const gone = row.results_deleted_at !== null;
  const result = row.result_json && !gone ? (JSON.parse(row.result_json) as unknown) : null;
  const request = JSON.parse(row.request_json) as { tier?: string };
  let variants: PhotoVariantView[] = [];
  let failures: PhotoVariantFailure[] = [];
  let creditsUsed: number | null = null;
  let repair: PhotoRunView['repair'] = null;
  let motion: PhotoMotionOutput | null = null;
  if (result && (row.kind === 'fuse' || row.kind === 'makeover')) {
    const r = result as PhotoVariantsResult;
    variants = r.variants.map((v) => ({
      seed: v.seed, file: rel(v.path), width: v.width, height: v.height, bytes: v.bytes, facesFound: v.facesFound,
      replacement: v.replacement, draft: v.draft, watermarked: row.tier === 'free', provider: v.provider, model: v.model,
      mask: r.masks[v.seed] ? rel(r.masks[v.seed]!) : null,
    }));
    failures = r.failures;
    creditsUsed = r.creditsUsed ?? null;
  } else if (result && row.kind === 'repair') {
    repair = { before: null, after: rel((result as PhotoRepairResult).path) };
  } else if (result && row.kind === 'motion') {
    const m = result as PhotoMotionResult;
    motion = {
      clip: rel(m.output), durationSec: m.durationSec, width: m.width, height: m.height,
      livePhoto: m.livePhoto ? { jpeg: rel(m.livePhoto.jpeg), mov: rel(m.livePhoto.mov) } : null,
      stillness: m.stillness, faceCheck: m.faceCheck,
    };
  }
  return {
    id: row.id,
    kind: row.kind,
    tier: row.tier,
    backend: row.backend,
    via: row.via,
    status: row.status,
    progress: row.progress,
    jobId: row.job_id,
    uploads: JSON.parse(row.uploads) as string[],
    sourceRun: row.source_run,
    watermark: request.tier === 'free',
    estimatedCredits: row.estimated_credits,
    creditsUsed,
    variants,
    failures,
    chosenSeed: row.chosen_seed,
    repair,
    motion,
    error: row.error ? (JSON.parse(row.error) as ErrorInfo) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    resultsExpireAt: gone ? null : row.results_expire_at,
  };
}
