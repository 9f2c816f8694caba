import { DEFAULT_SETTINGS, applySettingsPatch, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import type { Store } from './db.js';
import { readKv, writeKv } from './kv.js';

const KEY = 'app';

/** Settings live as one JSON row; unknown or invalid stored values fall back to defaults. */
export function readSettings(store: Store): Settings {
  const stored = readKv<object>(store, KEY);
  if (!stored) return structuredClone(DEFAULT_SETTINGS);
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

export function writeSettings(store: Store, patch: SettingsPatch): Settings {
  const next = applySettingsPatch(readSettings(store), patch);
  writeKv(store, KEY, next);
  return next;
}
