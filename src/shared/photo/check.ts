/**
 * What the local check of one people photo found (seed 002 §4.1 step 3:
 * faces found, each ≥ 80×80 px at confidence ≥ 0.7, not blurred, one face per
 * person photo). Every problem says what is wrong and, through its message
 * key, how to retake the photo — before any credits are spent.
 */
export const PHOTO_PROBLEMS = [
  'unreadable',
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
  key: string;
  params: Record<string, string | number>;
}

export interface PhotoCheckResult {
  ok: boolean;
  /** The normalised PNG (≤ 2 MB, orientation applied, metadata such as EXIF GPS dropped). */
  normalised: string;
  width: number;
  height: number;
  bytes: number;
  faces: DetectedFace[];
  /** Variance of the Laplacian over the face (or the whole photo when no face was found); higher is sharper. */
  sharpness: number;
  issues: PhotoIssue[];
}
