import type { Migration } from './migration.js';

/** The KOL agency workspace's personas and post records (issue 14, seed 003 `kol_profiles` and `post_records`). */
export const kolCoreMigrations: Migration[] = [
  {
    version: 6,
    name: 'KOL personas and post records',
    sql: `
      CREATE TABLE kol_personas (
        id TEXT PRIMARY KEY,
        nickname TEXT NOT NULL,
        -- Everything else the persona says about itself (src/shared/kol/persona.ts PersonaSettings), as JSON.
        settings TEXT NOT NULL,
        client_id TEXT,
        auto_approve INTEGER NOT NULL DEFAULT 0 CHECK (auto_approve IN (0, 1)),
        learning_enabled INTEGER NOT NULL DEFAULT 0 CHECK (learning_enabled IN (0, 1)),
        archived_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX kol_personas_client ON kol_personas (client_id) WHERE archived_at IS NULL;
      -- The publish accounts a persona posts to (no password is ever stored: accounts connect through the vault).
      CREATE TABLE kol_persona_accounts (
        persona_id TEXT NOT NULL REFERENCES kol_personas (id) ON DELETE CASCADE,
        account_id TEXT NOT NULL REFERENCES publish_accounts (id),
        PRIMARY KEY (persona_id, account_id)
      );
      CREATE TABLE kol_posts (
        id TEXT PRIMARY KEY,
        persona_id TEXT NOT NULL REFERENCES kol_personas (id),
        client_id TEXT,
        topic TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        content_md TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL CHECK (status IN ('draft', 'pending_review', 'approved', 'scheduled', 'published', 'failed', 'rejected', 'needs_changes')),
        reviewer_notes TEXT,
        approved_by TEXT,
        approved_at INTEGER,
        account_id TEXT,
        platform TEXT,
        outbox_post_id TEXT,
        scheduled_at INTEGER,
        published_at INTEGER,
        platform_post_id TEXT,
        url TEXT,
        -- A Localized ({ key, params }) as JSON.
        publish_error TEXT,
        views INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0),
        likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
        comments INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0),
        shares INTEGER NOT NULL DEFAULT 0 CHECK (shares >= 0),
        saves INTEGER NOT NULL DEFAULT 0 CHECK (saves >= 0),
        metrics_at INTEGER,
        metrics_source TEXT CHECK (metrics_source IN ('platform', 'manual', 'csv')),
        -- Scores kept as columns for the review queue's filters and as JSON for their reasons.
        quality_score REAL,
        ai_detection_score REAL,
        risk_level TEXT CHECK (risk_level IN ('low', 'medium', 'high')),
        scores TEXT,
        generation_params TEXT,
        trigger_id TEXT,
        trigger_item TEXT,
        batch_id TEXT,
        batch_item INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- The review queue (src/main/kol/queue.ts): keyset pages newest first on (created_at, id), one index range per
      -- state (and risk, persona or client) merged; every index has (created_at, id) right after its prefix so each
      -- range is read in order, and carries the score columns so the filters on them are checked without the row.
      CREATE INDEX kol_posts_newest ON kol_posts (created_at, id, risk_level, quality_score);
      CREATE INDEX kol_posts_queue ON kol_posts (status, created_at, id, risk_level, quality_score);
      CREATE INDEX kol_posts_risk ON kol_posts (status, risk_level, created_at, id, quality_score);
      CREATE INDEX kol_posts_persona_queue ON kol_posts (persona_id, status, created_at, id, risk_level, quality_score);
      CREATE INDEX kol_posts_client ON kol_posts (client_id, status, created_at, id, risk_level, quality_score);
      -- A persona's latest posts (duplication is scored against the last 50).
      CREATE INDEX kol_posts_persona ON kol_posts (persona_id, created_at);
      CREATE INDEX kol_posts_outbox ON kol_posts (outbox_post_id) WHERE outbox_post_id IS NOT NULL;
      CREATE UNIQUE INDEX kol_posts_batch_item ON kol_posts (batch_id, batch_item) WHERE batch_id IS NOT NULL;
      CREATE UNIQUE INDEX kol_posts_trigger_item ON kol_posts (trigger_id, trigger_item, persona_id) WHERE trigger_item IS NOT NULL;
      -- The queue's search: a trigram index of title and content (substrings of 3+ characters, Chinese included), kept by
      -- triggers under the record's rowid (the studio never VACUUMs, which could renumber them); a search word that few
      -- records hold is looked up here instead of reading the queue's ranges to the end. The page still checks the
      -- record itself (LIKE), so this index can only ever make a search faster, never show a record that does not match.
      CREATE VIRTUAL TABLE kol_posts_search USING fts5(title, content, tokenize = 'trigram');
      CREATE TRIGGER kol_posts_search_insert AFTER INSERT ON kol_posts BEGIN
        INSERT INTO kol_posts_search (rowid, title, content) VALUES (new.rowid, new.title, new.content);
      END;
      CREATE TRIGGER kol_posts_search_update AFTER UPDATE OF title, content ON kol_posts BEGIN
        DELETE FROM kol_posts_search WHERE rowid = old.rowid;
        INSERT INTO kol_posts_search (rowid, title, content) VALUES (new.rowid, new.title, new.content);
      END;
      CREATE TRIGGER kol_posts_search_delete AFTER DELETE ON kol_posts BEGIN
        DELETE FROM kol_posts_search WHERE rowid = old.rowid;
      END;
      -- Every change of state: who and when (issue 14).
      CREATE TABLE kol_post_events (
        post_id TEXT NOT NULL REFERENCES kol_posts (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        note TEXT,
        PRIMARY KEY (post_id, seq)
      );
    `,
  },
];
