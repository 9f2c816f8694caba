import { statfs } from 'node:fs/promises';
import { freemem, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** A share of some capacity in use, 0..1, and what it was measured on. */
export interface Usage {
  ratio: number;
  detail: string;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The tighter of the V8 heap against its limit (where Node dies first) and the machine's memory. */
export function readMemory(): Promise<Usage> {
  const heap = getHeapStatistics();
  const heapRatio = heap.used_heap_size / heap.heap_size_limit;
  const systemRatio = 1 - freemem() / totalmem();
  return Promise.resolve(
    heapRatio >= systemRatio ? { ratio: heapRatio, detail: `heap ${pct(heapRatio)} of its limit` } : { ratio: systemRatio, detail: `system memory ${pct(systemRatio)} used` },
  );
}

/** The file system holding `dir`, as an unprivileged process sees it (blocks reserved for root count as used). */
export function diskReader(dir: string): () => Promise<Usage> {
  return async () => {
    const s = await statfs(dir);
    const ratio = s.blocks > 0 ? 1 - s.bavail / s.blocks : 0;
    return { ratio, detail: `${pct(ratio)} of the disk holding ${dir} used` };
  };
}
