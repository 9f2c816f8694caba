import { randomUUID } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KolPostFilter } from '../../src/shared/api/kol-contract.js';
import { indexLookup, KolQueue, SEARCH_DRIVE_MAX } from '../../src/main/kol/queue.js';
import { openStore } from '../../src/main/store/db.js';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src/main/store/migrations/index.js';
import { tempHome } from '../helpers/studio.js';
import { kolWorld, LIN } from './world.js';

/**
 * The review queue's search (migration 20) against SQLite's own LIKE, the
 * oracle the page promises to equal: a few thousand records of Chinese,
 * English in mixed case, emoji and LIKE's special characters, written through
 * the contract and straight into the table, then edited and deleted. For
 * every word, the records the index names must be exactly the ones LIKE
 * finds (so the index alone would be right), and the queue's pages must be
 * LIKE's records in keyset order.
 */

/** A small fast PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
// Common pieces (most records hold some), and rare ones (a few records each): both ways through the queue.
const COMMON = ['股', '保健', '的', '市場', '投資', '咖啡', ' ', '，', 'ETF', 'Stock', 'buy', '今天', '。'];
const RARE = ['鳳梨酥', '鳳', '梨', '龘', 'É', 'é', 'ß', 'İ', 'Ω', '📈', '👍🏽', '👨‍👩‍👧', '🍍', '%', '_', '\\', '"', "'", '\n', 'aI', 'Zq', 'x', '股票', '保險'];
const text = (pieces: number): string =>
  Array.from({ length: pieces }, () => {
    const piece = random() < 0.08 ? pick(RARE) : pick(COMMON);
    // Flip ASCII case now and then: LIKE ignores it, the index must too.
    return random() < 0.3 ? piece.toUpperCase() : random() < 0.3 ? piece.toLowerCase() : piece;
  }).join('');

/** `n` of `xs` drawn with the seeded PRNG (SQLite's random() could not be replayed). */
function someOf<T>(xs: T[], n: number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** Ids of the records SQLite's LIKE finds, in the queue's order, with the other filters applied. */
function likeOracle(db: BetterSqlite3.Database, search: string, filter: Omit<KolPostFilter, 'search'> = {}): string[] {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = ["(title LIKE ? ESCAPE '\\' OR content LIKE ? ESCAPE '\\')"];
  const params: unknown[] = [like, like];
  if (filter.statuses) {
    where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
    params.push(...filter.statuses);
  }
  if (filter.personaId) {
    where.push('persona_id = ?');
    params.push(filter.personaId);
  }
  return (db.prepare(`SELECT id FROM kol_posts WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC`).all(...params) as { id: string }[]).map((r) => r.id);
}

/** The ids the index alone names for `search`, in rowid order mapped to ids. */
function indexed(db: BetterSqlite3.Database, search: string): string[] {
  const lookup = indexLookup(search);
  const rows = db.prepare(`SELECT id FROM kol_posts WHERE rowid IN (${lookup.rowids}) ORDER BY id`).all(...lookup.params) as { id: string }[];
  return rows.map((r) => r.id);
}

function allPages(queue: KolQueue, filter: KolPostFilter, limit: number): string[] {
  const seen: string[] = [];
  let cursor = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = queue.page(filter, cursor, limit);
    seen.push(...page.ids);
    if (!page.next) return seen;
    cursor = page.next;
  }
  throw new Error('the queue never ended');
}

/** Words to look for: fixed hard cases, and 1–6 character pieces cut from records with their ASCII case changed. */
function searchWords(db: BetterSqlite3.Database): string[] {
  const fixed = ['股', '保健', 'e', 'E', 'Et', 'ETF', 'etf', '📈', '👍', '👍🏽', '🏽', '%', '_', '\\', '"', 'É', 'é', 'ß', 'i', 'İ', '股 E', '股 ETF', 'a%', '鳳梨', '鳳', '龘', '\n', '\uFFFF', '不在', 'zz'];
  const texts = someOf(db.prepare('SELECT title, content FROM kol_posts ORDER BY rowid').all() as { title: string; content: string }[], 40).flatMap((r) => [r.title, r.content]);
  const cut = texts.map((t, i) => {
    const chars = [...t];
    const length = 1 + (i % 6);
    const at = Math.floor(random() * Math.max(1, chars.length - length));
    const piece = chars.slice(at, at + length).join('');
    return i % 3 === 0 ? piece.toUpperCase() : piece;
  });
  return [...new Set([...fixed, ...cut].map((w) => w.trim()).filter((w) => w.length > 0))];
}

