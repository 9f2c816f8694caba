import type { BatchKind, BatchProblem } from '../../shared/batch/job-file.js';
import { batchText, type BatchTextKey } from '../../shared/batch/text.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { Language } from '../../shared/settings.js';
import { barLine, fitColumns, padColumns } from '../cli/progress.js';
import type { CliIo } from '../cli/context.js';
import type { Preflight } from './preflight.js';
import { mb } from './preflight.js';
import type { ItemOutput } from './state.js';

/**
 * What a batch run tells its user: the preflight, each item's start, progress
 * and end, and the summary — as lines in the user's language with a bar per
 * running item and a total on a terminal, or as one JSON object per line
 * (`--json`) for scripts.
 */

/** `dependency`: an item it waits for (`after`, `{ from }`) did not succeed. */
export type SkipReason = { kind: 'ceiling'; credits: number; spent: number; max: number } | { kind: 'failed-before' } | { kind: 'dependency'; dep: string };

export interface PlanCounts {
  run: number;
  done: number;
  failed: number;
}

export interface Summary {
  ok: number;
  failed: number;
  skipped: number;
  reused: number;
  credits: number;
  interrupted: boolean;
  /** Items not started because an item they depend on did not succeed. */
  dependencySkipped: string[];
}

export interface BatchReporter {
  problems(file: string, problems: BatchProblem[]): void;
  preflight(file: string, outDir: string, p: Preflight, plan: PlanCounts, maxCredits: number | undefined): void;
  note(key: 'batch.cli.dryRun' | 'batch.cli.interrupted'): void;
  itemStart(id: string, kind: BatchKind): void;
  progress(id: string, fraction: number, detail: string): void;
  itemDone(id: string, outputs: ItemOutput[], credits: number, ms: number): void;
  itemFailed(id: string, error: ErrorInfo): void;
  itemSkipped(id: string, reason: SkipReason): void;
  summary(s: Summary, manifest: string | null): void;
}

function problemText(language: Language, p: BatchProblem): string {
  const problem = batchText.say(language, p.key, p.params);
  return p.item === null ? batchText.say(language, 'batch.cli.problemFile', { field: p.field || '-', problem }) : batchText.say(language, 'batch.cli.problemItem', { item: p.item, field: p.field || '-', problem });
}

/** Which line says where the disk estimate came from; none when no item writes pictures or videos. */
function diskBasisKey(b: Preflight['disk']['basis']): BatchTextKey | null {
  if (b.history.length > 0) return b.rule.length > 0 ? 'batch.cli.diskMixed' : 'batch.cli.diskHistory';
  return b.rule.length > 0 ? 'batch.cli.diskRule' : null;
}

const list = (r: Record<string, number>): string => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ') || '-';

/** Lines for people: the preflight and summary on stdout; items and bars on stderr. */
export class TextReporter implements BatchReporter {
  private readonly bars = new Map<string, { label: string; fraction: number; detail: string }>();
  private drawn = 0;
  private total = 0;
  private finished = 0;
  private lastDraw = 0;

