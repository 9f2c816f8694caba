export { EFFECTS, renderMicroMotion } from './motion.js';
export type { Effect, MicroMotionOptions, MicroMotionResult } from './motion.js';
