import path from 'node:path';
import { createRequire } from 'node:module';
import type { JobContext } from '../../src/workers/context.js';

/** A real photograph of three people: @vladmandic/face-api's demo sample (MIT licence, shipped in the package). */
export const SAMPLE_PHOTO = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');

/** What a photo job gets in a test: temp files under `dir`, progress ignored, nothing saved. */
export function jobContext(dir: string, signal: AbortSignal = new AbortController().signal): JobContext {
  return {
    jobId: 'test-job',
    attempt: 1,
    checkpoint: null,
    paths: { home: dir, library: dir, temp: dir },
    signal,
    progress: () => undefined,
    saveCheckpoint: async () => undefined,
    notice: () => undefined,
    preview: () => undefined,
    secrets: {},
  };
}
