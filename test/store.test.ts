import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths, resolveDataDir } from '../src/main/paths.js';
import { openStore } from '../src/main/store/db.js';
import { LATEST_SCHEMA_VERSION } from '../src/main/store/migrations/index.js';
import { readSettings, writeSettings } from '../src/main/store/settings.js';
import { writeKv } from '../src/main/store/kv.js';
import { DEFAULT_SETTINGS } from '../src/shared/settings.js';
import { tempHome } from './helpers/studio.js';

describe('local store', () => {
  it('opens with WAL, foreign keys and all migrations applied', () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    const store = openStore(file);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const v = store.sqlite.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number };
    expect(v.v).toBe(LATEST_SCHEMA_VERSION);
    store.close();
    // Re-opening applies nothing twice.
    const again = openStore(file);
    expect((again.sqlite.prepare('SELECT COUNT(*) AS n FROM schema_version').get() as { n: number }).n).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuses a database from a newer app, and changes nothing', () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    openStore(file).close();
    const raw = openStore(file);
    raw.sqlite.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(LATEST_SCHEMA_VERSION + 5, Date.now());
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openStore(file)).toThrow(
      `written by a newer KingJam Studio (schema version ${LATEST_SCHEMA_VERSION + 5}; this app knows up to ${LATEST_SCHEMA_VERSION})`,
    );
    try {
      openStore(file);
    } catch (err) {
      expect(err).toMatchObject({ code: 'DB_NEWER_THAN_APP', hint: expect.stringContaining('Update KingJam Studio') });
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a corrupt database with a recovery message', () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    try {
      openStore(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'DB_CORRUPT' });
      expect((err as { hint: string }).hint).toContain('studio.sqlite.broken');
    }
  });

  it('detects damage inside a valid database file with integrity_check', () => {
    const file = path.join(tempHome(), 'studio.sqlite');
    const store = openStore(file);
    const insert = store.sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
    for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'x'.repeat(200));
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // Overwrite a page in the middle of the file (not the header): the b-tree no longer checks out.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 4096 * 20);
    fs.closeSync(fd);
    expect(() => openStore(file)).toThrow(/database is damaged/);
  });

  it('keeps settings, defaulting per field, with the seed retention days', () => {
    const store = openStore(path.join(tempHome(), 'studio.sqlite'));
    expect(readSettings(store)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.retentionDays).toEqual({ shortVideo: 7, socialImage: 14, blogImage: 14, scheduledMedia: 30 });
    expect(DEFAULT_SETTINGS.language).toBe('zh-TW');
    const next = writeSettings(store, { language: 'en', concurrency: { video: 2 } });
    expect(next.concurrency).toEqual({ high: 2, default: 4, video: 2, mesh: 1 });
    expect(readSettings(store).language).toBe('en');
    store.close();
  });

  it('keeps stored choices when a queue is added later (a row written before the mesh queue)', () => {
    const store = openStore(path.join(tempHome(), 'studio.sqlite'));
    writeKv(store, 'app', { ...DEFAULT_SETTINGS, language: 'en', concurrency: { high: 3, default: 5, video: 2 } });
    const read = readSettings(store);
    expect(read.language).toBe('en');
    expect(read.concurrency).toEqual({ high: 3, default: 5, video: 2, mesh: 1 });
    store.close();
  });

  it('puts the data folder in KINGJAM_HOME, else the per-OS app-data folder', () => {
    expect(resolveDataDir({ KINGJAM_HOME: '/srv/kj' })).toBe('/srv/kj');
    expect(resolveDataDir({ XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/kingjam-studio');
    expect(resolveDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/KingJam Studio$/);
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('KingJam Studio');
    expect(dataPaths('/h').library).toBe(path.join('/h', 'library'));
  });
});
