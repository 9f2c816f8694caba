/** The photo studio's online backends (issue 15): image models for variants, face restoration, image-to-video motion. */
export { makeVariantOnline, type OnlineImageBackend, type OnlineVariant, type OnlineVariantInput } from './variant.js';
export { repairOnline, type RepairInput } from './repair.js';
export { animateOnline, type AnimateInput, type AnimateResult, type OnlineMotionBackend } from './animate.js';
export { saveResultPng } from './save.js';
export { withCallLimit } from './limits.js';
