import type { Allocation, KolScheduleView, ScheduleInput, TriggerInput, TriggerType } from '../../../shared/kol/triggers.js';

/**
 * The schedule form's state: every field as the inputs hold it (lists as
 * text, numbers as strings), turned into a ScheduleInput only on save or
 * preview. Main checks everything again (zod, cron, zones, personas).
 */
export interface ScheduleDraft {
  title: string;
  description: string;
  type: TriggerType;
  topic: string;
  cron: string;
  timeZone: string;
  /** One URL per line. */
  feeds: string;
  /** Comma- or line-separated. */
  keywords: string;
  excludes: string;
  pollMinutes: string;
  url: string;
  path: string;
  condition: 'above' | 'below' | 'crossesAbove' | 'crossesBelow' | 'spike';
  value: string;
  factor: string;
  samples: string;
  sampleBy: 'day' | 'poll';
  allocation: Allocation;
  personaIds: string[];
  postsPerRun: string;
  /** Empty: the reviewer chooses when the posts go out. */
  postAt: string;
  postZone: string;
}

export const EMPTY_DRAFT: ScheduleDraft = {
  title: '',
  description: '',
  type: 'news',
  topic: '',
  cron: '0 9 * * 1-5',
  timeZone: 'Asia/Taipei',
  feeds: '',
  keywords: '',
  excludes: '',
  pollMinutes: '15',
  url: '',
  path: '$.msgArray[0].v',
  condition: 'spike',
  value: '0',
  factor: '2',
  samples: '20',
  sampleBy: 'day',
  allocation: 'round-robin',
  personaIds: [],
  postsPerRun: '1',
  postAt: '',
  postZone: 'Asia/Taipei',
};

const list = (text: string): string[] =>
  text
    .split(/[\n,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function triggerOf(d: ScheduleDraft): TriggerInput {
  const poll = Number(d.pollMinutes) || 15;
  switch (d.type) {
    case 'time':
      return { type: 'time', cron: d.cron.trim(), timeZone: d.timeZone, topic: d.topic };
    case 'news':
    case 'keyword':
      return { type: d.type, feeds: list(d.feeds), keywords: list(d.keywords), excludes: list(d.excludes), pollMinutes: poll };
    case 'threshold':
      return {
        type: 'threshold',
        url: d.url.trim(),
        path: d.path.trim(),
        condition: d.condition === 'spike' ? { kind: 'spike', factor: Number(d.factor), samples: Number(d.samples), sampleBy: d.sampleBy } : { kind: d.condition, value: Number(d.value) },
        timeZone: d.timeZone,
        pollMinutes: poll,
        topic: d.topic,
      };
    case 'custom':
      return { type: 'custom', topic: d.topic };
  }
}

export function inputOf(d: ScheduleDraft): ScheduleInput {
  return {
    title: d.title,
    description: d.description,
    trigger: triggerOf(d),
    allocation: d.allocation,
    personaIds: d.personaIds,
    postsPerRun: Number(d.postsPerRun) || 1,
    postTime: d.postAt ? { at: d.postAt, timeZone: d.postZone } : null,
  };
}

export function draftOf(s: KolScheduleView): ScheduleDraft {
  const d: ScheduleDraft = {
    ...EMPTY_DRAFT,
    title: s.title,
    description: s.description,
    type: s.trigger.type,
    allocation: s.allocation,
    personaIds: s.personaIds,
    postsPerRun: String(s.postsPerRun),
    postAt: s.postTime?.at ?? '',
    postZone: s.postTime?.timeZone ?? 'Asia/Taipei',
  };
  const t = s.trigger;
  if (t.type === 'time') return { ...d, cron: t.cron, timeZone: t.timeZone, topic: t.topic };
  if (t.type === 'news' || t.type === 'keyword') return { ...d, feeds: t.feeds.join('\n'), keywords: t.keywords.join(', '), excludes: t.excludes.join(', '), pollMinutes: String(t.pollMinutes) };
  if (t.type === 'custom') return { ...d, topic: t.topic };
  const c = t.condition;
  return {
    ...d,
    url: t.url,
    path: t.path,
    timeZone: t.timeZone,
    pollMinutes: String(t.pollMinutes),
    topic: t.topic,
    condition: c.kind,
    ...(c.kind === 'spike' ? { factor: String(c.factor), samples: String(c.samples), sampleBy: c.sampleBy } : { value: String(c.value) }),
  };
}
