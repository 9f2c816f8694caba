import { randomUUID } from 'node:crypto';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { evaluateCondition, shouldFire } from '../../shared/kol/threshold.js';
import {
  scheduleInputSchema,
  schedulePatchSchema,
  triggerSchema,
  webhookPath,
  type KolScheduleView,
  type KolTriggerRunView,
  type RunResult,
  type ScheduleInput,
  type SchedulePatch,
  type ScheduleSaved,
  type ScheduleSettings,
  type TriggerConfig,
  type TriggerInput,
  type TriggerPreview,
  type WebhookSecret,
} from '../../shared/kol/triggers.js';
import type { BatchStarter } from '../kol/ports.js';
import { SYSTEM_CLOCK, type Clock } from '../publish/scheduler.js';
import type { SecretStore } from '../secrets/store.js';
import type { Store } from '../store/db.js';
import { checkTimeZone, nextCronRun, nextCronRuns } from './cron.js';
import { itemMatches } from './feeds.js';
import { itemKey, localizedOf, TriggerRunner, type FiredItem } from './runner.js';
import { compilePath, readFeed, readNumber, sampleBucket } from './sources.js';
import { scheduleSettings, scheduleView, TriggerStore, type ScheduleRow } from './store.js';
import { checkWebhook, eventKey, parseWebhookBody, WebhookSecrets } from './webhook.js';

/** A cron time missed by more than this (the studio was off) is skipped, not fired late: a burst of stale posts helps nobody. */
export const TIME_GRACE_MS = 10 * 60_000;
/** The longest the timer sleeps: schedules written by another process sharing the database (the CLI) are seen within it. */
export const MAX_SLEEP_MS = 30_000;

export interface KolTriggerOptions {
  store: Store;
  /** The batch engine: a fire hands it a BatchRequest. */
  starter: BatchStarter;
  /** Where webhook secrets are kept; null: custom triggers are refused with what to do. */
  secrets: SecretStore | null;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
}

const notFound = (id: string): StudioError => new StudioError({ code: 'NOT_FOUND', message: `There is no schedule ${id}.`, ...say('kol.trig.notFound') });

/**
 * Schedules and their triggers (issue 14): time (cron), news and keyword
 * (RSS/Atom feeds), threshold (a number in a JSON answer) and custom (a
 * signed webhook on the bridge). Runs in main on a timer that starts and
 * stops with the studio, on an injectable clock; each fire becomes one batch.
 */
export class KolTriggerService {
  readonly triggers: TriggerStore;
  private readonly runner: TriggerRunner;
  private readonly hooks: WebhookSecrets;
  private readonly clock: Clock;
  private readonly env: NodeJS.ProcessEnv;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private pass: Promise<RunResult[]> | null = null;

  constructor(options: KolTriggerOptions) {
    this.triggers = new TriggerStore(options.store);
    this.runner = new TriggerRunner(this.triggers, options.starter, options.env);
    this.hooks = new WebhookSecrets(options.secrets);
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.env = options.env ?? process.env;
  }

  list(): KolScheduleView[] {
    return this.triggers.list().map(scheduleView);
  }

  get(id: string): { schedule: KolScheduleView; runs: KolTriggerRunView[] } {
    const row = this.row(id);
    return { schedule: scheduleView(row), runs: this.triggers.runs(id) };
  }

  async create(input: ScheduleInput): Promise<ScheduleSaved> {
    const settings = this.validate(scheduleInputSchema.parse(input));
    if (settings.trigger.type === 'custom') this.hooks.assertAvailable();
    const id = randomUUID();
    const now = this.clock.now();
    this.triggers.insert(id, settings, this.firstCheck(settings.trigger, now), now);
    const webhook = settings.trigger.type === 'custom' ? await this.newSecret(id) : null;
    this.poke();
    return { schedule: scheduleView(this.row(id)), webhook };
  }

  async update(id: string, patch: SchedulePatch): Promise<ScheduleSaved> {
    const row = this.row(id);
    const before = scheduleSettings(row);
    const settings = this.validate(scheduleInputSchema.parse({ ...before, ...schedulePatchSchema.parse(patch) }));
    const triggerChanged = JSON.stringify(settings.trigger) !== JSON.stringify(before.trigger);
    const becomesCustom = settings.trigger.type === 'custom' && before.trigger.type !== 'custom';
    if (becomesCustom) this.hooks.assertAvailable();
    const now = this.clock.now();
    const next = triggerChanged || settings.status !== before.status ? this.firstCheck(settings.trigger, now) : row.next_execution_at;
    this.triggers.update(id, settings, next, now, triggerChanged);
    let webhook: WebhookSecret | null = null;
    if (becomesCustom) webhook = await this.newSecret(id);
    else if (before.trigger.type === 'custom' && settings.trigger.type !== 'custom') await this.hooks.delete(id);
    this.poke();
    return { schedule: scheduleView(this.row(id)), webhook };
  }

