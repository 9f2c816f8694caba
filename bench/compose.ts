/**
 * bench:compose — the fixed 30 s 1080×1920 timeline of issue 3: six generated
 * stills with Ken Burns, five dissolves, Chinese captions, a voice and ducked
 * music, rendered at `standard` quality with libx264. Prints the realtime
 * factor, the ratio to a bare libx264 encode of a 30 s 1080×1920 test source
 * with the same settings, and ffmpeg's peak memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { resolveFfTool } from '../src/node/ffmpeg.js';
import type { TimelineInput } from '../src/shared/timeline.js';
import { composeTimeline } from '../src/workers/media/compose/index.js';
import { encoderArgs } from '../src/workers/media/ff/encoder.js';
import { runFfmpeg } from '../src/workers/media/ff/run.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-bench-compose-'));
const ffmpeg = resolveFfTool('ffmpeg').path;
/** Rounds of compose + bare encode (KINGJAM_BENCH_ROUNDS, default 3). */
const ROUNDS = Math.max(1, Number(process.env.KINGJAM_BENCH_ROUNDS ?? 3));
const CAPTIONS = ['團圓飯開動囉！', '新年快乐，万事如意', '恭喜發財 紅包拿來', '一家人整整齊齊', '烟花照亮了夜空', '明年再相聚！'];

async function still(i: number): Promise<string> {
  // A generated "photo": a gradient with shapes, so the encoder has real detail to work on.
  const hue = i * 60;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1536" height="2048">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${hue + 90},60%,25%)"/></linearGradient></defs>
    <rect width="1536" height="2048" fill="url(#g)"/>
    ${Array.from({ length: 40 }, (_, k) => `<circle cx="${(k * 389 + i * 97) % 1536}" cy="${(k * 571 + i * 131) % 2048}" r="${40 + ((k * 37) % 120)}" fill="hsl(${(hue + k * 23) % 360},80%,60%)" fill-opacity="0.55"/>`).join('')}
  </svg>`;
  const file = path.join(dir, `still${i}.png`);
  // Grain, so the frames are not unrealistically easy to compress.
  const noise = await sharp({ create: { width: 1536, height: 2048, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 0, sigma: 12 } } }).png().toBuffer();
  await sharp(Buffer.from(svg)).composite([{ input: noise, blend: 'overlay' }]).png().toFile(file);
  return file;
}

function tone(file: string, lavfi: string): void {
  execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', lavfi, '-ac', '2', file]);
}

async function main(): Promise<void> {
  console.log(`bench:compose — ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? '?'}; work dir ${dir}`);
  for (let i = 0; i < 6; i++) await still(i);
  // A "voice": a 3 s modulated tone per scene; the music: a 12 s chord loop (looped to 30 s by the compositor).
  for (let i = 0; i < 6; i++) tone(path.join(dir, `voice${i}.wav`), `sine=f=${300 + i * 40}:d=3,volume=0.6,tremolo=f=5:d=0.7`);
  tone(path.join(dir, 'music.wav'), 'sine=f=220:d=12,volume=0.5');
  const motions = ['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'zoom-in', 'zoom-out'] as const;
  const timeline: TimelineInput = {
    version: 1,
    aspect: '9:16',
    fps: 30,
    quality: 'standard',
    scenes: motions.map((motion, i) => ({ image: `still${i}.png`, duration: 5, motion, fit: 'cover' as const, caption: CAPTIONS[i], voice: `voice${i}.wav` })),
    transition: { type: 'dissolve', duration: 0.5 },
    music: { path: 'music.wav', volume: 0.35, duck: true, fadeOut: 2 },
    watermark: { text: 'KingJam Studio', position: 'bottom-right' },
  };

  // The same encoder settings on a 30 s 1080×1920 test source, no filters beyond the pixel format.
  const enc = encoderArgs('libx264', 'standard');
  // Rounds alternate compose and bare encode, and the ratio is taken within each round, so both
  // halves of a ratio see the same load from whatever else the machine runs; the median round counts.
  const rounds: { composeSec: number; bareSec: number; videoSec: number; peak: number | null }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    const r = await composeTimeline(timeline, { baseDir: dir, outPath: path.join(dir, `bench${i}.mp4`), encoder: 'libx264' });
    const composeSec = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=1080x1920:r=30:d=30', ...enc.args, '-f', 'mp4', path.join(dir, 'bare.mp4')], { what: 'bare encode' });
    const bareSec = (performance.now() - t1) / 1000;
    rounds.push({ composeSec, bareSec, videoSec: r.durationSec, peak: r.ffmpegPeakRssBytes });
    console.log(
      `round ${i + 1}: compose ${composeSec.toFixed(1)} s for ${r.durationSec} s of ${r.width}×${r.height} (${r.encoder}), bare encode ${bareSec.toFixed(1)} s, ratio ${(composeSec / bareSec).toFixed(2)}`,
    );
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const peaks = rounds.map((r) => r.peak).filter((p): p is number => p !== null);
  const mb = (b: number | undefined): string => (b === undefined ? 'n/a' : `${(b / 1048576).toFixed(0)} MB`);
  console.log(`realtime factor (median of ${ROUNDS}): ${median(rounds.map((r) => r.composeSec / r.videoSec)).toFixed(2)} (goal ≤ 1.0)`);
  console.log(`ratio to a bare libx264 encode of 30 s 1080×1920 testsrc2 (median of ${ROUNDS}): ${median(rounds.map((r) => r.composeSec / r.bareSec)).toFixed(2)} (goal ≤ 2.0)`);
  console.log(`ffmpeg peak memory: ${mb(peaks.length ? Math.max(...peaks) : undefined)} (goal ≤ 800 MB)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = 1;
});
