/** The media engine's public surface, for the media worker's job handlers and the CLI. */
export { composeTimeline, loadTimelineFile, validateTimeline } from './compose/index.js';
export type { ComposeOptions, ComposeResult } from './compose/index.js';
export { EFFECTS, renderMicroMotion } from './motion/index.js';
export type { Effect, MicroMotionOptions, MicroMotionResult } from './motion/index.js';
export * from './image/index.js';
export { chooseEncoder } from './ff/encoder.js';
export type { EncoderChoice, VideoEncoder } from './ff/encoder.js';
export { resolveCaptionFonts, missingGlyphs } from './fonts.js';
export { AI_DISCLOSURE, DIGITAL_SOURCE_TYPE, TOOL_NAME } from './provenance.js';