describe('the queue search against LIKE', () => {
  let w: ReturnType<typeof kolWorld>;
  let personaId: string;
  let otherPersona: string;

  beforeAll(async () => {
    w = kolWorld();
    personaId = (await w.call('kol.personas.create', { ...LIN, accountIds: [w.accounts['facebook:Tea House']!] })).id;
    otherPersona = (await w.call('kol.personas.create', { ...LIN, nickname: '王大明', clientId: 'client-a' })).id;
  });
  afterAll(async () => {
    await w.studio.close();
  });

  it('every word finds exactly what LIKE finds, through inserts, edits and deletes, in keyset order', async () => {
    const db = w.studio.store.sqlite;
    // Through the contract (the real write path and its triggers) …
    const made: string[] = [];
    for (let i = 0; i < 60; i++) made.push((await w.call('kol.posts.create', { personaId: i % 2 ? personaId : otherPersona, topic: '投資', content: text(12) })).id);
    // … and a few thousand straight into the table, as a bulk import would.
    const insert = db.prepare(
      `INSERT INTO kol_posts (id, persona_id, client_id, topic, title, content, content_md, status, created_at, updated_at)
       VALUES (?, ?, NULL, 't', ?, ?, '', ?, ?, ?)`,
    );
    w.studio.store.transaction(() => {
      for (let i = 0; i < 3600; i++) {
        // Several records share a millisecond: the id breaks the tie.
        const at = 1_800_000_000_000 + Math.floor(i / 3);
        insert.run(randomUUID(), i % 2 ? personaId : otherPersona, random() < 0.1 ? '' : text(2), text(1 + Math.floor(random() * 30)), pick(['pending_review', 'draft', 'approved']), at, at);
      }
    });
    // Edits through the contract (title and content) and in place (one column at a time); deletes.
    for (const id of made.slice(0, 30)) await w.call('kol.posts.edit', { id, title: text(2), content: text(10) });
    // The records written straight in (those made through the contract stay, for the contract's edit below).
    const rows = someOf((db.prepare("SELECT id FROM kol_posts WHERE topic = 't' ORDER BY rowid").all() as { id: string }[]).map((r) => r.id), 900);
    const setTitle = db.prepare('UPDATE kol_posts SET title = ? WHERE id = ?');
    const setContent = db.prepare('UPDATE kol_posts SET content = ? WHERE id = ?');
    const remove = db.prepare('DELETE FROM kol_posts WHERE id = ?');
    w.studio.store.transaction(() => {
      rows.slice(0, 300).forEach((id) => setTitle.run(text(3), id));
      rows.slice(300, 600).forEach((id) => setContent.run(text(8), id));
      rows.slice(600).forEach((id) => remove.run(id));
    });

    const queue = new KolQueue(db);
    let viaIndex = 0;
    let viaLanes = 0;
    for (const word of searchWords(db)) {
      const expected = likeOracle(db, word);
      expect(indexed(db, word), `index for ${JSON.stringify(word)}`).toEqual([...expected].sort());
      if (expected.length <= SEARCH_DRIVE_MAX) viaIndex++;
      else viaLanes++;
      expect(allPages(queue, { search: word }, 100), `pages for ${JSON.stringify(word)}`).toEqual(expected);
      expect(allPages(queue, { search: word, statuses: ['pending_review', 'approved'], personaId }, 50), `filtered pages for ${JSON.stringify(word)}`).toEqual(
        likeOracle(db, word, { statuses: ['pending_review', 'approved'], personaId }),
      );
    }
    // Most words are rare enough to be read from the index, the commonest through the lanes: both ways were compared.
    expect(viaIndex).toBeGreaterThan(40);
    expect(viaLanes).toBeGreaterThan(0);
    // Through the contract: a one-character word in an edited record, and none of its old text.
    const edited = made[0]!;
    await w.call('kol.posts.edit', { id: edited, title: '龘', content: '只有這篇寫了 Ω' });
    const found = async (search: string) => (await w.call('kol.posts.list', { filter: { search, personaId: otherPersona }, limit: 200 })).items.map((p) => p.id);
    expect(await found('龘')).toContain(edited);
    expect(await found('ω')).toEqual(likeOracle(db, 'ω', { personaId: otherPersona }));
    expect(await found('Ω')).toContain(edited);
  });
});

describe('migration 20', () => {
  it('indexes the records of a database written before it, for words of every length', async () => {
    const file = path.join(tempHome('kingjam-kol-search-'), 'studio.db');
    // The database as version 19 left it, with records written then.
    const old = new BetterSqlite3(file);
    old.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const m of migrations.filter((x) => x.version < 20).sort((a, b) => a.version - b.version)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, 0);
    }
    old.prepare("INSERT INTO kol_personas (id, nickname, settings, created_at, updated_at) VALUES ('p1', 'old', '{}', 0, 0)").run();
    const insert = old.prepare("INSERT INTO kol_posts (id, persona_id, topic, title, content, content_md, status, created_at, updated_at) VALUES (?, 'p1', 't', ?, ?, '', 'pending_review', ?, ?)");
    old.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(`old-${String(i).padStart(4, '0')}`, text(2), text(1 + (i % 25)), i, i);
      insert.run('old-last', 'Title', '保健', 5000, 5000);
    })();
    old.close();

    const store = openStore(file);
    try {
      const db = store.sqlite;
      expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT COUNT(*) AS n FROM kol_posts_search').get()).toEqual({ n: 1001 });
      const queue = new KolQueue(db);
      for (const word of [...searchWords(db), 'title', 'TITLE', 'e', '保健']) {
        const expected = likeOracle(db, word);
        expect(indexed(db, word), `index for ${JSON.stringify(word)}`).toEqual([...expected].sort());
        expect(allPages(queue, { search: word }, 200), `pages for ${JSON.stringify(word)}`).toEqual(expected);
      }
      // The record whose whole content is the word (the word ends the column): found by the padding.
      expect(queue.page({ search: '健' }, null, 50).ids).toContain('old-last');
      // Written after the migration, kept by the new triggers.
      db.prepare("INSERT INTO kol_posts (id, persona_id, topic, title, content, content_md, status, created_at, updated_at) VALUES ('new', 'p1', 't', '', '龘', '', 'draft', 9000, 9000)").run();
      expect(queue.page({ search: '龘' }, null, 50).ids[0]).toBe('new');
    } finally {
      store.close();
    }
  });
});
