import path from 'node:path';
import type { PhotoFuseRequest, PhotoMakeoverRequest, PhotoMotionRequest, PhotoRepairRequest } from '../../shared/api/photo-contract.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { PhotoCheckResult, PhotoProblem } from '../../shared/photo/check.js';
import type { PhotoVariantsResult, PhotoRepairResult } from '../../shared/photo/jobs.js';
import { isLocalPhotoBackend, type BackgroundChoice, type PhotoTier } from '../../shared/photo/requests.js';
import { checkClientPath, type PathScope } from '../client-files.js';
import type { RunRow, UploadRow } from './store.js';

/**
 * The rules a run must meet before anything is queued or held (seed §3.1.1,
 * §4.1): checked photos, the consent box, and what each tier may do. Each
 * refusal says why in the user's language.
 */

/** Problems a family photo (makeover) may have: several faces are its point, and faces in a group are often small. */
const MAKEOVER_TOLERATES: readonly PhotoProblem[] = ['several-faces', 'face-too-small', 'face-unclear'];
/** An old photo to repair is blurred, small and faded by nature: only one the studio cannot read is refused. */
const REPAIR_REFUSES: readonly PhotoProblem[] = ['unreadable', 'heic-unsupported', 'file-too-large'];

/** What keeps a checked photo out of a tool: for a person photo every problem (and it must show exactly one face). */
export function blockingProblems(tool: 'fuse' | 'makeover' | 'repair', check: PhotoCheckResult): PhotoProblem[] {
  const problems = check.issues.map((i) => i.problem);
  if (tool === 'repair') return problems.filter((p) => REPAIR_REFUSES.includes(p));
  if (tool === 'makeover') {
    const blocking = problems.filter((p) => !MAKEOVER_TOLERATES.includes(p));
    return blocking.length === 0 && check.faces.length === 0 ? ['no-face'] : blocking;
  }
  if (problems.length === 0 && check.faces.length !== 1) return [check.faces.length === 0 ? 'no-face' : 'several-faces'];
  return problems;
}

export function requireConsent(consent: boolean): void {
  if (consent) return;
  throw new StudioError({
    code: 'BAD_INPUT',
    field: 'consent',
    message: 'Tick the consent box: you confirm the people in these photos agreed to their use.',
    ...say('photo.service.consentRequired'),
  });
}

/** What the free tier may not do: motion and the costume change are paid (seed §3.1.1). */
export function requirePaidFor(tier: PhotoTier, what: 'motion' | 'costume'): void {
  if (tier === 'paid') return;
  throw new StudioError({
    code: 'BAD_INPUT',
    field: 'tier',
    message: what === 'motion' ? 'Micro-motion is part of the paid tier.' : 'The costume change is part of the paid tier.',
    ...say(what === 'motion' ? 'photo.service.freeNoMotion' : 'photo.service.freeNoCostume'),
  });
}

export function requireCostumeBackend(req: PhotoMakeoverRequest): void {
  if (!req.costume || !isLocalPhotoBackend(req.backend)) return;
  throw new StudioError({
    code: 'CAPABILITY_UNSUPPORTED',
    field: 'costume',
    message: 'The costume change needs an image-editing model; the offline and ComfyUI backends cannot do it.',
    ...say('photo.service.costumeNeedsModel', { backend: req.backend }),
  });
}

function checkOf(row: UploadRow): PhotoCheckResult | null {
  return row.check_json ? (JSON.parse(row.check_json) as PhotoCheckResult) : null;
}

/** A checked photo whose normalised copy exists. */
export type UsableCheck = PhotoCheckResult & { normalised: string };

function usable(row: UploadRow): UsableCheck {
  if (row.deleted_at !== null) {
    throw new StudioError({ code: 'NOT_FOUND', message: `"${row.name}" was deleted (originals are kept 24 hours); upload it again.`, ...say('photo.service.uploadDeleted', { name: row.name }) });
  }
  const check = checkOf(row);
  if (!check) {
    throw new StudioError({ code: 'CONFLICT', message: `"${row.name}" has no check result yet.`, ...say('photo.service.uploadNotChecked', { name: row.name }) });
  }
  if (check.normalised === null) throw notSuitable(row, check.issues.length > 0 ? check.issues.map((i) => i.problem) : ['unreadable']);
  return { ...check, normalised: check.normalised };
}

