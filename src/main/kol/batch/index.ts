export { KolBatchEngine, BATCH_MAX_ATTEMPTS, BATCH_WRITE_TIMEOUT_MS, type BatchEngineOptions } from './engine.js';
