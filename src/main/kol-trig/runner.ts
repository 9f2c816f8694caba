import { createHash, randomUUID } from 'node:crypto';
import { StudioError } from '../../shared/errors.js';
import { isMessageId, say, type Localized } from '../../shared/messages.js';
import type { BatchItemRequest, BatchRequest } from '../../shared/kol/batch.js';
import { evaluateCondition, shouldFire } from '../../shared/kol/threshold.js';
import type { RunResult, ScheduleSettings, TriggerConfig } from '../../shared/kol/triggers.js';
import type { BatchStarter } from '../kol/ports.js';
import { choosePersonas } from './allocation.js';
import { nextClockTime } from './cron.js';
import { itemMatches } from './feeds.js';
import { readFeeds, readNumber, sampleBucket } from './sources.js';
import { scheduleSettings, type ScheduleRow, type TriggerStore } from './store.js';

/**
 * Turns what a trigger found into a run: claims the items (used once ever),
 * picks the personas, hands a BatchRequest to the batch engine, and records
 * the outcome on the schedule (execution, success and error counts, the last
 * error). A check that cannot be made (a malformed feed) is an execution and
 * an error with no run.
 */
export interface FiredItem {
  /** What makes it used once: a feed item's guid, a cron time, an event id. */
  key: string;
  topic: string;
  context: string;
}

const KEY_MAX = 500;
const CONTEXT_MAX = 4000;

