import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveFfTool } from '../../src/node/ffmpeg.js';

/** Test fixtures are generated with real ffmpeg (lavfi sources) into a fresh temp folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kj-media-${prefix}-`));
}

export function ff(args: string[]): void {
  execFileSync(resolveFfTool('ffmpeg').path, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A still from an ffmpeg lavfi source, e.g. "testsrc2=s=640x480" or "color=c=blue:s=320x240". */
export function lavfiImage(file: string, source: string): string {
  ff(['-f', 'lavfi', '-i', source, '-frames:v', '1', file]);
  return file;
}

/** A sine tone: `amp` is the peak amplitude (0…1); lavfi's sine peaks at 1/8, hence ×8. */
export function sine(file: string, freq: number, seconds: number, amp = 0.5): string {
  ff(['-f', 'lavfi', '-i', `sine=f=${freq}:d=${seconds}:sample_rate=48000`, '-af', `volume=${amp * 8}`, '-ac', '2', file]);
  return file;
}

export function testClip(file: string, seconds: number, withAudio = true): string {
  const args = ['-f', 'lavfi', '-i', `testsrc=s=320x240:r=25:d=${seconds}`];
  if (withAudio) args.push('-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`, '-shortest', '-c:a', 'aac');
  ff([...args, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file]);
  return file;
}

export interface Probed {
  video: { codec: string; width: number; height: number; fps: string; pixFmt: string; duration: number; frames: number } | null;
  audio: { codec: string; duration: number } | null;
  formatDuration: number;
  tags: Record<string, string>;
}

export function probe(file: string): Probed {
  const out = execFileSync(
    resolveFfTool('ffprobe').path,
    ['-v', 'error', '-count_frames', '-print_format', 'json', '-show_format', '-show_streams', file],
    { encoding: 'utf8' },
  );
  const j = JSON.parse(out) as {
    streams: Array<Record<string, string | number | undefined>>;
    format: { duration: string; tags?: Record<string, string> };
  };
  const v = j.streams.find((s) => s.codec_type === 'video');
  const a = j.streams.find((s) => s.codec_type === 'audio');
  return {
    video: v
      ? {
          codec: String(v.codec_name),
          width: Number(v.width),
          height: Number(v.height),
          fps: String(v.r_frame_rate),
          pixFmt: String(v.pix_fmt),
          duration: Number(v.duration),
          frames: Number(v.nb_read_frames),
        }
      : null,
    audio: a ? { codec: String(a.codec_name), duration: Number(a.duration) } : null,
    formatDuration: Number(j.format.duration),
    tags: j.format.tags ?? {},
  };
}

/** One decoded frame as 8-bit grey pixels (the video's own size). */
export function grayFrame(file: string, atSec: number, width: number, height: number): Uint8Array {
  return extractGray(file, ['-ss', atSec.toFixed(3), '-i', file, '-frames:v', '1'], width, height);
}

/** Frame number `n` (from 0), picked by decoding rather than seeking, so it is exact. */
export function grayFrameNumber(file: string, n: number, width: number, height: number): Uint8Array {
  return extractGray(file, ['-i', file, '-vf', `select=eq(n\\,${n})`, '-frames:v', '1'], width, height);
}

function extractGray(file: string, pick: string[], width: number, height: number): Uint8Array {
  const res = spawnSync(resolveFfTool('ffmpeg').path, ['-hide_banner', '-loglevel', 'error', ...pick, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`frame extraction from ${file} failed: ${String(res.stderr)}`);
  const buf = new Uint8Array(res.stdout);
  if (buf.length !== width * height) throw new Error(`frame is ${buf.length} bytes, expected ${width * height}`);
  return buf;
}

/** Mean absolute difference of two grey frames inside a rectangle given as fractions of the frame. */
export function meanDiff(a: Uint8Array, b: Uint8Array, width: number, height: number, region = { x0: 0, y0: 0, x1: 1, y1: 1 }): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(region.y0 * height); y < Math.floor(region.y1 * height); y++) {
    for (let x = Math.floor(region.x0 * width); x < Math.floor(region.x1 * width); x++) {
      sum += Math.abs(a[y * width + x]! - b[y * width + x]!);
      n++;
    }
  }
  return n ? sum / n : 0;
}

/**
 * RMS level (dBFS) of one frequency band of the rendered file's audio within
 * [start, end): isolates one source of the mix (e.g. the music's tone) by a
 * narrow band-pass, measured with ffmpeg's astats.
 */
export function bandLevelDb(file: string, freq: number, start: number, end: number): number {
  const res = spawnSync(
    resolveFfTool('ffmpeg').path,
    [
      '-hide_banner', '-nostats', '-i', file, '-vn',
      '-af', `atrim=start=${start}:end=${end},pan=mono|c0=c0,bandpass=f=${freq}:width_type=q:w=8,bandpass=f=${freq}:width_type=q:w=8,astats=measure_perchannel=none:measure_overall=RMS_level`,
      '-f', 'null', '-',
    ],
    { encoding: 'utf8' },
  );
  const m = /RMS level dB:\s*(-?[\d.]+|-inf)/.exec(res.stderr);
  if (!m) throw new Error(`no astats output: ${res.stderr.slice(-500)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}
