import { randomUUID } from 'node:crypto';
import { StudioError, type ErrorInfo } from '../../../shared/errors.js';
import { say, type Localized } from '../../../shared/messages.js';
import { batchRequestSchema, type BatchEvent, type BatchRequest, type BatchState, type BatchView } from '../../../shared/kol/batch.js';
import type { BatchDetail, BatchEstimate } from '../../../shared/api/kol-batch-contract.js';
import type { GenerationParams } from '../../../shared/kol/post-record.js';
import type { KolWriteResult } from '../../../shared/jobs/kinds.js';
import type { JobView } from '../../../shared/jobs/model.js';
import { runModeOf, type ChoiceProvider, type ChoiceStatus } from '../../../shared/providers.js';
import type { EventBus } from '../../events.js';
import type { CloudBilling } from '../../generate/cloud-work.js';
import { requireUsable } from '../../generate/refusals.js';
import type { SqliteJobQueue } from '../../jobs/sqlite-queue.js';
import type { Store } from '../../store/db.js';
import type { BatchStarter, DraftSink } from '../ports.js';
import { KolStore } from '../store.js';
import { cloudModels, estimateBatch, itemCredits, personaNotFound, personaSettings, requirePersonas } from './plan.js';
import { BatchStore, type BatchRow, type ItemRow } from './store.js';

/** The seed's ParallelBatchGenerator limits: 2 posts at once, 3 attempts each, 120 s per post. */
export const BATCH_MAX_ATTEMPTS = 3;
export const BATCH_WRITE_TIMEOUT_MS = 120_000;

export interface BatchEngineOptions {
  /** Whether a provider can run now (src/main/providers/availability.ts); a batch is refused before it starts when one cannot. */
  statusOf?: (provider: ChoiceProvider) => Promise<ChoiceStatus>;
  /** KingJam Cloud's checks before cloud work (signed in, prices current, credits enough for the whole batch). */
  cloud?: CloudBilling | null;
  /** Lines learning added to a persona's prompts (the learning part of the workspace; none until it is wired). */
  learned?: (personaId: string) => GenerationParams['learned'];
  /** How long one post may take (tests shorten it). */
  writeTimeoutMs?: number;
  now?: () => number;
}

/**
 * Batches of KOL posts (issue 14, seed 003 ParallelBatchGenerator): each item
 * one `kol.write` job on the durable queue, at most `concurrency` at once.
 * An item ends in its job's settle transaction (the post saved through the
 * DraftSink with the item marked), so a restart finds every item either
 * ended with its post or still tied to a job that will end it.
 */
