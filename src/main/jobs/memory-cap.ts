import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/**
 * The memory cap of a worker process (seed §9.3: the video worker at 4 GB).
 * Two layers: V8's heap is capped with --max-old-space-size (JavaScript
 * allocations past it abort the process), and main samples the process's
 * resident memory — with its children (ffmpeg) on Linux — and kills it when
 * it goes past the cap, which also catches native memory (sharp, buffers)
 * that the heap limit does not see.
 */

/** The flag that caps a worker's V8 heap at `mb`. */
export function heapCapArgs(mb: number | undefined): string[] {
  return mb ? [`--max-old-space-size=${mb}`] : [];
}

function linuxRssKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0; // a zombie has no VmRSS line
  } catch {
    return null; // gone
  }
}

function linuxChildren(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Resident memory in MiB of `pid` and, on Linux, all its descendants; null
 * where it cannot be read (Windows: there only the heap cap applies).
 */
export async function residentMb(pid: number): Promise<number | null> {
  if (process.platform === 'linux') {
    let kb = 0;
    const seen = new Set<number>();
    const stack = [pid];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      const rss = linuxRssKb(p);
      if (rss === null) {
        if (p === pid) return null;
        continue;
      }
      kb += rss;
      stack.push(...linuxChildren(p));
    }
    return kb / 1024;
  }
  if (process.platform === 'darwin') {
    return new Promise((resolve) => {
      execFile('ps', ['-o', 'rss=', '-p', String(pid)], (err, stdout) => {
        const kb = Number(stdout.trim());
        resolve(err || !Number.isFinite(kb) ? null : kb / 1024);
      });
    });
  }
  return null;
}

/** Why a capped worker's job failed, when it was stopped for memory; null for any other exit. */
export function memoryCapFailure(
  worker: { memoryLimitMb: number | null; overMemoryMb: number | null },
  code: number | null,
  signal: string | null,
): ErrorInfo | null {
  if (!worker.memoryLimitMb) return null;
  const hint = 'Render a shorter or smaller video (or fewer scenes at once), or close other programs and try again.';
  if (worker.overMemoryMb !== null) {
    // Rounded up: a worker 0.3 MB over a 40 MB cap reads "41 MB in use", never "40 MB" beside the 40 MB limit.
    const used = Math.ceil(worker.overMemoryMb);
    return {
      code: 'WORKER_MEMORY_LIMIT',
      message: `The worker went over its memory limit of ${worker.memoryLimitMb} MB (${used} MB in use) and was stopped.`,
      hint,
      retryable: false,
      ...say('lifecycle.workerMemoryLimit', { limit: worker.memoryLimitMb, used }),
    };
  }
  // V8 aborts the process when the capped heap is full ("JavaScript heap out of memory").
  if (signal === 'SIGABRT' || code === 134) {
    return {
      code: 'WORKER_MEMORY_LIMIT',
      message: `The worker ran out of its ${worker.memoryLimitMb} MB memory limit and stopped.`,
      hint,
      retryable: false,
      ...say('lifecycle.workerMemoryAborted', { limit: worker.memoryLimitMb }),
    };
  }
  return null;
}
