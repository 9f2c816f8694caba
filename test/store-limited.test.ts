import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/main/store/db.js';
import { limitedStatement } from '../src/main/store/limited.js';
import { tempHome } from './helpers/studio.js';

describe('statements with their LIMIT written in', () => {
  it('return at most the limit asked, keep one statement per limit, and refuse a limit that is not a whole number', () => {
    const store = openStore(path.join(tempHome(), 'studio.sqlite'), { checkpointThreadAfterMs: null });
    const insert = store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 30; i++) insert.run(`row${String(i).padStart(2, '0')}`, String(i));
    const rows = limitedStatement(store.sqlite, (n) => `SELECT key FROM settings WHERE key LIKE 'row%' AND key >= ? ORDER BY key LIMIT ${n}`);
    expect((rows(3).all('row10') as { key: string }[]).map((r) => r.key)).toEqual(['row10', 'row11', 'row12']);
    expect(rows(0).all('row00')).toEqual([]);
    expect(rows(100).all('row25')).toHaveLength(5);
    expect(rows(3)).toBe(rows(3));
    expect(rows(3)).not.toBe(rows(4));
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => rows(bad)).toThrow(RangeError);
    store.close();
  });
});