export class KolBatchEngine implements BatchStarter {
  private readonly batches: BatchStore;
  private readonly kol: KolStore;
  private readonly pending: BatchEvent[] = [];
  private running = false;
  private pumping = false;
  private pumpAgain = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    store: Store,
    private readonly jobs: SqliteJobQueue,
    private readonly events: EventBus,
    private readonly sink: DraftSink,
    private readonly options: BatchEngineOptions = {},
  ) {
    this.batches = new BatchStore(store);
    this.kol = new KolStore(store);
    jobs.onSettled('kol.write', {
      onSuccess: (job, result) => this.written(job, result as KolWriteResult),
      onFailure: (job, error) => this.notWritten(job, error),
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  // ── the calls ─────────────────────────────────────────────────────────

  async estimate(input: BatchRequest): Promise<BatchEstimate> {
    const request = batchRequestSchema.parse(input);
    const personas = requirePersonas(this.kol, request.items);
    return estimateBatch(request.items, personas, Math.min(request.concurrency, this.laneLimit()));
  }

  /** Refuses a batch whose personas or providers cannot run, else inserts it and its items at once and starts it. */
  async start(input: BatchRequest): Promise<BatchView> {
    const request = batchRequestSchema.parse(input);
    const personas = requirePersonas(this.kol, request.items);
    const choices = [...new Set([...personas.values()].map((p) => p.model.provider))].filter((p) => p !== 'offline');
    await requireUsable(choices.map((p) => [p]), this.options.statusOf ?? (async (provider) => ({ provider, mode: runModeOf(provider), usable: true, action: null })));
    // Work on KingJam Cloud is paid call by call at the gateway: the whole batch must be payable before any item starts.
    const models = cloudModels(personas.values());
    if (models.length) {
      const cost = estimateBatch(request.items, personas, 1).total;
      if (!this.options.cloud) throw new StudioError({ code: 'NOT_SIGNED_IN', message: `This batch costs ${cost} credits and this studio has no credits wallet.`, ...say('job.noWallet', { cost }) });
      await this.options.cloud.preflight(cost, models);
    }
    const id = randomUUID();
    this.batches.insert(id, request.title, request.concurrency, request.postAt, request.items, this.now());
    const batch = this.batches.view(this.mustGet(id));
    this.emit({ type: 'batch.start', batch });
    this.pump();
    return batch;
  }

  list(limit = 50): BatchView[] {
    return this.batches.list(limit).map((row) => this.batches.view(row));
  }

  get(id: string): BatchDetail {
    return { batch: this.batches.view(this.mustGet(id)), items: this.batches.items(id) };
  }

  /** No new item starts; the running ones finish. */
  pause(id: string): BatchView {
    return this.move(id, 'running', 'paused', (state) => say('kol.batch.cannotPause', { state }));
  }

  resume(id: string): BatchView {
    const view = this.move(id, 'paused', 'running', (state) => say('kol.batch.cannotResume', { state }));
    this.pump();
    return view;
  }

  /** Waiting items are canceled; running ones are canceled through the queue (which releases their holds). */
  async cancel(id: string): Promise<BatchView> {
    const row = this.mustGet(id);
    if (row.state === 'canceled' || row.state === 'finished') {
      throw new StudioError({ code: 'CONFLICT', message: `The batch has ended (${row.state}).`, ...say('kol.batch.alreadyEnded', { state: row.state }) });
    }
    const running = this.batches.transaction(() => {
      this.batches.setState(id, row.state, 'canceled', this.now());
      this.batches.cancelWaiting(id, this.now());
      return this.batches.runningItems(id);
    });
    this.emit({ type: 'batch.state', batch: this.batches.view(this.mustGet(id)) });
    for (const item of running) if (item.job_id) await this.jobs.cancel(item.job_id);
    this.endIfDone(id);
    return this.batches.view(this.mustGet(id));
  }

  // ── running ───────────────────────────────────────────────────────────

  /**
   * Picks up where the last process left off: items whose job ended while no
   * engine listened are ended now (a succeeded job's post is saved — the sink
   * is idempotent on the batch item); items whose job is queued or running are
   * adopted; then the batches fill their free slots again.
   */
  startEngine(): void {
    if (this.running) return;
    this.running = true;
    for (const batch of this.batches.withWork()) {
      for (const item of this.batches.runningItems(batch.id)) {
        const job = item.job_id ? this.jobs.jobs.get(item.job_id) : undefined;
        if (!job) {
          this.batches.transaction(() => this.endItem(item, 'failed', 0, say('kol.batch.jobLost')));
        } else if (job.status === 'succeeded') {
          void this.jobs.get(job.id).then((view) => view && this.batches.transaction(() => this.written(view, view.result as KolWriteResult)));
        } else if (job.status === 'failed' || job.status === 'canceled') {
          void this.jobs.get(job.id).then((view) => view && this.batches.transaction(() => this.notWritten(view, view.error ?? { code: 'INTERNAL', message: 'The job ended.' })));
        } else if (batch.state === 'canceled') {
          void this.jobs.cancel(job.id);
        }
      }
      this.endIfDone(batch.id);
    }
    this.pump();
  }

  /** Stops starting items (the queue checkpoints running jobs; the next start adopts them). Resolves once a pass in progress is over. */
  async stop(): Promise<void> {
    this.running = false;
    await this.idle;
  }

  /** The most items of one batch the queue runs at once: the `kol.write` lane's (no provider config sets a limit of its own). */
  private laneLimit(): number {
    return this.jobs.config.lanes['kol.write']?.concurrency ?? this.jobs.config.concurrency.default;
  }

  private pump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    this.idle = (async () => {
      try {
        do {
          this.pumpAgain = false;
          for (const batch of this.batches.withWork()) if (batch.state === 'running') await this.fill(batch);
        } while (this.pumpAgain && this.running);
      } finally {
        this.pumping = false;
      }
    })();
  }

  /** Starts the batch's next waiting items while it has free slots. */
  private async fill(batch: BatchRow): Promise<void> {
    const limit = Math.min(batch.concurrency, this.laneLimit());
    const free = limit - this.batches.runningCount(batch.id);
    for (const item of free > 0 ? this.batches.waiting(batch.id, free) : []) {
      if (!this.running) return;
      const persona = personaSettings(this.kol, item.persona_id);
      if (!persona) {
        this.batches.transaction(() => this.endItem(item, 'failed', 0, personaNotFound(item.persona_id).toInfo()));
        continue;
      }
      const credits = itemCredits(persona);
      try {
        await this.jobs.prepareCredits(credits);
        this.batches.transaction(() => {
          // Paused or canceled while the credits were prepared, or taken by another process: the item stays as it is.
          if (!this.batches.claim(batch.id, item.idx, credits, limit, this.now())) return;
          const job = this.jobs.enqueueNow(
            'kol.write',
            {
              personaId: item.persona_id,
              persona,
              topic: item.topic,
              context: item.context,
              learned: (this.options.learned?.(item.persona_id) ?? []).map((l) => l.text),
              provider: persona.model.provider,
              ...(persona.model.model ? { model: persona.model.model } : {}),
              temperature: persona.model.temperature,
              timeoutMs: this.options.writeTimeoutMs ?? BATCH_WRITE_TIMEOUT_MS,
            },
            { maxAttempts: BATCH_MAX_ATTEMPTS, estimatedCredits: credits },
          );
          this.batches.setJob(batch.id, item.idx, job.id);
        });
      } catch (err) {
        // No wallet or not enough credits for this one: it fails with why, and the rest go on.
        const info = err instanceof StudioError ? err.toInfo() : { code: 'INTERNAL' as const, message: String(err) };
        this.batches.transaction(() => this.endItem(item, 'failed', 0, info));
      }
    }
    this.endIfDone(batch.id);
  }

  // ── job hooks (each inside the transaction that settles its job) ─────

  private written(job: JobView, result: KolWriteResult): void {
    const item = this.batches.itemByJob(job.id);
    if (!item || item.state !== 'running') return;
    const persona = personaSettings(this.kol, item.persona_id);
    const post = this.sink.saveGenerated({
      personaId: item.persona_id,
      topic: item.topic,
      title: result.title,
      content: result.content,
      contentMd: result.contentMd,
      tags: result.tags,
      generation: {
        provider: result.provider,
        model: result.model,
        temperature: persona?.model.temperature ?? 0.7,
        learned: this.options.learned?.(item.persona_id) ?? [],
        batchId: item.batch_id,
        itemIndex: item.idx,
      },
      triggerId: item.trigger_id,
      triggerItem: item.trigger_item,
      batchId: item.batch_id,
      batchItem: item.idx,
    });
    this.batches.markSucceeded(item.batch_id, item.idx, post.id, job.attempts, this.now());
    this.emit({ type: 'item.done', batchId: item.batch_id, index: item.idx, personaId: item.persona_id, postId: post.id, totals: this.batches.totals(item.batch_id) });
    this.afterItem(item.batch_id);
  }

  private notWritten(job: JobView, error: ErrorInfo): void {
    const item = this.batches.itemByJob(job.id);
    if (!item || item.state !== 'running') return;
    // A job canceled with its batch is a canceled item; one canceled on its own (the Jobs page) is an item that failed, and says so.
    const withBatch = error.code === 'CANCELED' && this.batches.batch(item.batch_id)?.state === 'canceled';
    this.endItem(item, withBatch ? 'canceled' : 'failed', job.attempts, error.code === 'CANCELED' ? say('job.canceled') : error);
    this.afterItem(item.batch_id);
  }

  private endItem(item: ItemRow, to: 'failed' | 'canceled', attempts: number, error: ErrorInfo | Localized): void {
    const reason = to === 'canceled' ? null : localized(error);
    if (!this.batches.markEnded(item.batch_id, item.idx, to, attempts, reason, this.now()) || !reason) return;
    this.emit({ type: 'item.failed', batchId: item.batch_id, index: item.idx, personaId: item.persona_id, error: reason, attempts, totals: this.batches.totals(item.batch_id) });
  }

  /** After the settle transaction: the batch ends if that was its last item, else its freed slot is filled. */
  private afterItem(batchId: string): void {
    queueMicrotask(() => {
      this.endIfDone(batchId);
      this.pump();
    });
  }

  private endIfDone(batchId: string): void {
    const totals = this.batches.totals(batchId);
    if (totals.remaining > 0 || !this.batches.finish(batchId, this.now())) return;
    this.emit({ type: 'batch.end', batch: this.batches.view(this.mustGet(batchId)) });
  }

  private move(id: string, from: BatchState, to: BatchState, refusal: (state: BatchState) => Localized): BatchView {
    const row = this.mustGet(id);
    if (!this.batches.setState(id, from, to, this.now())) {
      throw new StudioError({ code: 'CONFLICT', message: `The batch is ${row.state}.`, ...refusal(row.state) });
    }
    const view = this.batches.view(this.mustGet(id));
    this.emit({ type: 'batch.state', batch: view });
    return view;
  }

  private mustGet(id: string): BatchRow {
    const row = this.batches.batch(id);
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no batch ${id}.`, ...say('kol.batch.notFound') });
    return row;
  }

  /** Events leave after the transaction that caused them, in the order they happened. */
  private emit(event: BatchEvent): void {
    this.pending.push(event);
    if (this.pending.length > 1) return;
    queueMicrotask(() => {
      for (const e of this.pending.splice(0)) this.events.emit('kol.batch', e);
    });
  }
}

/** A job's error as the item's reason: its own message key, or its text inside a generic one. */
function localized(error: ErrorInfo | Localized): Localized {
  if ('code' in error) return error.key ? { key: error.key, ...(error.params ? { params: error.params } : {}) } : say('kol.batch.writeFailed', { detail: error.message.slice(0, 300) });
  return error;
}
