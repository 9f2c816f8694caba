/** The festive overlays of a micro-motion clip (seed 002 §3.3), drawn procedurally by the media worker. */
export const EFFECTS = ['fireworks', 'lanterns', 'snow'] as const;
export type Effect = (typeof EFFECTS)[number];

/** Seed: micro-motion clips last 5 seconds. */
export const DEFAULT_MOTION_SECONDS = 5;
