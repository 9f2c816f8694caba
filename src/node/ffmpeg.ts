import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StudioError } from '../shared/errors.js';
import { say } from '../shared/messages.js';

/**
 * Where ffmpeg/ffprobe come from, in order: FFMPEG_PATH / FFPROBE_PATH →
 * the optional ffmpeg-static package's binary, if it was downloaded (in the
 * packaged app: the copy electron-builder unpacked beside app.asar,
 * "bundled") → the program on PATH → a clear error naming all three.
 */
export type FfTool = 'ffmpeg' | 'ffprobe';

export interface ResolvedTool {
  path: string;
  source: 'env' | 'ffmpeg-static' | 'bundled' | 'PATH';
}

const cache = new Map<string, ResolvedTool>();

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * A file inside app.asar cannot be executed; electron-builder's asarUnpack
 * puts the real one at the same place under app.asar.unpacked.
 */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

function fromStaticPackage(tool: FfTool): ResolvedTool | null {
  if (tool !== 'ffmpeg') return null; // ffmpeg-static ships ffmpeg only
  let bin: string | null;
  try {
    const require = createRequire(import.meta.url);
    bin = require('ffmpeg-static') as string | null;
  } catch {
    return null;
  }
  if (!bin) return null;
  const unpacked = unpackedPath(bin);
  if (unpacked !== bin) return isExecutable(unpacked) ? { path: unpacked, source: 'bundled' } : null;
  return isExecutable(bin) ? { path: bin, source: 'ffmpeg-static' } : null;
}

/** The program `tool` on the PATH of `env`, or null. */
export function findOnPath(tool: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

export function resolveFfTool(tool: FfTool, env: NodeJS.ProcessEnv = process.env): ResolvedTool {
  const envVar = tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
  const key = `${tool}\0${env[envVar] ?? ''}\0${env.PATH ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;

  let resolved: ResolvedTool | null = null;
  const fromEnv = env[envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new StudioError({
        code: 'FFMPEG_MISSING',
        message: `${envVar} points at "${fromEnv}", which is not an executable file.`,
        hint: `Fix or unset ${envVar}.`,
        ...say('ffmpeg.envNotExecutable', { variable: envVar, path: fromEnv }),
      });
    }
    resolved = { path: fromEnv, source: 'env' };
  }
  if (!resolved) resolved = fromStaticPackage(tool);
  if (!resolved) {
    const bin = findOnPath(tool, env);
    if (bin) resolved = { path: bin, source: 'PATH' };
  }
  if (!resolved) {
    throw new StudioError({
      code: 'FFMPEG_MISSING',
      message: `${tool} was not found: ${envVar} is not set, the optional ffmpeg-static package has no ${tool} binary, and there is no ${tool} on PATH.`,
      hint: `Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg), or set ${envVar} to the ${tool} executable.`,
      ...say('ffmpeg.notFound', { tool, variable: envVar }),
    });
  }
  cache.set(key, resolved);
  return resolved;
}
