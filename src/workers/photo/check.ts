import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say, type Localized } from '../../shared/messages.js';
import { MIN_SHARPNESS, type CheckPurpose, type DetectedFace, type PhotoCheckResult, type PhotoIssue, type PhotoProblem } from '../../shared/photo/check.js';
import { PHOTO_LIMITS } from '../../shared/photo/limits.js';
import { normaliseUpload, openImage, type ImageResult } from '../media/image/ops.js';
import { detectFaces, laplacianVariance, loadRgb, type RgbImage } from './vision/index.js';

/** Faces are looked for on a copy no longer than this: BlazeFace sees 256 px anyway, and an 80 px face stays over 20 px. */
const DETECT_SIDE = 1280;

/**
 * Focus is measured over the head, not the face alone: a region twice the face box, centred on it, takes in
 * the hairline and the jaw's outline, where focus shows most (MIN_SHARPNESS was measured on such regions).
 */
function focusRegion(face: DetectedFace['box']): DetectedFace['box'] {
  return { x: face.x - face.width / 2, y: face.y - face.height / 2, width: face.width * 2, height: face.height * 2 };
}

function issue(problem: PhotoProblem, said: Localized): PhotoIssue {
  return { problem, key: said.key, params: said.params ?? {} };
}

/** HEIC/HEIF from phones: an ISO-BMFF `ftyp` box with a HEVC brand (sharp's bundled libvips reads AVIF, not HEVC). */
function isHeic(head: Buffer): boolean {
  return head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(head.toString('latin1', 8, 12));
}

function refused(problem: PhotoProblem, said: Localized): PhotoCheckResult {
  return { ok: false, normalised: null, width: 0, height: 0, bytes: 0, faces: [], sharpness: 0, issues: [issue(problem, said)] };
}

/**
 * The local check of one upload (seed 002 §4.1 steps 2–3), before any credit
 * is spent: normalise it (≤ 2 MB PNG, orientation applied, EXIF and its GPS
 * dropped), then find the faces — each at least 80×80 px at confidence ≥ 0.7,
 * in focus, and exactly one in a person photo. Every problem found is
 * reported, each with how to retake the photo.
 */
export async function checkPhoto(input: string, out: string, purpose: CheckPurpose = 'person'): Promise<PhotoCheckResult> {
  const file = path.basename(input);
  const stat = fs.statSync(input, { throwIfNoEntry: false });
  if (!stat) return refused('unreadable', say('photo.check.unreadable', { file }));
  if (stat.size > PHOTO_LIMITS.maxUploadBytes) {
    return refused('file-too-large', say('photo.check.file-too-large', { file, size: (stat.size / 1048576).toFixed(1), limit: PHOTO_LIMITS.maxUploadBytes / 1048576 }));
  }
  const head = Buffer.alloc(16);
  const fd = fs.openSync(input, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (isHeic(head)) return refused('heic-unsupported', say('photo.check.heic-unsupported', { file }));

  let original: { width: number; height: number };
  try {
    const meta = await openImage(input).metadata();
    // Orientations 5–8 are rotated a quarter turn: the upright photo's sides are swapped.
    const turned = (meta.orientation ?? 1) >= 5;
    original = { width: (turned ? meta.height : meta.width) ?? 0, height: (turned ? meta.width : meta.height) ?? 0 };
  } catch {
    return refused('unreadable', say('photo.check.unreadable', { file }));
  }

  // Normalising (a PNG encode) and finding faces (on a copy no larger than the detector needs) run side by side.
  const normalising = normaliseUpload(input, { outPath: out, maxBytes: PHOTO_LIMITS.normalisedBytes }).catch((err: unknown) => err);
  const looking = loadRgb(input, { maxSide: DETECT_SIDE }).then(async (img) => ({ img, found: await detectFaces(img) })).catch((err: unknown) => err);
  const [normalised, seen] = await Promise.all([normalising, looking]);
  if (normalised instanceof StudioError && normalised.code === 'FILE_NOT_FOUND') throw normalised;
  if (normalised instanceof Error || !normalised || seen instanceof Error || !seen) return refused('unreadable', say('photo.check.unreadable', { file }));
  const { img, found } = seen as { img: RgbImage; found: DetectedFace[] };
  const result = normalised as ImageResult;

  const issues: PhotoIssue[] = [];
  if (Math.min(original.width, original.height) < PHOTO_LIMITS.minShortSide) {
    issues.push(issue('image-too-small', say('photo.check.image-too-small', { width: original.width, height: original.height, min: PHOTO_LIMITS.minShortSide })));
  }
  const confident = found.filter((f) => f.confidence >= PHOTO_LIMITS.minFaceConfidence);
  let sharpness = 0;
  if (confident.length === 0) {
    const best = found[0];
    issues.push(best ? issue('face-unclear', say('photo.check.face-unclear', { confidence: best.confidence.toFixed(2), min: PHOTO_LIMITS.minFaceConfidence })) : issue('no-face', say('photo.check.no-face')));
    sharpness = await laplacianVariance(img);
  } else {
    if (purpose === 'person' && confident.length > 1) issues.push(issue('several-faces', say('photo.check.several-faces', { count: confident.length })));
    const side = Math.min(...confident.map((f) => Math.min(f.box.width, f.box.height)));
    // The seed's 80×80 is for the face as photographed: measure at the original's scale.
    const toOriginal = original.width / img.width;
    if (side * toOriginal < PHOTO_LIMITS.minFacePx) issues.push(issue('face-too-small', say('photo.check.face-too-small', { size: Math.round(side * toOriginal), min: PHOTO_LIMITS.minFacePx })));
    sharpness = Math.min(...(await Promise.all(confident.map((f) => laplacianVariance(img, focusRegion(f.box))))));
    if (sharpness < MIN_SHARPNESS) issues.push(issue('blurred', say('photo.check.blurred', { sharpness: Math.round(sharpness), min: MIN_SHARPNESS })));
  }
  const toNormalised = result.width / img.width;
  const faces = confident.map((f) => ({ confidence: f.confidence, box: { x: f.box.x * toNormalised, y: f.box.y * toNormalised, width: f.box.width * toNormalised, height: f.box.height * toNormalised } }));
  return {
    ok: issues.length === 0,
    normalised: out,
    width: result.width,
    height: result.height,
    bytes: result.bytes,
    faces,
    sharpness: Math.round(sharpness * 10) / 10,
    issues,
  };
}
