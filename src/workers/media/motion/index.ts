export { EFFECTS, renderMicroMotion } from './motion.js';
export type { Effect, MicroMotionOptions, MicroMotionResult } from './motion.js';
export { measureStillness } from './stillness.js';
export type { Stillness, StillnessOptions } from './stillness.js';
export { writeLivePhotoPair } from './live-pair.js';