function notSuitable(row: UploadRow, problems: PhotoProblem[]): StudioError {
  return new StudioError({
    code: 'BAD_INPUT',
    message: `"${row.name}" did not pass the photo check (${problems.join(', ')}); retake it before any credits are spent.`,
    ...say('photo.service.uploadNotPassed', { name: row.name, count: problems.length }),
  });
}

/** The people of a time-space puzzle: each photo passed its check; each appears once. */
export function fusePeople(rows: UploadRow[]): { path: string; face: PhotoCheckResult['faces'][number] }[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    if (seen.has(row.id)) {
      throw new StudioError({ code: 'BAD_INPUT', field: 'uploads', message: `"${row.name}" is in the list twice.`, ...say('photo.service.uploadTwice', { name: row.name }) });
    }
    seen.add(row.id);
    const check = usable(row);
    const blocking = blockingProblems('fuse', check);
    if (blocking.length > 0) throw notSuitable(row, blocking);
    return { path: check.normalised, face: check.faces[0]! };
  });
}

export function makeoverPhoto(row: UploadRow): UsableCheck {
  const check = usable(row);
  const blocking = blockingProblems('makeover', check);
  if (blocking.length > 0) throw notSuitable(row, blocking);
  return check;
}

export function repairPhoto(row: UploadRow): UsableCheck {
  const check = usable(row);
  const blocking = blockingProblems('repair', check);
  if (blocking.length > 0) throw notSuitable(row, blocking);
  return check;
}

/** The user's own background: a file they may make the studio read. */
export async function backgroundFor(background: BackgroundChoice, scope: PathScope): Promise<BackgroundChoice> {
  if ('preset' in background) return background;
  const checked = await checkClientPath(background.image, { scope, maxBytes: 50 * 1024 * 1024 });
  return { image: checked.path };
}

export interface MotionSource {
  image: string;
  mask?: string;
  sourceRun: string | null;
}

/** The still a micro-motion starts from: a finished run's variant (the chosen one unless named) with its people mask, or a file. */
export async function motionSource(req: PhotoMotionRequest, runOf: (id: string) => RunRow, scope: PathScope): Promise<MotionSource> {
  if ('image' in req.source) return { image: (await checkClientPath(req.source.image, { scope, maxBytes: 50 * 1024 * 1024 })).path, sourceRun: null };
  const run = runOf(req.source.run);
  if (run.status !== 'succeeded' || !run.result_json) {
    throw new StudioError({ code: 'CONFLICT', message: 'That run has no finished picture yet.', ...say('photo.service.runNotFinished') });
  }
  if (run.kind === 'repair') return { image: (JSON.parse(run.result_json) as PhotoRepairResult).path, sourceRun: run.id };
  const result = JSON.parse(run.result_json) as PhotoVariantsResult;
  const seed = req.source.seed ?? run.chosen_seed ?? (result.variants.length === 1 ? result.variants[0]!.seed : null);
  if (seed === null) {
    throw new StudioError({ code: 'CONFLICT', message: 'Choose one of the four pictures first.', ...say('photo.service.nothingChosen') });
  }
  const variant = result.variants.find((v) => v.seed === seed);
  if (!variant) throw variantMissing(seed);
  const mask = result.masks[seed];
  return { image: variant.path, ...(mask ? { mask } : {}), sourceRun: run.id };
}

export function variantMissing(seed: number): StudioError {
  return new StudioError({ code: 'NOT_FOUND', message: `The run has no variant with seed ${seed}.`, ...say('photo.service.variantNotFound', { seed }) });
}

/** Where a run writes: its own folder under the library's outputs, so the page can show what comes out. */
export function runDir(outputs: string, runId: string): string {
  return path.join(outputs, 'photo', runId);
}

export type AnyRunRequest = PhotoFuseRequest | PhotoMakeoverRequest | PhotoRepairRequest | PhotoMotionRequest;
