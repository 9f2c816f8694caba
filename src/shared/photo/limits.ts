/**
 * The photo studio's numbers (seed 002: §3.1, §4.1, §5.1, §5.2). They are
 * requirements: the UI, the workers, the CLI and the tests read them from here.
 */
export const PHOTO_LIMITS = {
  /** People photos per time-space puzzle (seed: 1–5 people). */
  minPeople: 1,
  maxPeople: 5,
  /** Uploads larger than this are refused before anything is decoded (seed: ≤ 10 MB). */
  maxUploadBytes: 10 * 1024 * 1024,
  /** Every upload is normalised to a PNG of at most this size (seed: ≤ 2 MB PNG). */
  normalisedBytes: 2 * 1024 * 1024,
  /** The shorter side of a people photo, in pixels (seed: ≥ 720p). */
  minShortSide: 720,
  /** The smallest face accepted, each side in pixels (seed: 80×80). */
  minFacePx: 80,
  /** A face counts when the detector is at least this sure (seed: 0.7). */
  minFaceConfidence: 0.7,
  /** The variant seeds (seed: 1001–1004). */
  seeds: [1001, 1002, 1003, 1004] as const,
  /** One provider call's time limit, and how many times a failed call is tried again (seed: 30 s, one retry). */
  callTimeoutMs: 30_000,
  callRetries: 1,
  /** A variant whose faces do not match the people is replaced by this many more generations (seed: once). */
  variantReplacements: 1,
  /** Uploaded originals are deleted this long after upload (seed: 24 hours). */
  originalsRetentionHours: 24,
  /** The free tier: this many variants a day, watermarked, no motion (seed §3.1.1). */
  freeVariantsPerDay: 1,
  /** Variants of a paid run: 4-choose-1. */
  paidVariants: 4,
  /** A result image is a PNG of at most this size. */
  resultBytes: 2 * 1024 * 1024,
  /** Micro-motion clip length (seed §3.3: 5 s). */
  motionSeconds: 5,
} as const;

export const PHOTO_SEEDS: readonly number[] = PHOTO_LIMITS.seeds;
