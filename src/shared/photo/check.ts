import type { MessageId } from '../messages.js';

/**
 * What the local check of one people photo found (seed 002 §4.1 step 3:
 * faces found, each ≥ 80×80 px at confidence ≥ 0.7, not blurred, one face per
 * person photo). Every problem says what is wrong and, through its message
 * key, how to retake the photo — before any credits are spent.
 */
export const PHOTO_PROBLEMS = [
  'unreadable',
  'heic-unsupported',
  'file-too-large',
  'image-too-small',
  'no-face',
  'several-faces',
  'face-too-small',
  'face-unclear',
  'blurred',
] as const;
export type PhotoProblem = (typeof PHOTO_PROBLEMS)[number];

/** A face the detector found, in the pixels of the normalised photo. */
export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number };
  /** The detector's confidence, 0…1. */
  confidence: number;
}

export interface PhotoIssue {
  problem: PhotoProblem;
  /** `photo.check.<problem>` in src/shared/photo/messages/check.ts (with a retake hint). */
  key: MessageId;
  params: Record<string, string | number>;
}

/** What a photo is checked for: a person photo holds exactly one face; a group photo (makeover, repair) one or more. */
export const CHECK_PURPOSES = ['person', 'group'] as const;
export type CheckPurpose = (typeof CHECK_PURPOSES)[number];

/**
 * The focus threshold on the face (variance of the Laplacian at 160×160),
 * measured on the test portraits: sharp faces score 100–620, the same faces
 * blurred with a Gaussian of σ = 8 px (at 800 px wide) score 9–38.
 */
export const MIN_SHARPNESS = 40;

export interface PhotoCheckResult {
  ok: boolean;
  /** The normalised PNG (≤ 2 MB, orientation applied, metadata such as EXIF GPS dropped); null when the file could not be read. */
  normalised: string | null;
  width: number;
  height: number;
  bytes: number;
  faces: DetectedFace[];
  /** Variance of the Laplacian over the face (or the whole photo when no face was found); higher is sharper. */
  sharpness: number;
  issues: PhotoIssue[];
}