/** Keys longer than the post record's column are hashed (a guid is usually a URL, and some are long). */
export function itemKey(raw: string): string {
  return raw.length <= KEY_MAX ? raw : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

function topicOf(text: string, fallback: string): string {
  const t = text.trim().slice(0, 300);
  return t.length >= 2 ? t : fallback;
}

/**
 * A thrown error as the Localized a run or a schedule keeps: its own key,
 * else (an error from outside the studio's messages) its message cut short,
 * said as a failed check or a batch that did not start.
 */
export function localizedOf(err: unknown, during: 'check' | 'start'): Localized {
  if (err instanceof StudioError && err.key && isMessageId(err.key)) return err.params ? { key: err.key, params: err.params } : { key: err.key };
  const detail = err instanceof Error ? err.message.slice(0, 300) : 'unknown error';
  return during === 'check' ? say('kol.trig.checkFailed', { detail }) : say('kol.trig.batchNotStarted', { detail });
}

export class TriggerRunner {
  constructor(
    private readonly triggers: TriggerStore,
    private readonly starter: BatchStarter,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Feed items this schedule has not used whose filters match, newest first, at most the trigger's per-run count. */
  async newFeedItems(row: ScheduleRow, trigger: Extract<TriggerConfig, { type: 'news' | 'keyword' }>): Promise<FiredItem[]> {
    const items = await readFeeds(trigger, this.env);
    return items
      .filter((item) => itemMatches(item, trigger) && !this.triggers.isUsed(row.id, itemKey(item.key)))
      .slice(0, trigger.maxItemsPerRun)
      .map((item) => ({
        key: itemKey(item.key),
        topic: topicOf(item.title, row.title),
        context: [item.title, item.link ?? '', item.summary].filter(Boolean).join('\n').slice(0, CONTEXT_MAX),
      }));
  }

  /**
   * Reads a threshold's value, keeps it as a sample and as the last value,
   * and says whether it fires: on the poll where the condition starts to hold
   * (`manual`: whenever it holds).
   */
  async thresholdItem(row: ScheduleRow, trigger: Extract<TriggerConfig, { type: 'threshold' }>, now: number, manual: boolean): Promise<{ item: FiredItem } | { reason: Localized }> {
    const { value } = await readNumber(trigger.url, trigger.path, this.env);
    const c = trigger.condition;
    const bucket = c.kind === 'spike' ? sampleBucket(c.sampleBy, now, trigger.timeZone) : '';
    const history = c.kind === 'spike' ? this.triggers.samplesBefore(row.id, bucket, c.samples) : [];
    const outcome = evaluateCondition(c, { value, previous: row.last_value, history });
    if (c.kind === 'spike') this.triggers.putSample(row.id, bucket, value, now, c.samples + 1);
    this.triggers.setThreshold(row.id, value, outcome.met);
    if (!(manual ? outcome.met : shouldFire(outcome, row.condition_met === 1))) {
      if (outcome.missing > 0 && c.kind === 'spike') return { reason: say('kol.trig.notEnoughSamples', { have: c.samples - outcome.missing, need: c.samples }) };
      return { reason: say('kol.trig.conditionNotMet', { value }) };
    }
    const average = outcome.average === null ? '' : `; average of the last ${c.kind === 'spike' ? c.samples : 0} samples: ${round(outcome.average)}`;
    return {
      item: {
        key: manual ? `manual:${now}` : `threshold:${now}`,
        topic: trigger.topic,
        context: `${trigger.path} = ${round(value)} (${describeCondition(trigger.condition)}${average}); read at ${new Date(now).toISOString()} from ${trigger.url.split('?')[0]}`,
      },
    };
  }

  /** Records and starts a run over `items`; null items or all already used: nothing fires. */
  async fire(row: ScheduleRow, items: FiredItem[], now: number): Promise<RunResult> {
    if (items.length === 0) return { fired: false, run: null, reason: say('kol.trig.noNewItems') };
    const settings = scheduleSettings(row);
    const live = this.triggers.personas();
    const personaIds = settings.personaIds.filter((id) => live.has(id));
    if (personaIds.length === 0) {
      const error = say('kol.trig.noPersonaAvailable');
      this.triggers.checkFailed(row.id, error, now);
      return { fired: false, run: null, reason: error };
    }
    const runId = randomUUID();
    const expertise = new Map([...live].map(([id, p]) => [id, p.expertiseAreas]));
    let cursor = row.rr_cursor;
    const batchItems: BatchItemRequest[] = [];
    for (const item of items) {
      const chosen = choosePersonas({ allocation: settings.allocation, personaIds, count: settings.postsPerRun, cursor, seed: `${row.id}|${row.execution_count}|${item.key}`, text: `${item.topic}\n${item.context}`, expertise });
      cursor = chosen.cursor;
      for (const personaId of chosen.personaIds) batchItems.push({ personaId, topic: item.topic, context: item.context, triggerId: row.id, triggerItem: item.key });
    }
    const claimed = this.triggers.beginRun(row.id, runId, items.map((i) => i.key), cursor, now);
    // Another process took every item first: it runs them, this one does nothing.
    if (claimed === null) return { fired: false, run: null, reason: say('kol.trig.noNewItems') };
    const taken = new Set(claimed);
    const request: BatchRequest = {
      title: `${settings.title} · ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC`.slice(0, 200),
      items: batchItems.filter((b) => taken.has(b.triggerItem!)),
      postAt: postAt(settings, now),
    };
    try {
      const batch = await this.starter.start(request);
      this.triggers.runStarted(row.id, runId, batch.id);
      return { fired: true, run: this.triggers.run(runId), reason: null };
    } catch (err) {
      const error = localizedOf(err, 'start');
      this.triggers.runFailed(row.id, runId, error);
      // A threshold that could not start its batch fires again at the next poll where it still holds.
      if (row.trigger_type === 'threshold') this.triggers.setThreshold(row.id, this.triggers.get(row.id)?.last_value ?? 0, false);
      return { fired: false, run: this.triggers.run(runId), reason: error };
    }
  }
}

function postAt(settings: ScheduleSettings, now: number): number | null {
  return settings.postTime ? nextClockTime(settings.postTime.at, settings.postTime.timeZone, now) : null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function describeCondition(c: Extract<TriggerConfig, { type: 'threshold' }>['condition']): string {
  switch (c.kind) {
    case 'above':
      return `> ${c.value}`;
    case 'below':
      return `< ${c.value}`;
    case 'crossesAbove':
      return `crosses above ${c.value}`;
    case 'crossesBelow':
      return `crosses below ${c.value}`;
    case 'spike':
      return `> ${c.factor} × average of the last ${c.samples} ${c.sampleBy === 'day' ? 'days' : 'samples'}`;
  }
}