  pause(id: string): KolScheduleView {
    const row = this.row(id);
    this.triggers.setStatus(id, 'paused', row.next_execution_at, this.clock.now());
    return scheduleView(this.row(id));
  }

  /** Active again; a cron schedule's next run is the next one from now (missed ones are not made up). */
  resume(id: string): KolScheduleView {
    const row = this.row(id);
    const now = this.clock.now();
    this.triggers.setStatus(id, 'active', this.firstCheck(scheduleSettings(row).trigger, now), now);
    this.poke();
    return scheduleView(this.row(id));
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    const row = this.triggers.get(id);
    if (!row) return { deleted: false };
    const deleted = this.triggers.remove(id);
    if (row.trigger_type === 'custom') await this.hooks.delete(id);
    return { deleted };
  }

  /** A custom trigger's new secret (the old one stops working at once); shown this once. */
  async rotateSecret(id: string): Promise<WebhookSecret> {
    const row = this.row(id);
    if (row.trigger_type !== 'custom') throw new StudioError({ code: 'BAD_INPUT', message: 'Only a webhook (custom) trigger has a secret.', ...say('kol.trig.notCustom') });
    return this.newSecret(id);
  }

  /**
   * What the trigger would do now, recording nothing: a cron's next 5 runs,
   * a feed's items (matching the filters, already used), a threshold's value
   * against its condition.
   */
  async preview(input: { id?: string | undefined; trigger?: TriggerInput | undefined }): Promise<TriggerPreview> {
    const row = input.id !== undefined ? this.row(input.id) : null;
    const trigger: TriggerConfig = input.trigger ? triggerSchema.parse(input.trigger) : scheduleSettings(row!).trigger;
    this.validateTrigger(trigger);
    const now = this.clock.now();
    switch (trigger.type) {
      case 'time':
        return { type: 'time', nextRuns: nextCronRuns(trigger.cron, trigger.timeZone, now, 5) };
      case 'news':
      case 'keyword': {
        const results = await Promise.all(trigger.feeds.map((url) => readFeed(url, this.env).then((items) => ({ items }), (err: unknown) => ({ error: localizedOf(err, 'check') }))));
        const items = results.flatMap((r) => ('items' in r ? r.items : []));
        return {
          type: trigger.type,
          items: items.map((item) => ({ ...item, matches: itemMatches(item, trigger), used: row !== null && this.triggers.isUsed(row.id, itemKey(item.key)) })),
          errors: results.flatMap((r) => ('error' in r ? [r.error] : [])),
        };
      }
      case 'threshold': {
        const { values, value } = await readNumber(trigger.url, trigger.path, this.env);
        const c = trigger.condition;
        const history = row && c.kind === 'spike' ? this.triggers.samplesBefore(row.id, sampleBucket(c.sampleBy, now, trigger.timeZone), c.samples) : [];
        const outcome = evaluateCondition(c, { value, previous: row?.last_value ?? null, history });
        return { type: 'threshold', values, value, average: outcome.average, samples: history.length, wouldFire: shouldFire(outcome, row?.condition_met === 1) };
      }
      case 'custom':
        return { type: 'custom', path: row ? webhookPath(row.id) : null };
    }
  }

  /** Checks the trigger now, whatever its timer says: a time or custom schedule fires once; a feed fires on new items; a threshold fires when its condition holds. */
  runNow(id: string): Promise<RunResult> {
    return this.check(this.row(id), this.clock.now(), true);
  }

