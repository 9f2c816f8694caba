import type { Migration } from './migration.js';

/**
 * The review queue's search index rebuilt so that words of 1–2 characters
 * (common in Chinese: 「股」「保健」) are looked up too (issue 14); version 20.
 *
 * Measured over 100,000 bench records before picking (nice, 2 busy cores): a
 * side table of every distinct 1- and 2-character gram, filled by triggers,
 * cost ≈ 1.3 ms per inserted record (SQLite's substr walks UTF-8 from the
 * start, so splitting a text in SQL is quadratic) and 77–100 MB more; this
 * rebuild costs ≈ 0.04 ms more per insert and ≈ 5 % more space, and a rare
 * 1–2 character word is found in well under a millisecond.
 *
 * How: every trigram starting with the word is a range of the index's terms
 * (read through the fts5vocab table), so the records holding the word are the
 * documents of that range — except where the word ends a column and no
 * trigram starts with it. Each column is therefore indexed with two U+FFFF
 * (a Unicode noncharacter, never in real text) after it, so every occurrence
 * of every 1–2 character word begins some trigram.
 *
 * Case: the text is indexed as SQLite's lower() gives it (ASCII only) with the
 * tokenizer's own Unicode case folding off, and the queue lowers the search's
 * ASCII the same way, so the index selects exactly what the page's LIKE (ASCII
 * case-insensitive) accepts. The page still checks LIKE on the record itself.
 */
const PAD = 'char(65535, 65535)';

export const kolSearchMigrations: Migration[] = [
  {
    version: 20,
    name: 'KOL queue search: words of 1–2 characters indexed',
    sql: `
      DROP TRIGGER kol_posts_search_insert;
      DROP TRIGGER kol_posts_search_update;
      DROP TRIGGER kol_posts_search_delete;
      DROP TABLE kol_posts_search;
      CREATE VIRTUAL TABLE kol_posts_search USING fts5(title, content, tokenize = 'trigram case_sensitive 1');
      -- One row per (trigram, record, column, offset): the queue reads the documents of a range of terms.
      CREATE VIRTUAL TABLE kol_posts_search_terms USING fts5vocab(kol_posts_search, instance);
      CREATE TRIGGER kol_posts_search_insert AFTER INSERT ON kol_posts BEGIN
        INSERT INTO kol_posts_search (rowid, title, content) VALUES (new.rowid, lower(new.title) || ${PAD}, lower(new.content) || ${PAD});
      END;
      CREATE TRIGGER kol_posts_search_update AFTER UPDATE OF title, content ON kol_posts BEGIN
        DELETE FROM kol_posts_search WHERE rowid = old.rowid;
        INSERT INTO kol_posts_search (rowid, title, content) VALUES (new.rowid, lower(new.title) || ${PAD}, lower(new.content) || ${PAD});
      END;
      CREATE TRIGGER kol_posts_search_delete AFTER DELETE ON kol_posts BEGIN
        DELETE FROM kol_posts_search WHERE rowid = old.rowid;
      END;
      -- The records written before this version.
      INSERT INTO kol_posts_search (rowid, title, content) SELECT rowid, lower(title) || ${PAD}, lower(content) || ${PAD} FROM kol_posts;
    `,
  },
];
