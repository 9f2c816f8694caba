import { z } from 'zod';
import { QUEUES } from './jobs/queues.js';

export const LANGUAGES = ['zh-TW', 'zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Retention per media kind, in days (seed: short videos 7, social and blog images 14, scheduled media 30). */
export const RETENTION_KINDS = ['shortVideo', 'socialImage', 'blogImage', 'scheduledMedia'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export const DEFAULT_RETENTION_DAYS: Record<RetentionKind, number> = {
  shortVideo: 7,
  socialImage: 14,
  blogImage: 14,
  scheduledMedia: 30,
};

export const DEFAULT_CONCURRENCY = { high: 2, default: 4, video: 1, mesh: 1 } as const;

const concurrency = z.number().int().min(1).max(16);
const retentionDays = z.number().int().min(1).max(3650);

export const settingsSchema = z.object({
  language: z.enum(LANGUAGES),
  concurrency: z.object({ high: concurrency, default: concurrency, video: concurrency, mesh: concurrency }),
  retentionDays: z.object({
    shortVideo: retentionDays,
    socialImage: retentionDays,
    blogImage: retentionDays,
    scheduledMedia: retentionDays,
  }),
  /** Jobs wait while the machine's free memory is below this many MiB. */
  minFreeMemoryMb: z.number().int().min(0).max(1024 * 1024),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-TW',
  concurrency: { ...DEFAULT_CONCURRENCY },
  retentionDays: { ...DEFAULT_RETENTION_DAYS },
  minFreeMemoryMb: 256,
};

export const settingsPatchSchema = z
  .object({
    language: settingsSchema.shape.language,
    concurrency: settingsSchema.shape.concurrency.partial(),
    retentionDays: settingsSchema.shape.retentionDays.partial(),
    minFreeMemoryMb: settingsSchema.shape.minFreeMemoryMb,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse({
    ...current,
    ...(patch.language ? { language: patch.language } : {}),
    ...(patch.minFreeMemoryMb !== undefined ? { minFreeMemoryMb: patch.minFreeMemoryMb } : {}),
    concurrency: { ...current.concurrency, ...patch.concurrency },
    retentionDays: { ...current.retentionDays, ...patch.retentionDays },
  });
}

export { QUEUES };
