import type { JobQueue } from '../jobs/queue.js';

/** How long a one-shot command waits at exit for the probes of what it made (a few seconds each, normally). */
export const PROBE_DRAIN_MS = 60_000;

/**
 * Waits for the library's probe jobs (thumbnails, duration, dimensions of
 * the outputs a command just added) to finish before a one-shot command
 * exits, so its outputs are complete in the library at once instead of at
 * the next start. Gives up after `ms`: what is left runs at the next start.
 */
export async function drainProbes(queue: JobQueue, ms = PROBE_DRAIN_MS): Promise<void> {
  const pending = await Promise.all((['queued', 'running'] as const).map((status) => queue.list({ status, kind: 'media.probe', limit: 500 })));
  const ids = pending.flatMap((p) => p.items.map((j) => j.id));
  if (ids.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([Promise.all(ids.map((id) => queue.waitFor(id))), deadline]);
  clearTimeout(timer);
}
