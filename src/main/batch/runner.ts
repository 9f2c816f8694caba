import { StudioError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { describeProgress } from '../../shared/progress-labels.js';
import type { Studio } from '../studio.js';
import type { JobFile } from './file.js';
import { manifestItem, outputsIntact, placeOutputs, writeManifest, type Manifest } from './manifest.js';
import { preflight, type CheckedItem } from './preflight.js';
import type { BatchReporter, PlanCounts, SkipReason } from './progress.js';
import { BatchState, type ItemState, type WorkHandle } from './state.js';
import { followWork, isAlive, jobIdsOf, ownsJob, startWork, withdrawEarlierPosts } from './work.js';
import { DependencyWaits } from './waits.js';
import { resolveDependent } from './resolve.js';

/**
 * `kingjam batch run`: preflight, then the items — at most `parallel` at
 * once, each through its service and the job queue — with their state in
 * SQLite after every step, so a run of the same file again skips what
 * finished with the same inputs and follows what was still running.
 */

export interface RunOptions {
  outDir: string;
  /** Paid items may run (the user saw the estimate). */
  yes: boolean;
  /** A ceiling the run's credits never pass: items that could pass it are not started. */
  maxCredits?: number | undefined;
  retryFailed: boolean;
  /** Only these item ids (all when undefined). */
  only?: string[] | undefined;
  parallel: number;
  dryRun: boolean;
}

/** 0: every item succeeded; 1: one did not; 2: the preflight refused the file; 130: stopped by the user. */
export type BatchExit = 0 | 1 | 2 | 130;

class Stopped extends Error {}

/** What to do with an item, from its state after the last run. */
type Decision = { do: 'run' } | { do: 'adopt'; handle: WorkHandle } | { do: 'reuse' } | { do: 'skip-failed' };

async function decide(studio: Studio, item: CheckedItem, prev: ItemState | undefined, outDir: string, retryFailed: boolean): Promise<Decision> {
  if (!prev || prev.inputHash !== item.hash) return { do: 'run' };
  if (prev.status === 'succeeded') return outputsIntact(prev.outputs, outDir) ? { do: 'reuse' } : { do: 'run' };
  if (prev.status === 'failed') return retryFailed ? { do: 'run' } : { do: 'skip-failed' };
  // Cut off (Ctrl-C, a killed process): its work is still in the queue, checkpointed; follow it rather than start it again.
  if ((prev.status === 'running' || prev.status === 'interrupted') && prev.handle && (await isAlive(studio, prev.handle))) return { do: 'adopt', handle: prev.handle };
  return { do: 'run' };
}

export async function runBatch(studio: Studio, file: JobFile, options: RunOptions, reporter: BatchReporter, stop: AbortSignal): Promise<BatchExit> {
  if (options.only) {
    const unknown = options.only.filter((id) => !file.items.some((i) => i.id === id));
    if (unknown.length) throw new StudioError({ code: 'BAD_INPUT', message: `The job file has no item ${unknown.join(', ')}.`, hint: 'Use the ids the file gives its items.', ...say('batch.onlyUnknown', { ids: unknown.join(', ') }) });
  }
  const selected = options.only ? file.items.filter((i) => options.only!.includes(i.id)) : file.items;
  const checked = await preflight(studio, { ...file, items: selected }, options.outDir);
  // The file's own problems (items that are not valid) and what the preflight found in the others, all at once.
  const problems = [...file.problems.filter((p) => !options.only || (p.item !== null && options.only.includes(p.item))), ...checked.problems];
  if (problems.length) {
    reporter.problems(file.path, problems);
    return 2;
  }
  const state = new BatchState(studio.store);
  const before = state.items(file.path);
  // An item that waits for others is decided once they are done (its inputs are their outputs); until then it is to run.
  const decisions = new Map<string, Decision>();
  for (const item of checked.items) decisions.set(item.id, item.deps.length ? { do: 'run' } : await decide(studio, item, before.get(item.id), options.outDir, options.retryFailed));
  const todo = checked.items.filter((i) => ['run', 'adopt'].includes(decisions.get(i.id)!.do));
  const plan: PlanCounts = { run: todo.length, done: checked.items.length - todo.length - countOf(decisions, 'skip-failed'), failed: countOf(decisions, 'skip-failed') };
  reporter.preflight(file.path, options.outDir, checked, plan, options.maxCredits);
  const paid = todo.reduce((sum, i) => sum + i.estimate, 0);
  if (paid > 0 && !options.yes && options.maxCredits === undefined && !options.dryRun) {
    throw new StudioError({ code: 'BAD_INPUT', message: `This batch would spend up to ${paid} credits.`, hint: 'Run it again with --yes, or with --max-credits N to set a ceiling it will not pass.', ...say('batch.needsYes', { credits: paid }) });
  }
  if (options.dryRun) {
    reporter.note('batch.cli.dryRun');
    return 0;
  }

  const runId = state.startRun(file.path, options.outDir, checked.items.length, paid);
  const startedAt = Date.now();
  const skipped = new Map<string, SkipReason>();
  const reused = new Set(checked.items.filter((i) => decisions.get(i.id)!.do === 'reuse').map((i) => i.id));
  for (const item of checked.items) if (decisions.get(item.id)!.do === 'skip-failed') {
    skipped.set(item.id, { kind: 'failed-before' });
    reporter.itemSkipped(item.id, { kind: 'failed-before' });
  }
  const now = new Map<string, ItemState>();
  const running = new Map<string, { handle: WorkHandle | null }>();
  const stopped = new Promise<never>((_, reject) => {
    const fire = () => reject(new Stopped());
    if (stop.aborted) fire();
    else stop.addEventListener('abort', fire, { once: true });
  });
  stopped.catch(() => undefined);

  const offProgress = studio.events.on('job.progress', (e) => {
    for (const [id, r] of running) {
      if (r.handle && ownsJob(studio, r.handle, e.id)) reporter.progress(id, e.progress, e.message ? describeProgress(e.message) : '');
    }
  });

  const save = (s: ItemState) => {
    now.set(s.itemId, s);
    state.save(s);
  };

  const runItem = async (item: CheckedItem, adopt: WorkHandle | null): Promise<void> => {
    const s: ItemState = {
      file: file.path, itemId: item.id, runId, kind: item.work.kind, inputHash: item.hash, status: 'running', handle: adopt, jobIds: [], outputs: [],
      estimatedCredits: item.estimate, actualCredits: null, startedAt: Date.now(), finishedAt: null, error: null,
    };
    const r = { handle: adopt };
    running.set(item.id, r);
    save(s);
    reporter.itemStart(item.id, item.work.kind);
    try {
      if (!adopt && item.work.kind === 'publish') await withdrawEarlierPosts(studio, before.get(item.id)?.handle);
      const handle = adopt ?? (await Promise.race([startWork(studio, item.work, item.name, item.hash), stopped]));
      r.handle = handle;
      save({ ...s, handle });
      const result = await Promise.race([followWork(studio, item.work, handle), stopped]);
      // The generators made their media library items as their jobs settled; they become this batch run's (origin 'batch', project = the run).
      const assets = result.jobIds.flatMap((j) => studio.library.outputsOf(j));
      studio.library.setOrigin(assets.map((a) => a.id), 'batch', runId);
      const outputs = placeOutputs(result.files, options.outDir, item.name).map((o) => ({ ...o, assetId: assets.find((a) => a.hash === o.sha256)?.id ?? assetByHash(studio, o.sha256) }));
      const done: ItemState = { ...s, handle, status: 'succeeded', jobIds: result.jobIds, outputs, actualCredits: result.credits, finishedAt: Date.now() };
      save(done);
      reporter.itemDone(item.id, outputs, result.credits, done.finishedAt! - s.startedAt!);
    } catch (err) {
      const last = now.get(item.id)!;
      const jobIds = jobIdsOf(studio, last.handle);
      if (err instanceof Stopped) {
        save({ ...last, status: 'interrupted', jobIds, finishedAt: Date.now() });
        return;
      }
      const error: ErrorInfo = toErrorInfo(err);
      save({ ...last, status: 'failed', jobIds, error, finishedAt: Date.now() });
      reporter.itemFailed(item.id, error);
    } finally {
      running.delete(item.id);
    }
  };

  // Credits this run has committed: what finished items were charged, what running ones may still cost.
  const committed = (): number => {
    let sum = 0;
    for (const item of todo) {
      const s = now.get(item.id);
      if (!s || s.status === 'skipped') continue;
      sum += s.status === 'running' || s.actualCredits === null ? s.estimatedCredits : s.actualCredits;
    }
    return sum;
  };

  /** An item not started (or refused before its work started): its state row, and why. */
  const notStarted = (item: CheckedItem, reason: SkipReason | null, error: ErrorInfo | null = null): void => {
    if (reason) skipped.set(item.id, reason);
    save({ file: file.path, itemId: item.id, runId, kind: item.work.kind, inputHash: item.hash, status: reason ? 'skipped' : 'failed', handle: null, jobIds: [], outputs: [], estimatedCredits: item.estimate, actualCredits: null, startedAt: null, finishedAt: error ? Date.now() : null, error });
    if (reason) reporter.itemSkipped(item.id, reason);
    else if (error) reporter.itemFailed(item.id, error);
  };
  const waits = new DependencyWaits(checked.items, before, now, reused, skipped, options.outDir);

  const queue = [...todo];
  const active = new Set<Promise<void>>();
  try {
    while ((queue.length || active.size) && !stop.aborted) {
      // The first queued items whose dependencies have all ended, in the file's order.
      for (let at = 0; at < queue.length && active.size < options.parallel && !stop.aborted; ) {
        const waiting = waits.of(queue[at]!);
        if (waiting.pending) {
          at++;
          continue;
        }
        let item = queue.splice(at, 1)[0]!;
        if (waiting.failed) {
          notStarted(item, { kind: 'dependency', dep: waiting.failed });
          continue;
        }
        let decision = decisions.get(item.id)!;
        if (item.deps.length) {
          try {
            item = await resolveDependent(item, (id) => waits.outputsOf(id), options.outDir);
          } catch (err) {
            notStarted(item, null, toErrorInfo(err));
            continue;
          }
          decision = await decide(studio, item, before.get(item.id), options.outDir, options.retryFailed);
          decisions.set(item.id, decision);
          if (decision.do === 'reuse') {
            reused.add(item.id);
            continue;
          }
          if (decision.do === 'skip-failed') {
            skipped.set(item.id, { kind: 'failed-before' });
            reporter.itemSkipped(item.id, { kind: 'failed-before' });
            continue;
          }
        }
        const spent = committed();
        if (options.maxCredits !== undefined && item.estimate > 0 && spent + item.estimate > options.maxCredits) {
          notStarted(item, { kind: 'ceiling', credits: item.estimate, spent, max: options.maxCredits });
          continue;
        }
        const p = runItem(item, decision.do === 'adopt' ? decision.handle : null).finally(() => active.delete(p));
        active.add(p);
      }
      if (active.size) await Promise.race([...active, stopped.catch(() => undefined)]);
      // Nothing running and nothing that can start: cannot happen with cycles refused, but never spin.
      else if (queue.every((i) => waits.of(i).pending)) break;
    }
    // Stopped: the running items are marked interrupted as their races end.
    await Promise.all([...active]);
  } finally {
    offProgress();
  }

  const interrupted = stop.aborted;
  const after = state.items(file.path);
  const items = checked.items.map((i) => manifestItem(i.id, i.work.kind, after.get(i.id), reused.has(i.id), skipReasonText(skipped.get(i.id))));
  const ok = items.filter((i) => i.status === 'succeeded').length;
  const dependencySkipped = [...skipped].filter(([, r]) => r.kind === 'dependency').map(([id]) => id);
  const failed = items.filter((i) => i.status === 'failed' && !skipped.has(i.id)).length;
  const actual = items.reduce((sum, i) => sum + (reused.has(i.id) ? 0 : (i.credits.actual ?? 0)), 0);
  const manifest: Manifest = {
    version: 1, file: file.path, runId, outDir: options.outDir, startedAt: new Date(startedAt).toISOString(), finishedAt: new Date().toISOString(),
    status: interrupted ? 'interrupted' : ok === items.length ? 'succeeded' : 'failed',
    credits: { estimated: paid, actual, byProvider: checked.credits.byProvider, byKind: checked.credits.byKind },
    items,
  };
  const manifestPath = writeManifest(options.outDir, manifest);
  state.endRun(runId, manifest.status);
  reporter.summary({ ok: ok - reused.size, failed, skipped: skipped.size, reused: reused.size, credits: actual, interrupted, dependencySkipped }, manifestPath);
  if (interrupted) return 130;
  return ok === items.length ? 0 : 1;
}

/**
 * The library item holding these bytes: the library keeps one item per content hash, so an output identical to an
 * earlier one (the same timeline rendered twice) is that item, registered under the job that made it first.
 */
function assetByHash(studio: Studio, sha256: string): string | null {
  const row = studio.store.sqlite.prepare('SELECT id FROM assets WHERE hash = ?').get(sha256) as { id: string } | undefined;
  return row?.id ?? null;
}

function countOf(decisions: Map<string, Decision>, what: Decision['do']): number {
  return [...decisions.values()].filter((d) => d.do === what).length;
}

/** The manifest's reason, in English words a script can match: `credit-ceiling` or `failed-before`. */
function skipReasonText(reason: SkipReason | undefined): string | null {
  if (!reason) return null;
  if (reason.kind === 'dependency') return `dependency-failed: ${reason.dep}`;
  return reason.kind === 'ceiling' ? `credit-ceiling: may cost ${reason.credits}, ${reason.spent} of ${reason.max} committed` : 'failed-before: run with --retry-failed';
}