  constructor(
    private readonly language: Language,
    private readonly io: CliIo,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  private say(key: BatchTextKey, params: Record<string, string | number> = {}): string {
    return batchText.say(this.language, key, params);
  }

  problems(_file: string, problems: BatchProblem[]): void {
    this.io.err(this.say('batch.cli.problems', { count: problems.length }));
    for (const p of problems) this.io.err(problemText(this.language, p));
  }

  preflight(file: string, outDir: string, p: Preflight, plan: PlanCounts, maxCredits: number | undefined): void {
    this.total = plan.run;
    this.io.out(this.say('batch.cli.header', { file, items: p.items.length, out: outDir }));
    this.io.out(p.credits.total === 0 ? this.say('batch.cli.estimateFree') : this.say('batch.cli.estimate', { credits: p.credits.total }));
    this.io.out(this.say('batch.cli.byProvider', { list: list(p.credits.byProvider) }));
    this.io.out(this.say('batch.cli.byKind', { list: list(p.credits.byKind) }));
    this.io.out(p.disk.available === null ? this.say('batch.cli.diskUnknown', { needed: mb(p.disk.needed) }) : this.say('batch.cli.disk', { needed: mb(p.disk.needed), available: mb(p.disk.available) }));
    const basis = diskBasisKey(p.disk.basis);
    if (basis) this.io.out(this.say(basis, { history: p.disk.basis.history.length, rule: p.disk.basis.rule.length }));
    if (maxCredits !== undefined) this.io.out(this.say('batch.cli.ceiling', { max: maxCredits }));
    this.io.out(this.say('batch.cli.plan', { run: plan.run, done: plan.done, failed: plan.failed }));
    if (plan.failed > 0) this.io.out(this.say('batch.cli.retryHint'));
  }

  note(key: 'batch.cli.dryRun' | 'batch.cli.interrupted'): void {
    this.log(this.say(key));
  }

  itemStart(id: string, kind: BatchKind): void {
    this.bars.set(id, { label: id, fraction: 0, detail: '' });
    this.log(this.say('batch.cli.itemStart', { item: id, kind }));
  }

  progress(id: string, fraction: number, detail: string): void {
    const bar = this.bars.get(id);
    if (!bar) return;
    bar.fraction = fraction;
    bar.detail = detail;
    // At most ten redraws a second: many items report at once.
    if (Date.now() - this.lastDraw > 100) this.draw();
  }

  itemDone(id: string, outputs: ItemOutput[], _credits: number, ms: number): void {
    this.end(id, this.say('batch.cli.itemDone', { item: id, files: outputs.length, seconds: (ms / 1000).toFixed(1) }));
  }

  itemFailed(id: string, error: ErrorInfo): void {
    // The batch's own reasons in the user's language; other areas' errors as their English message says them.
    const key = error.key ? `msg.${error.key}` : '';
    const hintKey = `${key}.hint`;
    const message = batchText.has(key) ? batchText.say(this.language, key, error.params) : error.message;
    const hint = batchText.has(hintKey) ? batchText.say(this.language, hintKey, error.params) : error.hint;
    this.end(id, this.say('batch.cli.itemFailed', { item: id, message }));
    if (hint) this.log(this.say('batch.cli.itemHint', { hint }));
  }

  itemSkipped(id: string, reason: SkipReason): void {
    const text =
      reason.kind === 'ceiling' ? this.say('batch.cli.skipCeiling', { credits: reason.credits, spent: reason.spent, max: reason.max }) : reason.kind === 'dependency' ? this.say('batch.cli.skipDependency', { dep: reason.dep }) : this.say('batch.cli.skipFailed');
    this.log(this.say('batch.cli.itemSkipped', { item: id, reason: text }));
  }

  summary(s: Summary, manifest: string | null): void {
    this.clear();
    this.bars.clear();
    if (s.interrupted) this.io.err(this.say('batch.cli.interrupted'));
    this.io.out(this.say('batch.cli.summary', { ok: s.ok, failed: s.failed, skipped: s.skipped, reused: s.reused, credits: s.credits }));
    if (s.dependencySkipped.length) this.io.out(this.say('batch.cli.summaryDependency', { count: s.dependencySkipped.length, items: s.dependencySkipped.join(', ') }));
    if (manifest) this.io.out(this.say('batch.cli.manifest', { file: manifest }));
  }

  private end(id: string, line: string): void {
    this.bars.delete(id);
    this.finished++;
    this.log(line);
  }

  /** A line that stays, above the bars. */
  private log(line: string): void {
    this.clear();
    this.io.err(line);
    this.draw();
  }

  private clear(): void {
    if (!this.stream.isTTY || this.drawn === 0) return;
    this.stream.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  /** The bars of the running items and the total, redrawn in place (on a terminal only: logs get the item lines). */
  private draw(): void {
    if (!this.stream.isTTY) return;
    this.clear();
    const width = (this.stream.columns ?? 100) - 1;
    const lines = [...this.bars.values()].map((b) => fitColumns(barLine(padColumns(b.label, 20), b.fraction, 1, b.detail), width));
    lines.push(fitColumns(barLine(padColumns(this.say('batch.cli.total'), 20), this.finished, this.total, `${this.finished}/${this.total}`), width));
    this.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
    this.lastDraw = Date.now();
  }
}

/** One JSON object per line on stdout (`--json`): preflight, item-start, progress, item-done, item-failed, item-skipped, summary. */
export class JsonReporter implements BatchReporter {
  constructor(
    private readonly language: Language,
    private readonly io: CliIo,
  ) {}

  private emit(event: string, body: Record<string, unknown>): void {
    this.io.out(JSON.stringify({ event, ...body }));
  }

  problems(file: string, problems: BatchProblem[]): void {
    this.emit('preflight', { file, ok: false, problems: problems.map((p) => ({ ...p, message: batchText.say(this.language, p.key, p.params) })) });
  }

  preflight(file: string, outDir: string, p: Preflight, plan: PlanCounts, maxCredits: number | undefined): void {
    this.emit('preflight', { file, ok: true, outDir, items: p.items.map((i) => ({ id: i.id, kind: i.work.kind, provider: i.provider, credits: i.estimate, inputHash: i.hash, diskBytes: i.diskBytes, diskBasis: i.diskBasis })), credits: p.credits, disk: p.disk, plan, maxCredits: maxCredits ?? null });
  }

  note(): void {
    // The summary event says the same (interrupted) and a dry run ends after the preflight event.
  }

  itemStart(id: string, kind: BatchKind): void {
    this.emit('item-start', { id, kind });
  }

  progress(id: string, fraction: number, detail: string): void {
    this.emit('progress', { id, progress: fraction, detail });
  }

  itemDone(id: string, outputs: ItemOutput[], credits: number, ms: number): void {
    this.emit('item-done', { id, outputs, credits, durationMs: ms });
  }

  itemFailed(id: string, error: ErrorInfo): void {
    this.emit('item-failed', { id, error: { code: error.code, message: error.message, hint: error.hint ?? null } });
  }

  itemSkipped(id: string, reason: SkipReason): void {
    this.emit('item-skipped', { id, reason });
  }

  summary(s: Summary, manifest: string | null): void {
    this.emit('summary', { ...s, manifest });
  }
}
