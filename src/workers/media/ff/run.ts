import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resolveFfTool } from '../../../node/ffmpeg.js';
import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import { progressLabel, type ProgressLabel } from '../../../shared/progress-labels.js';

/** How much of ffmpeg's stderr an error carries: the end is where the reason is. */
const STDERR_TAIL_CHARS = 2000;
/** After SIGTERM, how long ffmpeg gets to exit before SIGKILL. */
const KILL_GRACE_MS = 1500;

export interface RunFfmpegOptions {
  signal?: AbortSignal | undefined;
  /** Total output seconds, to turn `out_time` into a fraction. */
  durationSec?: number | undefined;
  onProgress?: ((fraction: number, message: ProgressLabel) => void) | undefined;
  /** Bytes written to ffmpeg's stdin (raw frames); a source of frames instead of a Buffer streams them with back-pressure. */
  stdin?: AsyncIterable<Buffer> | undefined;
  /** What the error message calls this run, e.g. "rendering the timeline". */
  what?: string | undefined;
}

export interface RunResult {
  /** ffmpeg's peak resident memory in bytes (from the OS, where it reports it). */
  peakRssBytes: number | null;
  stderrTail: string;
}

export function abortError(): StudioError {
  return new StudioError({ code: 'CANCELED', message: 'The render was canceled.', ...say('job.canceled') });
}

/**
 * Runs ffmpeg with `-progress pipe:1` so progress arrives as key=value lines on
 * stdout; stderr is kept only as a rolling tail for error reports. An abort
 * kills ffmpeg (TERM, then KILL) and rejects with CANCELED; the caller removes
 * its temp files.
 */
export function runFfmpeg(args: string[], opts: RunFfmpegOptions = {}): Promise<RunResult> {
  const ffmpeg = resolveFfTool('ffmpeg').path;
  const { signal, durationSec, onProgress } = opts;
  if (signal?.aborted) return Promise.reject(abortError());

  return new Promise<RunResult>((resolve, reject) => {
    const fullArgs = ['-hide_banner', '-nostdin', '-nostats', '-progress', 'pipe:1', '-y', ...args];
    if (opts.stdin) {
      // -nostdin would stop ffmpeg reading frames from pipe:0.
      fullArgs.splice(fullArgs.indexOf('-nostdin'), 1);
    }
    const child = spawn(ffmpeg, fullArgs, { stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdoutBuf = '';
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;

    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    // Peak memory: Linux keeps the high-water mark in /proc; it vanishes at exit, so sample it while ffmpeg runs.
    let peakRssBytes: number | null = null;
    const sampleMemory = (): void => {
      if (process.platform !== 'linux' || child.pid === undefined) return;
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m?.[1]) peakRssBytes = Math.max(peakRssBytes ?? 0, Number(m[1]) * 1024);
      } catch {
        /* process already gone */
      }
    };
    const memTimer = setInterval(sampleMemory, 200);

    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS * 4);
    });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      stdoutBuf += chunk;
      let nl: number;
      while ((nl = stdoutBuf.indexOf('\n')) >= 0) {
        const line = stdoutBuf.slice(0, nl).trim();
        stdoutBuf = stdoutBuf.slice(nl + 1);
        const eq = line.indexOf('=');
        if (eq < 0 || !onProgress) continue;
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        // out_time_us is the precise one (out_time_ms is also microseconds, a known ffmpeg misnomer).
        if (key === 'out_time_us' && durationSec && durationSec > 0) {
          const us = Number(value);
          if (Number.isFinite(us) && us >= 0) {
            const sec = us / 1e6;
            onProgress(Math.min(0.999, sec / durationSec), progressLabel('encoded', { seconds: sec.toFixed(1), total: durationSec.toFixed(1) }));
          }
        } else if (key === 'progress' && value === 'end') {
          onProgress(1, progressLabel('done'));
        }
      }
    });

    if (opts.stdin && child.stdin) {
      const stdin = child.stdin;
      stdin.on('error', () => {
        /* EPIPE when ffmpeg exits early: the exit code tells the story */
      });
      void (async () => {
        try {
          for await (const chunk of opts.stdin!) {
            if (aborted || stdin.destroyed) break;
            if (!stdin.write(chunk)) await new Promise<void>((r) => stdin.once('drain', () => r()));
          }
        } catch (err) {
          child.kill('SIGKILL');
          stderr += `\nframe source failed: ${err instanceof Error ? err.message : String(err)}`;
        } finally {
          stdin.end();
        }
      })();
    }

    child.on('error', (err) => {
      clearInterval(memTimer);
      signal?.removeEventListener('abort', onAbort);
      reject(new StudioError({ code: 'FFMPEG_MISSING', message: `Could not start ffmpeg (${ffmpeg}): ${err.message}`, ...say('ffmpeg.missing', { tool: 'ffmpeg' }) }, { cause: err }));
    });
    child.on('exit', sampleMemory);
    child.on('close', (code, sig) => {
      clearInterval(memTimer);
      if (killTimer) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      const tail = stderr.trim().slice(-STDERR_TAIL_CHARS);
      if (aborted) return reject(abortError());
      if (code !== 0) {
        return reject(
          new StudioError({
            code: 'FFMPEG_FAILED',
            message: `ffmpeg failed ${opts.what ?? ''} (exit ${code ?? sig}):\n${tail}`.replace(/ +\(/, ' ('),
            retryable: false,
            ...say('ffmpeg.failed'),
          }),
        );
      }
      resolve({ peakRssBytes, stderrTail: tail });
    });
  });
}

export interface ProbeStream {
  index: number;
  codec_type: 'video' | 'audio' | 'subtitle' | 'data' | string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  pix_fmt?: string;
  duration?: string;
  nb_frames?: string;
  tags?: Record<string, string>;
}

export interface ProbeResult {
  streams: ProbeStream[];
  format: { duration?: string; format_name?: string; tags?: Record<string, string> };
}

/** ffprobe as JSON; a file ffprobe cannot read is INVALID_MEDIA with the file named. */
export function ffprobe(file: string, extraArgs: string[] = []): Promise<ProbeResult> {
  const bin = resolveFfTool('ffprobe').path;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...extraArgs, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', (e) =>
      reject(new StudioError({ code: 'FFMPEG_MISSING', message: `Could not start ffprobe (${bin}): ${e.message}`, ...say('ffmpeg.missing', { tool: 'ffprobe' }) }, { cause: e })),
    );
    child.on('close', (code) => {
      if (code !== 0) {
        return reject(
          new StudioError({
            code: 'INVALID_MEDIA',
            message: `${file} is not a readable media file: ${err.trim().split('\n').slice(-3).join(' ') || `ffprobe exit ${code}`}`,
            ...say('media.unreadable', { file: path.basename(file) }),
          }),
        );
      }
      try {
        resolve(JSON.parse(out) as ProbeResult);
      } catch (e) {
        reject(new StudioError({ code: 'INVALID_MEDIA', message: `ffprobe gave unreadable output for ${file}`, ...say('media.unreadable', { file: path.basename(file) }) }, { cause: e }));
      }
    });
  });
}

/** "30000/1001" → 29.97 */
export function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [n, d] = rate.split('/').map(Number);
  if (!n || !Number.isFinite(n)) return 0;
  return d ? n / d : n;
}
