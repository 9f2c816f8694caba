export * from './features.js';
export * from './analyze.js';
export * from './suggest.js';
