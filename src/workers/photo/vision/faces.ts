import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { Config, Human } from '@vladmandic/human';
import type { DetectedFace } from '../../../shared/photo/check.js';
import { humanModelsDir, routeFileUrls, wasmDir } from './models.js';
import type { RgbImage } from './image.js';

const require = createRequire(import.meta.url);

/** Faces below this are not reported unless asked; those between it and the seed's 0.7 are reported so the check can say "unclear" instead of "no face". */
const REPORT_CONFIDENCE = 0.45;
/** The lowest confidence a caller may ask for (the detector drops the rest): a neighbour's half face at a photo's edge. */
const DETECT_FLOOR = 0.25;

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
      // scale 1: the box is BlazeFace's face (brows to chin), not Human's default 1.4× crop made for its face mesh,
      // so the seed's 80×80 px is measured on the face itself.
      detector: { enabled: true, rotation: false, maxDetected: 12, minConfidence: DETECT_FLOOR, iouThreshold: 0.3, skipFrames: 0, skipTime: 0, return: false, scale: 1 },
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
  // Letterboxed to a square by us: Human squeezes any photo to BlazeFace's square input, and a face squeezed
  // that way (a tall phone portrait is squeezed twice as much across as down) comes back with a box up to
  // twice its size. Human's own \`square\` option misplaces the boxes (its padding is subtracted in the wrong units).
  const side = Math.max(img.width, img.height);
  const left = Math.floor((side - img.width) / 2);
  const top = Math.floor((side - img.height) / 2);
  const square = side === img.width && side === img.height ? img.data : await letterbox(img, side, left, top);
  const tensor = human.tf.tensor3d(new Uint8Array(square.buffer, square.byteOffset, square.byteLength), [side, side, 3], 'int32');
  try {
    const result = await human.detect(tensor);
    const min = opts.minConfidence ?? REPORT_CONFIDENCE;
    return result.face
      .map((f) => {
        const [bx, by, w, h] = f.box;
        const x = bx - left;
        const y = by - top;
        const x0 = Math.max(0, x);
        const y0 = Math.max(0, y);
        return {
          box: { x: x0, y: y0, width: Math.min(img.width, x + w) - x0, height: Math.min(img.height, y + h) - y0 },
          confidence: f.boxScore,
        };
      })
      .filter((f) => f.confidence >= min && f.box.width > 0 && f.box.height > 0)
      .sort((a, b) => b.confidence - a.confidence);
  } finally {
    tensor.dispose();
  }
}

/** The photo centred on a mid-grey square (grey: neither a face's light nor its shadow). */
function letterbox(img: RgbImage, side: number, left: number, top: number): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extend({ left, right: side - img.width - left, top, bottom: side - img.height - top, background: { r: 128, g: 128, b: 128 } })
    .raw()
    .toBuffer();
}
