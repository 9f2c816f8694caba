export { composeTimeline, loadTimelineFile, validateTimeline } from './compose.js';
export type { ComposeOptions, ComposeResult } from './compose.js';