  /** Checks every active schedule that is due, one after another; a pass already under way is awaited instead of a second one. */
  runDue(): Promise<RunResult[]> {
    this.pass ??= this.duePass().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private async duePass(): Promise<RunResult[]> {
    const now = this.clock.now();
    const results: RunResult[] = [];
    for (const row of this.triggers.due(now)) {
      // The next check is set first, so a slow feed is not picked up again by the next pass.
      this.triggers.setNext(row.id, this.nextCheck(row, now), now);
      if (row.trigger_type === 'time' && row.next_execution_at !== null && row.next_execution_at < now - TIME_GRACE_MS) continue;
      try {
        results.push(await this.check(row, now, false));
      } catch (err) {
        // One schedule's failure (the database busy) must not stop the others.
        console.error(`kol triggers: schedule ${row.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return results;
  }

  /** A signed event on the bridge (`POST /hooks/kol/<id>`): checked, then fired once per event. */
  async receiveEvent(id: string, signature: string | undefined, timestamp: string | undefined, raw: Buffer): Promise<RunResult> {
    const row = this.triggers.get(id);
    const secret = row && row.trigger_type === 'custom' ? await this.hooks.get(id) : null;
    if (!row || row.trigger_type !== 'custom' || !secret) throw notFound(id);
    const now = this.clock.now();
    const checked = checkWebhook(secret, signature, timestamp, raw, now);
    if (!checked.ok) {
      throw new StudioError({
        code: 'UNAUTHORIZED',
        message: checked.reason === 'signature' ? 'The signature does not match.' : 'The timestamp is missing or outside the 5-minute window.',
        ...say(checked.reason === 'signature' ? 'kol.trig.badSignature' : 'kol.trig.staleEvent'),
      });
    }
    if (row.status !== 'active') throw new StudioError({ code: 'CONFLICT', message: 'The schedule is paused.', ...say('kol.trig.paused') });
    const body = parseWebhookBody(raw);
    const key = itemKey(eventKey(body, signature!));
    if (this.triggers.isUsed(id, key)) throw new StudioError({ code: 'CONFLICT', message: 'This event was already received.', ...say('kol.trig.eventReplayed') });
    const trigger = scheduleSettings(row).trigger as Extract<TriggerConfig, { type: 'custom' }>;
    return this.runner.fire(row, [{ key, topic: body.topic ?? trigger.topic, context: body.context ?? '' }], now);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): void {
    if (!this.running) return;
    void this.runDue().finally(() => {
      if (!this.running) return;
      if (this.timer) clearTimeout(this.timer);
      const next = this.triggers.nextDue();
      const delay = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - this.clock.now()));
      this.timer = setTimeout(() => this.tick(), delay);
      this.timer.unref();
    });
  }

  /** A schedule changed: look again now rather than at the end of the current sleep. */
  private poke(): void {
    if (this.running && !this.pass) this.tick();
  }

  private async check(row: ScheduleRow, now: number, manual: boolean): Promise<RunResult> {
    const trigger = scheduleSettings(row).trigger;
    let items: FiredItem[];
    try {
      switch (trigger.type) {
        case 'time':
          items = [{ key: manual ? `manual:${now}` : `time:${new Date(row.next_execution_at ?? now).toISOString()}`, topic: trigger.topic, context: '' }];
          break;
        case 'news':
        case 'keyword':
          items = await this.runner.newFeedItems(row, trigger);
          break;
        case 'threshold': {
          const found = await this.runner.thresholdItem(row, trigger, now, manual);
          if ('reason' in found) return { fired: false, run: null, reason: found.reason };
          items = [found.item];
          break;
        }
        case 'custom':
          items = manual ? [{ key: `manual:${now}`, topic: trigger.topic, context: '' }] : [];
          break;
      }
    } catch (err) {
      const error = localizedOf(err, 'check');
      this.triggers.checkFailed(row.id, error, now);
      return { fired: false, run: null, reason: error };
    }
    return this.runner.fire(this.row(row.id), items, now);
  }

  private row(id: string): ScheduleRow {
    const row = this.triggers.get(id);
    if (!row) throw notFound(id);
    return row;
  }

  private async newSecret(id: string): Promise<WebhookSecret> {
    return { path: webhookPath(id), secret: await this.hooks.create(id) };
  }

  private firstCheck(trigger: TriggerConfig, now: number): number | null {
    if (trigger.type === 'time') return nextCronRun(trigger.cron, trigger.timeZone, now);
    return trigger.type === 'custom' ? null : now;
  }

  private nextCheck(row: ScheduleRow, now: number): number | null {
    const trigger = scheduleSettings(row).trigger;
    if (trigger.type === 'time') return nextCronRun(trigger.cron, trigger.timeZone, now);
    return trigger.type === 'custom' ? null : now + trigger.pollMinutes * 60_000;
  }

  private validateTrigger(trigger: TriggerConfig): void {
    if (trigger.type === 'time') nextCronRun(trigger.cron, trigger.timeZone, this.clock.now());
    if (trigger.type === 'threshold') {
      compilePath(trigger.path);
      checkTimeZone(trigger.timeZone, 'trigger.timeZone');
    }
  }

  /** Everything zod cannot see: the cron, the zones, the path, and personas that exist and are enough for the posts per item. */
  private validate(settings: ScheduleSettings): ScheduleSettings {
    this.validateTrigger(settings.trigger);
    if (settings.postTime) checkTimeZone(settings.postTime.timeZone, 'postTime.timeZone');
    const personaIds = [...new Set(settings.personaIds)];
    const live = this.triggers.personas();
    const missing = personaIds.filter((id) => !live.has(id));
    if (missing.length > 0) {
      throw new StudioError({ code: 'BAD_INPUT', message: `These personas do not exist or are archived: ${missing.join(', ')}.`, field: 'personaIds', ...say('kol.trig.personaMissing', { ids: missing.join(', ') }) });
    }
    if (settings.postsPerRun > personaIds.length) {
      throw new StudioError({
        code: 'BAD_INPUT',
        message: `${settings.postsPerRun} posts per item need ${settings.postsPerRun} personas; the schedule has ${personaIds.length}.`,
        field: 'postsPerRun',
        ...say('kol.trig.tooManyPosts', { posts: settings.postsPerRun, personas: personaIds.length }),
      });
    }
    return { ...settings, personaIds };
  }
}
