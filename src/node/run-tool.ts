import { spawn } from 'node:child_process';
import { StudioError } from '../shared/errors.js';
import { say } from '../shared/messages.js';

export interface ToolResult {
  stdout: Buffer;
  stderr: string;
}

/** Runs a program to completion; an abort kills it. Rejects with the tail of stderr on a non-zero exit. */
export function runTool(
  program: string,
  args: string[],
  options: { signal?: AbortSignal; describe: string; maxStdoutBytes?: number } = { describe: program },
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes <= (options.maxStdoutBytes ?? 256 * 1024 * 1024)) out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString('utf8')).slice(-8000);
    });
    child.on('error', (e) => {
      if (options.signal?.aborted) reject(new StudioError({ code: 'CANCELED', message: 'Canceled.', ...say('job.canceled') }, { cause: e }));
      else reject(e);
    });
    child.on('close', (code) => {
      if (options.signal?.aborted) return reject(new StudioError({ code: 'CANCELED', message: 'Canceled.', ...say('job.canceled') }));
      if (code === 0) return resolve({ stdout: Buffer.concat(out), stderr: err });
      reject(
        new StudioError({
          code: 'FFMPEG_FAILED',
          message: `${options.describe} failed (exit ${code}): ${lastLines(err, 6)}`,
          retryable: false,
          ...say('ffmpeg.failed'),
        }),
      );
    });
  });
}

export function lastLines(text: string, n: number): string {
  return text.trim().split(/\r?\n/).slice(-n).join(' | ');
}
