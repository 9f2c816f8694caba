import { RETENTION_KINDS, type RetentionKind, type Settings, type SettingsPatch } from '../../../shared/settings.js';
import { QUEUES, type QueueName } from '../../../shared/jobs/queues.js';

/** The editable numbers of Settings, as the text the fields hold. */
export interface SettingsDraft {
  concurrency: Record<QueueName, string>;
  retentionDays: Record<RetentionKind, string>;
  minFreeMemoryMb: string;
}

export const LIMITS = {
  concurrency: { min: 1, max: 16 },
  retentionDays: { min: 1, max: 3650 },
  minFreeMemoryMb: { min: 0, max: 1024 * 1024 },
} as const;

export function draftOf(settings: Settings): SettingsDraft {
  return {
    concurrency: { high: String(settings.concurrency.high), default: String(settings.concurrency.default), video: String(settings.concurrency.video), mesh: String(settings.concurrency.mesh) },
    retentionDays: {
      shortVideo: String(settings.retentionDays.shortVideo),
      socialImage: String(settings.retentionDays.socialImage),
      blogImage: String(settings.retentionDays.blogImage),
      scheduledMedia: String(settings.retentionDays.scheduledMedia),
    },
    minFreeMemoryMb: String(settings.minFreeMemoryMb),
  };
}

function whole(value: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** The patch that turns `settings` into the draft, or null when a field is invalid. */
export function patchOf(settings: Settings, draft: SettingsDraft): SettingsPatch | null {
  const patch: SettingsPatch = {};
  const concurrency: Partial<Record<QueueName, number>> = {};
  for (const queue of QUEUES) {
    const n = whole(draft.concurrency[queue], LIMITS.concurrency.min, LIMITS.concurrency.max);
    if (n === null) return null;
    if (n !== settings.concurrency[queue]) concurrency[queue] = n;
  }
  const retentionDays: Partial<Record<RetentionKind, number>> = {};
  for (const kind of RETENTION_KINDS) {
    const n = whole(draft.retentionDays[kind], LIMITS.retentionDays.min, LIMITS.retentionDays.max);
    if (n === null) return null;
    if (n !== settings.retentionDays[kind]) retentionDays[kind] = n;
  }
  const memory = whole(draft.minFreeMemoryMb, LIMITS.minFreeMemoryMb.min, LIMITS.minFreeMemoryMb.max);
  if (memory === null) return null;
  if (Object.keys(concurrency).length > 0) patch.concurrency = concurrency;
  if (Object.keys(retentionDays).length > 0) patch.retentionDays = retentionDays;
  if (memory !== settings.minFreeMemoryMb) patch.minFreeMemoryMb = memory;
  return patch;
}
