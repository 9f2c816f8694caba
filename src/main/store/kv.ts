import type { Store } from './db.js';

/** Small JSON documents in the settings table (settings, the signed-in account, cached balances). */
export function readKv<T>(store: Store, key: string): T | null {
  const row = store.first(store.q.selectFrom('settings').select('value').where('key', '=', key));
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

export function writeKv(store: Store, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  store.run(store.q.insertInto('settings').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })));
}

export function deleteKv(store: Store, key: string): void {
  store.run(store.q.deleteFrom('settings').where('key', '=', key));
}
