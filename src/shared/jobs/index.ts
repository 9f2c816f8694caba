export * from './queues.js';
export * from './kinds.js';
export * from './model.js';
export * from './protocol.js';
