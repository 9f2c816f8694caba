import { DEFAULT_SETTINGS, applySettingsPatch, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import type { Store } from './db.js';

const KEY = 'app';

/** Settings live as one JSON row; unknown or invalid stored values fall back to defaults field by field. */
export function readSettings(store: Store): Settings {
  const row = store.first(store.q.selectFrom('settings').select('value').where('key', '=', KEY));
  if (!row) return structuredClone(DEFAULT_SETTINGS);
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
  const merged = { ...DEFAULT_SETTINGS, ...(stored as object) };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

export function writeSettings(store: Store, patch: SettingsPatch): Settings {
  const next = applySettingsPatch(readSettings(store), patch);
  store.run(
    store.q
      .insertInto('settings')
      .values({ key: KEY, value: JSON.stringify(next) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) })),
  );
  return next;
}
