import path from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { extraModelsDir, fileModelHandler, wasmDir } from './models.js';
import type { RgbImage } from './image.js';

/** MediaPipe Selfie Segmentation's input: 256×256 RGB in 0…1; its output: one person probability per pixel. */
const SIDE = 256;

let loading: Promise<GraphModel> | null = null;

function segmenter(): Promise<GraphModel> {
  loading ??= (async () => {
    if (tf.getBackend() !== 'wasm') {
      setWasmPaths(wasmDir());
      await tf.setBackend('wasm');
      await tf.ready();
    }
    return loadGraphModel(fileModelHandler(path.join(extraModelsDir(), 'selfie.json')));
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Where the people are: an alpha mask at the image's size (0 background …
 * 255 person), from the model's 256×256 answer scaled up smoothly.
 */
export async function segmentPeople(img: RgbImage): Promise<Uint8Array> {
  const model = await segmenter();
  // Letterboxed, not squashed: the model saw people in their true proportions when it was trained.
  const scale = SIDE / Math.max(img.width, img.height);
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const left = Math.floor((SIDE - w) / 2);
  const top = Math.floor((SIDE - h) / 2);
  const small = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(w, h, { fit: 'fill' })
    .extend({ left, right: SIDE - w - left, top, bottom: SIDE - h - top, background: { r: 128, g: 128, b: 128 } })
    .raw()
    .toBuffer();
  const input = tf.tidy(() => tf.div(tf.cast(tf.tensor4d(small, [1, SIDE, SIDE, 3], 'int32'), 'float32'), 255));
  const output = model.execute(input) as tf.Tensor;
  let probabilities: Float32Array;
  try {
    probabilities = (await output.data()) as Float32Array;
  } finally {
    input.dispose();
    output.dispose();
  }
  const mask = Buffer.alloc(SIDE * SIDE);
  for (let i = 0; i < mask.length; i++) mask[i] = Math.round(Math.min(1, Math.max(0, probabilities[i]!)) * 255);
  const full = await sharp(mask, { raw: { width: SIDE, height: SIDE, channels: 1 } })
    .extract({ left, top, width: w, height: h })
    .resize(img.width, img.height, { fit: 'fill', kernel: 'cubic' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  // (sharp widens a one-channel raw input to three channels on resize unless told to keep one.)
  if (full.length !== img.width * img.height) throw new Error(`segmentation mask has ${full.length} bytes for ${img.width}×${img.height}`);
  return new Uint8Array(full.buffer, full.byteOffset, full.byteLength);
}
