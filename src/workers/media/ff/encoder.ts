import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { resolveFfTool } from '../../../node/ffmpeg.js';
import type { Quality } from '../../../shared/timeline.js';

export const HW_ENCODERS = ['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_vaapi'] as const;
export type VideoEncoder = (typeof HW_ENCODERS)[number] | 'libx264';
export type EncoderChoice = VideoEncoder | 'auto';

/** x264 settings per quality tier: draft is for previews, standard is the default, high matches Remotion's defaults (CRF 18, medium). */
export const X264_TIERS: Record<Quality, { crf: number; preset: string }> = {
  draft: { crf: 28, preset: 'ultrafast' },
  standard: { crf: 23, preset: 'veryfast' },
  high: { crf: 18, preset: 'medium' },
};

const VAAPI_DEVICE = '/dev/dri/renderD128';

/**
 * Video encoder arguments for a tier. Hardware encoders get a constant-quality
 * mode of roughly the same visual level as the x264 CRF; they all take
 * yuv420p/nv12 and produce H.264 High profile-compatible streams.
 */
export function encoderArgs(encoder: VideoEncoder, quality: Quality): { pre: string[]; filterSuffix: string; args: string[] } {
  const { crf, preset } = X264_TIERS[quality];
  switch (encoder) {
    case 'libx264':
      return { pre: [], filterSuffix: '', args: ['-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-pix_fmt', 'yuv420p'] };
    case 'h264_nvenc':
      return {
        pre: [],
        filterSuffix: '',
        args: ['-c:v', 'h264_nvenc', '-preset', quality === 'high' ? 'p6' : quality === 'draft' ? 'p1' : 'p4', '-rc', 'vbr', '-cq', String(crf), '-b:v', '0', '-pix_fmt', 'yuv420p'],
      };
    case 'h264_qsv':
      return { pre: [], filterSuffix: '', args: ['-c:v', 'h264_qsv', '-global_quality', String(crf), '-pix_fmt', 'nv12'] };
    case 'h264_videotoolbox':
      // VideoToolbox has no CRF on Intel Macs; a generous bitrate per tier instead.
      return { pre: [], filterSuffix: '', args: ['-c:v', 'h264_videotoolbox', '-b:v', quality === 'high' ? '12M' : quality === 'draft' ? '3M' : '6M', '-pix_fmt', 'yuv420p'] };
    case 'h264_vaapi':
      return { pre: ['-vaapi_device', VAAPI_DEVICE], filterSuffix: ',format=nv12,hwupload', args: ['-c:v', 'h264_vaapi', '-qp', String(crf)] };
  }
}

let probed: Promise<VideoEncoder> | null = null;

/**
 * The first hardware H.264 encoder that actually encodes a tiny clip here
 * (being compiled in proves nothing: no GPU, no driver, no session slots),
 * else libx264. Probed once per process. KINGJAM_VIDEO_ENCODER forces one.
 */
export function chooseEncoder(choice: EncoderChoice = 'auto'): Promise<VideoEncoder> {
  const forced = process.env.KINGJAM_VIDEO_ENCODER;
  if (choice === 'auto' && forced && (forced === 'libx264' || (HW_ENCODERS as readonly string[]).includes(forced))) {
    choice = forced as VideoEncoder;
  }
  if (choice !== 'auto') return Promise.resolve(choice);
  probed ??= probeEncoders();
  return probed;
}

async function probeEncoders(): Promise<VideoEncoder> {
  const listed = await ffmpegOutput(['-hide_banner', '-encoders']);
  for (const enc of HW_ENCODERS) {
    if (!new RegExp(`\\b${enc}\\b`).test(listed)) continue;
    if (enc === 'h264_vaapi' && !fs.existsSync(VAAPI_DEVICE)) continue;
    if (await testEncode(enc)) return enc;
  }
  return 'libx264';
}

function testEncode(enc: VideoEncoder): Promise<boolean> {
  const { pre, filterSuffix, args } = encoderArgs(enc, 'draft');
  return new Promise((resolve) => {
    const child = spawn(
      resolveFfTool('ffmpeg').path,
      ['-hide_banner', '-nostdin', '-loglevel', 'error', ...pre, '-f', 'lavfi', '-i', 'testsrc2=s=256x256:r=30:d=0.2', '-vf', `format=yuv420p${filterSuffix}`, ...args, '-f', 'null', '-'],
      { stdio: 'ignore' },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

function ffmpegOutput(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(resolveFfTool('ffmpeg').path, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(out));
  });
}
