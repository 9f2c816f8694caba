import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config, Human } from '@vladmandic/human';
import type { DetectedFace } from '../../../shared/photo/check.js';
import { humanModelsDir, routeFileUrls, wasmDir } from './models.js';
import type { RgbImage } from './image.js';

const require = createRequire(import.meta.url);

/** Faces below this are not reported at all; those between it and the seed's 0.7 are reported so the check can say "unclear" instead of "no face". */
const REPORT_CONFIDENCE = 0.3;

/** Human configured as a still-photo face detector: BlazeFace only, no caching between calls (each photo is unrelated to the last). */
function detectorConfig(): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: wasmDir(),
    modelBasePath: `file://${humanModelsDir()}/`,
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { enabled: true, rotation: false, maxDetected: 12, minConfidence: REPORT_CONFIDENCE, iouThreshold: 0.3, skipFrames: 0, skipTime: 0, return: false },
      mesh: { enabled: false },
      attention: { enabled: false },
      iris: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  } as Partial<Config>;
}

let loading: Promise<Human> | null = null;

/** One detector per worker process, loaded on first use (about a second) and kept. */
function detector(): Promise<Human> {
  loading ??= (async () => {
    routeFileUrls();
    // The package's "exports" map lacks the ./ prefixes Node needs, so its WebAssembly build is required by path.
    const humanDir = path.dirname(require.resolve('@vladmandic/human'));
    const { Human: HumanClass } = require(path.join(humanDir, 'human.node-wasm.js')) as { Human: new (config: Partial<Config>) => Human };
    const human = new HumanClass(detectorConfig());
    await human.load();
    return human;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * The faces in a photo, most confident first, boxes in the image's pixels.
 * Confidence is BlazeFace's score; the check applies the seed's 0.7.
 */
export async function detectFaces(img: RgbImage, opts: { minConfidence?: number } = {}): Promise<DetectedFace[]> {
  const human = await detector();
  const tensor = human.tf.tensor3d(new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength), [img.height, img.width, 3], 'int32');
  try {
    const result = await human.detect(tensor);
    const min = opts.minConfidence ?? REPORT_CONFIDENCE;
    return result.face
      .map((f) => {
        const [x, y, w, h] = f.box;
        const left = Math.max(0, x);
        const top = Math.max(0, y);
        return {
          box: { x: left, y: top, width: Math.min(img.width, x + w) - left, height: Math.min(img.height, y + h) - top },
          confidence: f.boxScore,
        };
      })
      .filter((f) => f.confidence >= min && f.box.width > 0 && f.box.height > 0)
      .sort((a, b) => b.confidence - a.confidence);
  } finally {
    tensor.dispose();
  }
}
