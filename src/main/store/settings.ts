import { DEFAULT_SETTINGS, applySettingsPatch, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import type { Store } from './db.js';
import { readKv, writeKv } from './kv.js';

const KEY = 'app';

/** Settings live as one JSON row; unknown or invalid stored values fall back to defaults. */
export function readSettings(store: Store): Settings {
  const stored = readKv<Partial<Settings>>(store, KEY);
  if (!stored) return structuredClone(DEFAULT_SETTINGS);
  const parsed = settingsSchema.safeParse(withDefaults(stored));
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

export function writeSettings(store: Store, patch: SettingsPatch): Settings {
  const next = applySettingsPatch(readSettings(store), patch);
  writeKv(store, KEY, next);
  return next;
}

/** A queue or retention field added since the row was written (the mesh queue, issue 16) takes its default instead of dropping every stored choice. */
function withDefaults(stored: Partial<Settings>): object {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    concurrency: { ...DEFAULT_SETTINGS.concurrency, ...stored.concurrency },
    retentionDays: { ...DEFAULT_SETTINGS.retentionDays, ...stored.retentionDays },
  };
}
