import { outputsIntact } from './manifest.js';
import type { CheckedItem } from './preflight.js';
import type { SkipReason } from './progress.js';
import type { ItemOutput, ItemState } from './state.js';

/**
 * Where the items a dependent item waits for stand in this run: still to
 * end, ended without success (the first such one is the reason it is
 * skipped), or done — run now, or already done with the same inputs on an
 * earlier run (reused, or left out by --only with its outputs intact).
 */
export class DependencyWaits {
  private readonly inRun: Set<string>;

  constructor(
    items: CheckedItem[],
    /** The file's item states before this run. */
    private readonly before: Map<string, ItemState>,
    /** This run's item states so far (the runner's, updated as items end). */
    private readonly now: Map<string, ItemState>,
    private readonly reused: Set<string>,
    private readonly skipped: Map<string, SkipReason>,
    private readonly outDir: string,
  ) {
    this.inRun = new Set(items.map((i) => i.id));
  }

  private stateOf(id: string): 'succeeded' | 'failed' | 'pending' {
    if (this.reused.has(id)) return 'succeeded';
    if (this.skipped.has(id)) return 'failed';
    const s = this.now.get(id);
    if (s) return s.status === 'succeeded' ? 'succeeded' : s.status === 'running' ? 'pending' : 'failed';
    if (this.inRun.has(id)) return 'pending';
    // Not part of this run (--only): what its last run left, if its files are still there.
    const prev = this.before.get(id);
    return prev?.status === 'succeeded' && outputsIntact(prev.outputs, this.outDir) ? 'succeeded' : 'failed';
  }

  /** Whether the item must still wait, or the first dependency that did not succeed. */
  of(item: CheckedItem): { pending: boolean; failed: string | null } {
    const states = item.deps.map((d) => [d, this.stateOf(d)] as const);
    return { pending: states.some(([, s]) => s === 'pending'), failed: states.find(([, s]) => s === 'failed')?.[0] ?? null };
  }

  /** A done dependency's outputs (paths relative to the output folder). */
  outputsOf(id: string): ItemOutput[] {
    const s = this.now.get(id);
    return s?.status === 'succeeded' ? s.outputs : (this.before.get(id)?.outputs ?? []);
  }
}
